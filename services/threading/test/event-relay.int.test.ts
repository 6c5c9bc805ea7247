import { randomUUID } from 'node:crypto';
import { DomainEvent, TOPICS } from '@omni/contracts';
import { recordEvents } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { OutboxRelay } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';

// Domain events threading (and every service) records are one row of the change feed's table, relayed to omni.events.v1 from there
// (migration 20): no outbox row per event.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('event-relay');
});
afterAll(async () => {
  await h?.close();
});

const event = (ticketId: string, n: number) => ({
  type: 'ticket.updated' as const,
  key: ticketId,
  data: { ticketId, n },
});

it('relays recorded events to omni.events.v1 in commit order, keyed, once, and never one of a transaction still open', async () => {
  const publisher = await h.kafkaBus();
  const consumer = await h.kafkaBus();
  const seen: Array<{ key: string | null; value: DomainEvent }> = [];
  await consumer.subscribe({
    groupId: 'event-relay-test',
    topic: TOPICS.events,
    schema: DomainEvent,
    handle: async (records) => {
      seen.push(...records.map((r) => ({ key: r.key, value: r.value })));
    },
  });
  const relay = new OutboxRelay({ pool: h.pool, bus: publisher, log: h.log });
  const ticket = randomUUID();
  const at = new Date('2026-12-05T01:00:00.000Z');

  // An event recorded by the previous version (no key) went through the outbox: not relayed here.
  await h.pool.query(
    `INSERT INTO events (id, type, occurred_at, data) VALUES ($1, 'ticket.updated', now(), '{}')`,
    [randomUUID()],
  );
  await withTransaction(h.pool, (c) => recordEvents(c, [event(ticket, 1), event(ticket, 2)], at));
  expect((await h.pool.query('SELECT count(*)::int AS n FROM outbox')).rows[0].n).toBe(0);

  // A transaction that recorded an event and is still open holds back everything after it,
  // even what committed meanwhile: the relay's position never passes an event still to come.
  // (Waits: any open transaction on the shared server holds the relay back a little.)
  let relayed = 0;
  const relayUntil = (n: number) =>
    waitFor(
      async () => {
        relayed += await relay.relayPending();
        return relayed >= n;
      },
      { description: `${n} events relayed` },
    );
  const open = await h.pool.connect();
  try {
    await open.query('BEGIN');
    await recordEvents(open, [event(ticket, 3)], at);
    await withTransaction(h.pool, (c) => recordEvents(c, [event(ticket, 4)], at));
    await relayUntil(2);
    expect(relayed + (await relay.relayPending())).toBe(2);
    await open.query('COMMIT');
  } finally {
    open.release();
  }
  await relayUntil(4);
  expect(relayed + (await relay.relayPending())).toBe(4);

  await waitFor(() => seen.length >= 4, { description: 'four events consumed' });
  expect(seen.map((s) => [s.key, s.value.data.n])).toEqual([
    [ticket, 1],
    [ticket, 2],
    [ticket, 3],
    [ticket, 4],
  ]);
  // The payload is the change feed's event as the outbox carried it.
  const stored = await h.pool.query<{ id: string }>(
    `SELECT id FROM events WHERE key = $1 ORDER BY txid, seq LIMIT 1`,
    [ticket],
  );
  expect(seen[0]?.value).toEqual({
    id: stored.rows[0]?.id,
    type: 'ticket.updated',
    occurredAt: '2026-12-05T01:00:00+00:00',
    data: { ticketId: ticket, n: 1 },
  });
});

// The relay is woken by the commit itself (migration 21's notification), not by its poll: with
// the fallback poll far longer than the test waits, only the notification can bring these out.
it('publishes an event and an outbox row promptly after their commits, woken by the notification', async () => {
  const publisher = await h.kafkaBus();
  const consumer = await h.kafkaBus();
  const seen: string[] = [];
  await consumer.subscribe({
    groupId: 'event-relay-wake-test',
    topic: TOPICS.events,
    schema: DomainEvent,
    handle: async (records) => {
      seen.push(...records.map((r) => r.key ?? ''));
    },
  });
  const relay = new OutboxRelay({ pool: h.pool, bus: publisher, log: h.log, pollMs: 3_600_000 });
  relay.start();
  try {
    const first = randomUUID();
    await withTransaction(h.pool, (c) => recordEvents(c, [event(first, 1)], new Date()));
    await waitFor(() => seen.includes(first), { description: 'first event relayed' });
    // Past its first rounds the relay waits on the hour-long poll: what follows needs the wake.
    await new Promise((r) => setTimeout(r, 1_000));
    const second = randomUUID();
    await withTransaction(h.pool, (c) => recordEvents(c, [event(second, 1), event(second, 2)], new Date()));
    await waitFor(() => seen.filter((k) => k === second).length === 2, {
      description: 'second commit relayed',
    });

    await new Promise((r) => setTimeout(r, 1_000));
    const id = randomUUID();
    await h.pool.query('INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)', [
      TOPICS.events,
      id,
      {
        id: randomUUID(),
        type: 'ticket.updated',
        occurredAt: new Date().toISOString(),
        data: { ticketId: id },
      },
    ]);
    await waitFor(() => seen.includes(id), { description: 'outbox row relayed' });
  } finally {
    await relay.stop();
  }
});
