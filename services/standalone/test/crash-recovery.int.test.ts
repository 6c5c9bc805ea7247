import type { Bus } from '@omni/bus';
import { type InboundMessageInput, messageId, TOPICS } from '@omni/contracts';
import { publishInbound } from '@omni/service-kit';
import { type Child, type Harness, runTs, startHarness, waitFor, waitForOutput } from '@omni/testkit';
import { THREADING_GROUP } from '@omni/threading';
import { Kafka } from 'kafkajs';

let h: Harness;
let bus: Bus;
const children: Child[] = [];
beforeAll(async () => {
  h = await startHarness('crash');
  bus = await h.kafkaBus();
});
afterAll(async () => {
  for (const c of children) c.process.kill('SIGKILL');
  await h?.close();
});

function message(i: number): InboundMessageInput {
  const at = new Date(Date.UTC(2026, 10, 1, 12, 0, i)).toISOString();
  return {
    version: 1,
    id: messageId('webform', 'default', `crash-${i}`),
    channel: 'webform',
    account: 'default',
    externalId: `crash-${i}`,
    sentAt: at,
    receivedAt: at,
    sender: { externalId: `c${i % 5}@example.com`, displayName: `Customer ${i % 5}` },
    identities: [{ kind: 'email', value: `c${i % 5}@example.com`, verified: false }],
    content: { kind: 'form', text: `message ${i}` },
  };
}

const threading = (env: Record<string, string>) =>
  runTs('services/standalone/test/support/threading-process.ts', {
    PATH: process.env.PATH,
    DATABASE_URL: h.databaseUrl,
    KAFKA_BROKERS: h.brokers.join(','),
    KAFKA_TOPIC_PREFIX: h.topicPrefix,
    ...env,
  });

async function committedOffsets(): Promise<number> {
  const admin = new Kafka({ brokers: h.brokers, logLevel: 0 }).admin();
  await admin.connect();
  try {
    const [topic] = await admin.fetchOffsets({
      groupId: h.groupId(THREADING_GROUP),
      topics: [`${h.topicPrefix}${TOPICS.inbound}`],
    });
    return (topic?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
  } finally {
    await admin.disconnect();
  }
}

const stored = async () => Number((await h.pool.query('SELECT count(*) FROM messages')).rows[0].count);
const duplicates = async () =>
  Number(
    (
      await h.pool.query(
        'SELECT count(*) FROM (SELECT external_id FROM messages GROUP BY 1 HAVING count(*) > 1) d',
      )
    ).rows[0].count,
  );

describe('threading killed between the database commit and the offset commit', () => {
  it('loses nothing and doubles nothing after a restart', async () => {
    await publishInbound(
      bus,
      Array.from({ length: 40 }, (_, i) => message(i)),
    );

    const doomed = threading({ CRASH_AFTER_COMMIT: '1' });
    children.push(doomed);
    expect(await doomed.exited).toBe('SIGKILL');
    expect(doomed.output()).toMatch(/committed \d+/);
    const storedAtCrash = await stored();
    expect(storedAtCrash).toBeGreaterThan(0);
    // The crash came after the database commit and before the offset commit.
    expect(await committedOffsets()).toBeLessThan(storedAtCrash);

    // More messages arrive while threading is down.
    await publishInbound(
      bus,
      Array.from({ length: 20 }, (_, i) => message(40 + i)),
    );

    const restarted = threading({});
    children.push(restarted);
    await waitForOutput(restarted, 'ready');
    await waitFor(async () => (await stored()) >= 60, {
      timeoutMs: 30_000,
      description: 'all 60 messages stored',
    });
    await waitFor(async () => (await committedOffsets()) === 60, {
      timeoutMs: 30_000,
      description: 'offsets of all 60 committed',
    });
    expect(await stored()).toBe(60);
    expect(await duplicates()).toBe(0);
    // Five senders, one web-form ticket per submission: 60 tickets, 5 customers.
    expect(Number((await h.pool.query('SELECT count(*) FROM tickets')).rows[0].count)).toBe(60);
    expect(Number((await h.pool.query('SELECT count(*) FROM customers')).rows[0].count)).toBe(5);

    restarted.process.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
  });
});
