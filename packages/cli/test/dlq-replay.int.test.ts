import { type DeadLetterObservation, DLQ_HEADERS, type IncomingRecord } from '@omni/bus';
import { InboundMessage, inboundKey, messageId, OmniError, TOPICS } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { buildThreadingService, THREADING_GROUP } from '@omni/threading';
import { runCli } from '../src/run-cli';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('cli-dlq');
});
afterAll(async () => {
  await h?.close();
});

async function omni(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    env: {
      DATABASE_URL: h.databaseUrl,
      KAFKA_BROKERS: h.brokers.join(','),
      KAFKA_TOPIC_PREFIX: h.topicPrefix,
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    log: h.log,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function message(account: string, externalId: string): InboundMessage {
  return InboundMessage.parse({
    version: 1,
    id: messageId('webform', account, externalId),
    channel: 'webform',
    account,
    externalId,
    sentAt: '2026-11-22T10:00:00Z',
    receivedAt: '2026-11-22T10:00:01Z',
    sender: { externalId: 'anna@example.com', email: 'anna@example.com' },
    identities: [{ kind: 'email', value: 'anna@example.com', verified: true }],
    content: { kind: 'form', text: `message ${externalId}` },
  });
}

async function storedCount(id: string): Promise<number> {
  const { rows } = await h.pool.query<{ n: string }>('SELECT count(*) AS n FROM messages WHERE id = $1', [
    id,
  ]);
  return Number(rows[0]?.n);
}

it('replays a poison record after the fix: stored once, and a second replay stores nothing more', async () => {
  const poison = message('shop', 'order-1042');
  const fine = message('default', 'hello-1');

  // Before the fix: a deployment whose configuration lacks the account `shop` rejects its
  // message permanently, so the bus dead-letters it (and handles the next one).
  const counted: DeadLetterObservation[] = [];
  const misconfigured = await h.kafkaBus({
    observer: { batchHandled: () => undefined, deadLettered: (o) => counted.push(o) },
  });
  const seen: string[] = [];
  await misconfigured.subscribe({
    groupId: THREADING_GROUP,
    topic: TOPICS.inbound,
    schema: InboundMessage,
    handle: async (records: IncomingRecord<InboundMessage>[]) => {
      for (const r of records) {
        seen.push(r.value.id);
        if (r.value.account !== 'default')
          throw new OmniError('unknown-account', `no account ${r.value.account} configured`, {
            retriable: false,
          });
      }
    },
  });
  const producer = await h.kafkaBus();
  const key = inboundKey('webform', 'x', 'anna@example.com');
  await producer.publish(TOPICS.inbound, [
    { key, value: poison },
    { key, value: fine },
  ]);
  await waitFor(() => seen.includes(fine.id), {
    description: 'the misconfigured consumer passes the poison',
  });
  // Counted (omni_dead_letters_total) and on /readyz, as the launcher's are.
  await waitFor(() => counted.length > 0, { description: 'the dead letter written' });
  expect(counted).toEqual([{ topic: TOPICS.inbound, kind: 'handler-failed', count: 1 }]);
  expect(misconfigured.health().deadLetters).toEqual({ [TOPICS.inbound]: 1 });
  await misconfigured.close();
  // An adapter's own dead letter (a raw payload it could not normalize) is listed but never replayed.
  await producer.publish(`${TOPICS.inbound}.dlq`, [
    {
      key: 'webform:shop:raw',
      value: { channel: 'webform', account: 'shop', reason: 'unreadable', payload: '%%%' },
      headers: {
        [DLQ_HEADERS.reason]: 'unreadable',
        [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
        [DLQ_HEADERS.groupId]: 'adapter-webform',
        [DLQ_HEADERS.failedAt]: new Date().toISOString(),
      },
    },
  ]);

  const listed = await omni('dlq', 'list');
  expect(listed.code).toBe(0);
  expect(listed.out).toContain(`${TOPICS.inbound}.dlq: 2 record(s)`);
  expect(listed.out).toContain('no account shop configured');
  const id = /\s(\d+:\d+)\s.*no account shop configured/.exec(listed.out)?.[1] as string;
  const shown = await omni('dlq', 'show', id);
  expect(shown.out).toContain('"externalId": "order-1042"');
  expect(shown.out).toContain(`omni-dlq-group: ${h.groupId(THREADING_GROUP)}`);

  // The fix: threading with the right configuration takes over the group.
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
  expect(await storedCount(poison.id)).toBe(0);

  const replayed = await omni('dlq', 'replay', '--channel', 'webform');
  expect(replayed).toMatchObject({ code: 0, out: expect.stringContaining('replayed 1 record(s)') });
  expect(replayed.out).toMatch(/skipping \d+:\d+: set aside by adapter-webform/);
  await waitFor(async () => (await storedCount(poison.id)) === 1, {
    description: 'the replayed message stored',
  });

  expect((await omni('dlq', 'replay', '--id', id)).code).toBe(0);
  await waitFor(() => handled >= 2, { description: 'the second replay handled' });
  expect(await storedCount(poison.id)).toBe(1);
  await threading.stop?.();

  // Threading commits at most once a second (an idempotent subscription): the group catches up.
  const caughtUp = new RegExp(
    `${h.groupId(THREADING_GROUP).replaceAll('.', '\\.')}  ${TOPICS.inbound.replaceAll('.', '\\.')}\\[\\d\\]  committed \\d+  end \\d+  lag 0`,
  );
  let lag = '';
  await waitFor(
    async () => {
      lag = (await omni('lag', '--group', h.groupId(THREADING_GROUP))).out;
      return caughtUp.test(lag);
    },
    { description: 'the threading group committed up to the end' },
  ).catch(() => undefined);
  expect(lag).toMatch(caughtUp);
});

it('refuses to replay without saying what', async () => {
  const result = await omni('dlq', 'replay');
  expect(result.code).toBe(2);
  expect(result.err).toContain('--all, --channel <channel> or --id');
});

it('replays what an adapter set aside once its normalized message validates, and says why not otherwise', async () => {
  // An adapter dead-letters a normalized message the contract of its time refused (as
  // `publishNormalized` does); after the fix the same message is valid and is replayed
  // unwrapped. Its platform payload, by contrast, can never be replayed.
  const fixed = message('shop', 'order-2077');
  const producer = await h.kafkaBus();
  const headers = {
    [DLQ_HEADERS.reason]: 'the normalized message is not valid',
    [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
    [DLQ_HEADERS.groupId]: 'adapter-webform',
    [DLQ_HEADERS.failedAt]: new Date().toISOString(),
  };
  await producer.publish(`${TOPICS.inbound}.dlq`, [
    {
      key: 'webform:shop:order-2077',
      value: { channel: 'webform', account: 'shop', reason: 'not valid then', payload: fixed },
      headers,
    },
    {
      key: 'webform:shop:raw',
      value: { channel: 'webform', account: 'shop', reason: 'unreadable', payload: { name: 'no message' } },
      headers,
    },
  ]);
  // Every dead letter an adapter set aside (this file's first test left one too).
  const listed = await omni('dlq', 'list', '--channel', 'webform');
  const positions = [...listed.out.matchAll(/^\s+(\d+:\d+)\s.*adapter-webform/gm)].map((m) => m[1] as string);
  expect(positions).toHaveLength(3);

  const bus = await h.kafkaBus();
  const threading = buildThreadingService({
    pool: h.pool,
    bus,
    log: h.log,
    settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
  });
  await threading.start?.();
  expect(await storedCount(fixed.id)).toBe(0);
  const replayed = await omni('dlq', 'replay', '--id', positions.join(','));
  expect(replayed.code).toBe(0);
  expect(replayed.out).toContain('replayed 1 record(s)');
  expect(replayed.out).toMatch(
    /skipping \d+:\d+: set aside by adapter-webform before publishing; its payload is not a valid inbound message/,
  );
  await waitFor(async () => (await storedCount(fixed.id)) === 1, {
    description: 'the unwrapped message stored',
  });
  await threading.stop?.();
});

it('refuses an unknown --channel, naming the channels', async () => {
  const result = await omni('dlq', 'list', '--channel', 'carrier-pigeon');
  expect(result.code).toBe(2);
  expect(result.err).toContain('unknown channel carrier-pigeon; one of email, telegram');
});
