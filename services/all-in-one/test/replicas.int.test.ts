import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Child,
  freePort,
  type Harness,
  runTs,
  startHarness,
  waitFor,
  waitForOutput,
} from '@omni/testkit';

/**
 * Two all-in-one processes on one database and one Kafka, as two replicas behind a load
 * balancer run: every service of each is a replica of the other's, so what is leased runs once
 * and what is consumed is shared by group.
 */
const KEY = `omni_${'r'.repeat(43)}`;
const RELAY_LEASE = 'outbox relay lease acquired';

interface Replica {
  child: Child;
  base: string;
}

let h: Harness;
let dir: string;
const replicas: Replica[] = [];

async function startReplica(): Promise<Replica> {
  const port = await freePort();
  const child = runTs(
    'services/all-in-one/src/main.ts',
    {
      PATH: process.env.PATH,
      PORT: String(port),
      DATABASE_URL: h.databaseUrl,
      KAFKA_BROKERS: h.brokers.join(','),
      // This file's topics and consumer groups on the run's shared Kafka.
      KAFKA_TOPIC_PREFIX: h.topicPrefix,
      // A killed replica's partitions move to the other within seconds, not the default 30.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      OMNI_CONFIG: path.join(dir, 'omni.config.yaml'),
      OMNI_BOOTSTRAP_API_KEY: KEY,
      LOG_LEVEL: 'info',
    },
    dir,
  );
  // Logged once every service of the process has started (its relays and jobs included);
  // `/readyz` answers 200 earlier, as soon as the HTTP intake can publish.
  await waitForOutput(child, 'all-in-one listening', 90_000);
  return { child, base: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  h = await startHarness('all-in-one-replicas');
  dir = mkdtempSync(path.join(tmpdir(), 'omni-all-in-one-'));
  // Every test post comes from one address: the web form's per-sender limits are not under test.
  writeFileSync(
    path.join(dir, 'omni.config.yaml'),
    [
      'channels:',
      '  webform:',
      '    - account: default',
      '      rateLimit: { perIp: { max: 100000, windowSeconds: 1 }, perContact: { max: 100000, windowSeconds: 1 } }',
      '',
    ].join('\n'),
  );
  replicas.push(...(await Promise.all([startReplica(), startReplica()])));
}, 180_000);

afterAll(async () => {
  for (const { child } of replicas) {
    if (child.process.exitCode === null && child.process.signalCode === null) {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  }
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

const submit = (replica: Replica, submissionId: string, message: string) =>
  fetch(`${replica.base}/channels/webform/default/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Replica Test', email: 'replicas@example.com', message, submissionId }),
  });

/** Stored messages of these submissions, by submission. */
async function stored(ids: string[]): Promise<Map<string, number>> {
  const { rows } = await h.pool.query<{ external_id: string; n: number }>(
    `SELECT external_id, count(*)::int AS n FROM messages WHERE external_id = ANY($1) GROUP BY external_id`,
    [ids.map((id) => `sub:${id}`)],
  );
  return new Map(rows.map((r) => [r.external_id.slice('sub:'.length), r.n]));
}

describe('the all-in-one as two replicas', () => {
  it('stores every submission once, whichever replica took it, and one sent to both once', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `alternate-${i}`);
    for (const [i, id] of ids.entries()) {
      expect((await submit(replicas[i % 2] as Replica, id, `message ${i}`)).status).toBe(202);
    }
    // A platform retrying on another replica: the same submission through both.
    for (const replica of replicas) expect((await submit(replica, 'both', 'sent twice')).status).toBe(202);
    const all = [...ids, 'both'];
    const found = await waitFor(
      async () => {
        const counts = await stored(all);
        return counts.size === all.length ? counts : undefined;
      },
      { timeoutMs: 60_000, description: 'every submission stored' },
    );
    expect([...found.values()].filter((n) => n !== 1)).toEqual([]);

    // Either replica's API serves what the other took.
    const list = await fetch(`${replicas[1]?.base}/v1/tickets?limit=200`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    const tickets = ((await list.json()) as { data: Array<{ messageCount: number }> }).data;
    expect(tickets.reduce((sum, t) => sum + t.messageCount, 0)).toBe(all.length);
  });

  it('relays the outbox from one replica only, and the other takes over when that one is killed', async () => {
    // Each of a process's relays (threading's, the ticket service's, automation's) tries the
    // lease at start and, refused, again every 2 s: by now every one has tried.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const holders = replicas.filter((r) => r.child.output().includes(RELAY_LEASE));
    expect(holders.map((r) => r.base)).toHaveLength(1);
    const holder = holders[0] as Replica;
    const survivor = replicas.find((r) => r !== holder) as Replica;

    holder.child.process.kill('SIGKILL');
    await holder.child.exited;
    await waitFor(() => survivor.child.output().includes(RELAY_LEASE), {
      timeoutMs: 60_000,
      description: 'the surviving replica to take the relay over',
    });

    // The survivor alone still takes and stores messages (the killed one's partitions moved to it).
    expect((await submit(survivor, 'after-kill', 'the other one is gone')).status).toBe(202);
    await waitFor(async () => (await stored(['after-kill'])).get('after-kill') === 1, {
      timeoutMs: 60_000,
      description: 'the submission stored by the survivor',
    });
  });
});
