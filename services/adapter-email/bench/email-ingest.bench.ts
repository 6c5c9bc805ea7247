import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KafkaBus } from '@omni/bus';
import { createPool, runMigrations } from '@omni/db';
import { createTestDatabase, waitFor } from '@omni/testkit';
import { startDovecot } from '@omni/testkit/src/dovecot';
import { ImapFlow } from 'imapflow';
import { benchLogger, benchServers, table, writeResult } from '../../../bench/src/bench-kit';
import { buildEmailAdapter } from '../src/email.adapter';
import { supportAccountConfig } from '../test/email-stack';

/**
 * `pnpm bench email [--count 1000] [--batch 50]`: a real Dovecot mailbox filled with
 * `count` messages (the fixture corpus cycled: every charset, attachments, HTML, replies;
 * each with a unique Message-ID), then ingested from scratch by the email adapter into
 * real Kafka and PostgreSQL. Reports the time from the adapter's start until the cursor
 * has passed the last message (every message published and committed).
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { count: { type: 'string', default: '1000' }, batch: { type: 'string', default: '50' } },
  });
  const count = Number(values.count);
  const batchSize = Number(values.batch);
  const log = benchLogger();
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const fixtures = join(__dirname, '..', 'test', 'fixtures');
  const corpus = readdirSync(fixtures)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => readFileSync(join(fixtures, f)).toString('latin1'));

  const servers = await benchServers(log);
  const dovecot = await startDovecot();
  const db = await createTestDatabase(servers.adminUrl, 'bench_email');
  const pool = createPool({ url: db.url, log, max: 4 });
  let bus: KafkaBus | undefined;
  try {
    await runMigrations(pool, log);
    out(
      `email ingestion benchmark: ${count} messages (${corpus.length} corpus messages cycled), batch ${batchSize}`,
    );
    const filled = Date.now();
    const client = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: 'support', pass: 'secret' },
      logger: false,
    });
    await client.connect();
    let bytes = 0;
    for (let i = 0; i < count; i++) {
      const raw = withMessageId(corpus[i % corpus.length] as string, `bench-${i}@example.net`);
      bytes += raw.length;
      await client.append('INBOX', Buffer.from(raw, 'latin1'));
    }
    await client.logout();
    out(`mailbox filled in ${Date.now() - filled} ms (${Math.round(bytes / 1024)} KiB)`);

    bus = await KafkaBus.connect({
      brokers: servers.brokers,
      clientId: 'bench-email',
      log,
      topicPrefix: `bench-${randomUUID()}.`,
      createTopics: true,
      topicPartitions: 6,
    });
    const config = supportAccountConfig(dovecot, { batchSize });
    const adapter = buildEmailAdapter({ config, bus, pool, log });
    const started = Date.now();
    await adapter.start?.();
    await waitFor(
      async () => {
        const { rows } = await pool.query<{ last_uid: string }>('SELECT last_uid FROM email_cursors');
        return Number(rows[0]?.last_uid ?? 0) >= count;
      },
      { timeoutMs: 600_000, intervalMs: 20, description: 'the cursor past the last message' },
    );
    const ms = Date.now() - started;
    await adapter.stop?.();
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM email_ingested');
    const ingested = Number(rows[0]?.n ?? 0);
    out(
      table([
        ['messages', 'ingested', 'seconds', 'msgs/s'],
        [count, ingested, ms / 1000, (count / ms) * 1000],
      ]),
    );
    const file = await writeResult('email', {
      benchmark: 'email',
      at: new Date().toISOString(),
      params: { count, batchSize, corpus: corpus.length, bytes },
      servers: servers.source,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      ingestMs: ms,
      ingested,
      rate: (count / ms) * 1000,
    });
    out(`result: ${file}`);
  } finally {
    await bus?.close();
    await pool.end();
    await db.drop();
    await dovecot.stop();
    await servers.stop();
  }
}

/** The message with its Message-ID replaced (or added), so every copy is a distinct message. */
function withMessageId(raw: string, id: string): string {
  const end = raw.search(/\r?\n\r?\n/);
  const head = raw.slice(0, end).replace(/^message-id:.*(\r?\n[ \t].*)*\r?\n?/im, '');
  const nl = head.includes('\r\n') ? '\r\n' : '\n';
  return `Message-ID: <${id}>${nl}${head}${raw.slice(end)}`;
}
