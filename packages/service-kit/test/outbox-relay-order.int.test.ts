import { randomUUID } from 'node:crypto';
import { InProcessBus } from '@omni/bus';
import { DomainEvent, TOPICS } from '@omni/contracts';
import { type Harness, startHarness } from '@omni/testkit';
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
