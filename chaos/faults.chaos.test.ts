import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@omni/testkit';
import { startDovecot, type TestDovecot } from '@omni/testkit/src/dovecot';
import { RESULTS_DIR } from '../bench/src/bench-kit';
import { storedTokens, tally, waitStored } from '../bench/src/e2e/check';
import { System } from '../bench/src/e2e/system';
import { DroppingProxy, imapAppend } from './support/imap-faults';
import {
  type FaultOutcome,
  OUTAGE_MS,
  restartsSince,
  restartsSoFar,
  sleep,
  underLoad as underLoadOf,
  writeOutcomes,
} from './support/under-load';

/**
 * Faults injected into the whole system in distributed mode (every service its own
 * supervised process, restarted when it exits as a container runtime would), each while a
 * steady load of signed webhooks, form posts and raw emails runs (support/under-load.ts).
 */
const runTag = randomBytes(3).toString('hex');
const logDir = join(RESULTS_DIR, `chaos-logs-${runTag}`);

let system: System;
let dovecot: TestDovecot;
let proxy: DroppingProxy;
const outcomes: FaultOutcome[] = [];
const underLoad = (name: string, fault: Parameters<typeof underLoadOf>[3]) =>
  underLoadOf(system, outcomes, name, fault);

beforeAll(async () => {
  await mkdir(logDir, { recursive: true });
  dovecot = await startDovecot([{ user: 'support', password: `imap-${runTag}-pw` }]);
  proxy = new DroppingProxy({ host: dovecot.host, port: dovecot.port }, 20_000);
  const imapPort = await proxy.start();
  system = await System.start({
    imap: { host: '127.0.0.1', port: imapPort, user: 'support', password: `imap-${runTag}-pw` },
    servers: 'own',
    partitions: 3,
    logLevel: 'info',
    automation: false,
    // A killed consumer's partitions move on after this, not after kafkajs's 30 s default.
    sessionTimeoutMs: 10_000,
    logDir,
  });
}, 300_000);

afterAll(async () => {
  await writeOutcomes('chaos', outcomes, logDir);
  await system?.stop();
  await proxy?.stop();
  await dovecot?.stop();
}, 120_000);

describe('faults under a steady load', () => {
  it('threading killed with SIGKILL three times', async () => {
    const outcome = await underLoad('threading kill -9 ×3', async () => {
      for (let i = 0; i < 3; i++) {
        await system.ready('threading', 120_000);
        await sleep(3_000);
        system.service('threading').kill('SIGKILL');
        await system.service('threading').waitExit();
      }
      await system.ready('threading', 120_000);
    });
    expect(outcome.restarts.threading).toBe(3);
  });

  it('adapters killed with SIGKILL mid-request', async () => {
    const outcome = await underLoad('adapters kill -9 mid-request', async () => {
      // Under the steady load an adapter always has requests arriving: whatever is in flight
      // at the kill is cut (ECONNRESET), the rest is refused until the restart (ECONNREFUSED).
      for (const adapter of ['adapter-telegram', 'adapter-email', 'adapter-webform']) {
        system.service(adapter).kill('SIGKILL');
        await system.service(adapter).waitExit();
        await sleep(2_000);
      }
    });
    expect(Object.keys(outcome.restarts).sort()).toEqual([
      'adapter-email',
      'adapter-telegram',
      'adapter-webform',
    ]);
  });

  it('Kafka stopped for 30 s, then started again', async () => {
    const outcome = await underLoad('Kafka down 30 s', async () => {
      const kafka = system.kafka;
      if (!kafka) throw new Error('the chaos system runs its own Kafka');
      kafka.kill('SIGTERM');
      await sleep(OUTAGE_MS);
      await kafka.restart();
    });
    // Requests during the outage were refused with a 5xx (or their connection dropped), never a 4xx.
    expect(Object.keys(outcome.statuses).filter((s) => /^[1-4]/.test(s) && !/^2/.test(s))).toEqual([]);
  });

  it('PostgreSQL stopped for 30 s, then started again', async () => {
    const outcome = await underLoad('PostgreSQL down 30 s', async () => {
      const postgres = system.postgres;
      if (!postgres) throw new Error('the chaos system runs its own PostgreSQL');
      await postgres.stop();
      await sleep(OUTAGE_MS);
      await postgres.start();
    });
    expect(Object.keys(outcome.statuses).filter((s) => /^[1-4]/.test(s) && !/^2/.test(s))).toEqual([]);
  });

  it('an outbound webhook receiver that times out, then recovers, gets every event', async () => {
    // The receiver: hangs (no answer: the worker's 10 s timeout) while `hanging`, else 200.
    let hanging = false;
    const received = new Map<string, number>();
    const hung: Array<() => void> = [];
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (hanging) {
          hung.push(() => res.destroy());
          return;
        }
        const id = String(req.headers['webhook-id']);
        received.set(id, (received.get(id) ?? 0) + 1);
        res.writeHead(200).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const api = system.url('tickets');
      const created = await fetch(`${api}/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${system.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
          events: ['ticket.created', 'message.created'],
        }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      await underLoad('webhook receiver hangs 12 s', async () => {
        hanging = true;
        await sleep(12_000);
        hanging = false;
        for (const destroy of hung.splice(0)) destroy();
      });
      const pending = async () =>
        (
          await system.pool.query<{ status: string; n: string }>(
            'SELECT status, count(*) AS n FROM webhook_deliveries WHERE subscription_id = $1 GROUP BY 1',
            [id],
          )
        ).rows;
      await waitFor(async () => (await pending()).every((r) => r.status === 'delivered'), {
        timeoutMs: 120_000,
        description: 'every webhook delivery delivered after the receiver recovered',
      });
      const { rows } = await system.pool.query<{ id: string }>(
        'SELECT id FROM webhook_deliveries WHERE subscription_id = $1',
        [id],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => !received.has(r.id))).toEqual([]);
      const last = outcomes[outcomes.length - 1];
      if (last)
        Object.assign(last, {
          webhookDeliveries: rows.length,
          webhookRedelivered: [...received.values()].filter((n) => n > 1).length,
        });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('an IMAP server that drops the connection mid-fetch: every message stored once', async () => {
    const runId = randomBytes(4).toString('hex');
    const before = restartsSoFar(system);
    const started = Date.now();
    const tokens = Array.from({ length: 40 }, (_, i) => `tok-${runId}-${i}`);
    const filler = 'Заказ не пришёл, помогите пожалуйста. '.repeat(150);
    const mails = tokens.map((token, i) =>
      [
        `From: Customer ${i % 7} <imap${i % 7}@customer.example.com>`,
        'To: support@example.com',
        `Subject: Order ${i}`,
        `Message-ID: <${token}@customer.example.com>`,
        `Date: ${new Date().toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        `${token} ${filler}`,
        '',
      ].join('\r\n'),
    );
    proxy.drops = 3;
    await imapAppend(
      { host: dovecot.host, port: dovecot.port, user: 'support', password: `imap-${runTag}-pw` },
      mails,
    );
    await waitStored(system.pool, runId, tokens, 120_000);
    const counts = tally(tokens.length, tokens, await storedTokens(system.pool, runId));
    outcomes.push({
      fault: `IMAP dropped mid-fetch ×${proxy.dropped}`,
      ...counts,
      requests: tokens.length,
      statuses: { appended: tokens.length },
      restarts: restartsSince(system, before),
      seconds: (Date.now() - started) / 1000,
    });
    expect(proxy.dropped).toBeGreaterThan(0);
    expect({ lost: counts.lostTokens, doubled: counts.doubledTokens }).toEqual({ lost: [], doubled: [] });
  });
});
