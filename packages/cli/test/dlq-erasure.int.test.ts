import { DLQ_HEADERS } from '@omni/bus';
import { InboundMessage, inboundKey, messageId, TOPICS } from '@omni/contracts';
import { eraseCustomer } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { buildThreadingService, threadBatch } from '@omni/threading';
import { runCli } from '../src/run-cli';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('cli-dlq-erasure');
});
afterAll(async () => {
  await h?.close();
});

async function omni(...argv: string[]) {
  const out: string[] = [];
  const code = await runCli(argv, {
    env: {
      DATABASE_URL: h.databaseUrl,
      KAFKA_BROKERS: h.brokers.join(','),
      KAFKA_TOPIC_PREFIX: h.topicPrefix,
    },
    out: (l) => out.push(l),
    err: (l) => out.push(l),
    log: h.log,
  });
  return { code, out: out.join('\n') };
}

const SENDER = '6060606';
function message(externalId: string, receivedAt: Date): InboundMessage {
  return InboundMessage.parse({
    version: 1,
    id: messageId('telegram', 'main', externalId),
    channel: 'telegram',
    account: 'main',
    externalId,
    sentAt: receivedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    sender: { externalId: SENDER, displayName: 'Erased Person' },
    identities: [{ kind: 'telegram', value: SENDER, verified: true }],
    content: { kind: 'text', text: `message ${externalId}` },
  });
}

const count = async (sql: string, args: unknown[]) =>
  (await h.pool.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, args)).rows[0]?.n;

it('a replayed dead letter of an erased person does not bring them back; their next message starts a new customer', async () => {
  const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
  // The person wrote twice: the first message was stored, the second was dead-lettered.
  const stored = message('tg-1', minutesAgo(3));
  await withTransaction(h.pool, (c) =>
    threadBatch(c, [stored], { reopenWindowDays: 7, defaultPhoneRegion: 'RU' }, minutesAgo(3)),
  );
  const lettered = message('tg-2', minutesAgo(2));
  const producer = await h.kafkaBus();
  await producer.publish(`${TOPICS.inbound}.dlq`, [
    {
      key: inboundKey('telegram', 'main', SENDER),
      value: lettered,
      headers: {
        [DLQ_HEADERS.reason]: 'the database was read-only',
        [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
        [DLQ_HEADERS.sourcePartition]: '0',
        [DLQ_HEADERS.sourceOffset]: '7',
        [DLQ_HEADERS.groupId]: 'omni-threading',
        [DLQ_HEADERS.failedAt]: minutesAgo(2).toISOString(),
      },
    },
  ]);

  // Then they asked to be erased.
  const { rows } = await h.pool.query<{ customer_id: string }>(
    'SELECT customer_id FROM messages WHERE id = $1',
    [stored.id],
  );
  const erased = await withTransaction(h.pool, (c) =>
    eraseCustomer(c, { customerId: rows[0]?.customer_id as string, now: new Date() }),
  );
  expect(erased?.erased).toBe(true);

  // After the fix the operator replays the dead letters: threading handles it and drops it.
  let handled = 0;
  const bus = await h.kafkaBus({
    observer: {
      batchHandled: (o) => {
        handled += o.records;
      },
    },
  });
  const threading = buildThreadingService({
    pool: h.pool,
    bus,
    log: h.log,
    settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
  });
  await threading.start?.();
  const replayed = await omni('dlq', 'replay', '--all');
  expect(replayed).toMatchObject({ code: 0, out: expect.stringContaining('replayed 1 record(s)') });
  await waitFor(() => handled >= 1, { description: 'the replayed record handled' });
  expect(await count('FROM messages WHERE id = $1', [lettered.id])).toBe(0);
  expect(await count('FROM identities WHERE value = $1', [SENDER])).toBe(0);
  expect(await count('FROM customers WHERE erased_at IS NULL', [])).toBe(0);
  expect(await count(`FROM messages WHERE text LIKE 'message tg-%'`, [])).toBe(0);

  // A message they send after the erasure is new contact: a new customer.
  const later = message('tg-3', new Date());
  await producer.publish(TOPICS.inbound, [{ key: inboundKey('telegram', 'main', SENDER), value: later }]);
  await waitFor(async () => (await count('FROM messages WHERE id = $1', [later.id])) === 1, {
    description: 'the new message stored',
  });
  expect(await count('FROM customers WHERE erased_at IS NULL', [])).toBe(1);
  await threading.stop?.();
});
