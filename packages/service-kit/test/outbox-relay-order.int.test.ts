import { randomUUID } from 'node:crypto';
import { InProcessBus } from '@omni/bus';
import { DomainEvent, OutboundMessage, outboundTopic, TOPICS } from '@omni/contracts';
import { type Harness, outboundMessage, startHarness } from '@omni/testkit';
import { OutboxRelay } from '../src';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('relay-order');
});
afterAll(async () => {
  await h?.close();
});

// Transaction ids cross a power of ten in every database's life (9 → 10, 99 → 100, …): the
// relay orders by the xid8 itself, never by its text, which would put '10' before '9'.
it('relays events in transaction order across a power of ten, each once, whatever the batch size', async () => {
  const bus = new InProcessBus(h.log);
  const seen: string[] = [];
  await bus.subscribe({
    groupId: 'relay-order-test',
    topic: TOPICS.events,
    schema: DomainEvent,
    handle: async (records) => {
      seen.push(...records.map((r) => String(r.value.data.n)));
    },
  });
  // Recorded long ago (small txids, older than any running transaction), in txid order 9, 10, 11.
  for (const txid of [10, 9, 11])
    await h.pool.query(
      `INSERT INTO events (id, type, occurred_at, data, key, txid)
       VALUES ($1, 'ticket.updated', now(), jsonb_build_object('ticketId', $2::text, 'n', $3::int), $2, $3::text::xid8)`,
      [randomUUID(), randomUUID(), txid],
    );
  const relay = new OutboxRelay({ pool: h.pool, bus, log: h.log, batchSize: 1 });
  let relayed = 0;
  for (let round = 0; round < 5; round++) relayed += await relay.relayPending();
  expect(relayed).toBe(3);
  expect(seen).toEqual(['9', '10', '11']);
});

it('relays outbox rows between batches of events: a stream of events never holds a reply back', async () => {
  const bus = new InProcessBus(h.log);
  const published: string[] = [];
  const recordEvents = (n: number) =>
    h.pool.query(
      `INSERT INTO events (id, type, occurred_at, data, key)
       SELECT gen_random_uuid(), 'ticket.updated', now(), jsonb_build_object('ticketId', k), k
         FROM (SELECT gen_random_uuid()::text AS k FROM generate_series(1, $1::int)) x`,
      [n],
    );
  let batches = 0;
  await bus.subscribe({
    groupId: 'relay-fair-events',
    topic: TOPICS.events,
    schema: DomainEvent,
    handle: async () => {
      published.push('events');
      batches++;
      // An agent replies while the events stream in, each batch followed by a full one more.
      if (batches === 2)
        await h.pool.query(`INSERT INTO outbox (topic, key, payload) VALUES ($1, 'ticket-1', $2)`, [
          outboundTopic('telegram'),
          outboundMessage(
            { channel: 'telegram', account: 'main', recipient: { externalId: '42' } },
            'On its way',
          ),
        ]);
      if (batches < 30) await recordEvents(2);
    },
  });
  await bus.subscribe({
    groupId: 'relay-fair-replies',
    topic: outboundTopic('telegram'),
    schema: OutboundMessage,
    handle: async () => {
      published.push('reply');
    },
  });
  const relay = new OutboxRelay({ pool: h.pool, bus, log: h.log, batchSize: 2 });
  // Whatever the earlier test left: the relay's position moves past it first.
  await relay.relayPending();
  published.length = 0;
  await recordEvents(2);
  expect(await relay.relayPending()).toBe(61);
  // Right after the batch during which it was written, not after the stream ended.
  expect(published.indexOf('reply')).toBe(2);
  expect(published.filter((p) => p === 'events')).toHaveLength(30);
});
