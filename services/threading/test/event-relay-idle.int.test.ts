import { randomUUID } from 'node:crypto';
import { InProcessBus } from '@omni/bus';
import { DomainEvent, TOPICS } from '@omni/contracts';
import { recordEvents } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { OutboxRelay } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';

// The relay's fallback poll grows while nothing happens (CommitWokenLoop): what no
// notification announces must keep it short, or bring the relay back at once.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('event-relay-idle');
});
afterAll(async () => {
  await h?.close();
});

const event = (ticketId: string) => ({ type: 'ticket.updated' as const, key: ticketId, data: { ticketId } });

/** A relay on an in-process bus, and the keys of the events it published. */
async function relayAndSeen(pollMs?: number) {
  const bus = new InProcessBus(h.log);
  const seen: string[] = [];
  await bus.subscribe({
    groupId: `relay-idle-${randomUUID()}`,
    topic: TOPICS.events,
    schema: DomainEvent,
    handle: async (records) => {
      seen.push(...records.map((r) => r.key ?? ''));
    },
  });
  return { relay: new OutboxRelay({ pool: h.pool, bus, log: h.log, pollMs }), seen };
}

it('lets its poll grow while nothing waits, but not while events wait behind a running transaction', async () => {
  const { relay, seen } = await relayAndSeen();
  await relay.relayPending();
  expect(await relay.quietForMs()).toBe(Number.POSITIVE_INFINITY);

  // An older transaction with a txid, writing no events: its commit notifies no one.
  const older = await h.pool.connect();
  try {
    await older.query('BEGIN');
    await older.query('SELECT pg_current_xact_id()');
    const ticket = randomUUID();
    await withTransaction(h.pool, (c) => recordEvents(c, [event(ticket)], new Date()));
    expect(await relay.relayPending()).toBe(0);
    expect(await relay.quietForMs()).toBe(0);
    await older.query('COMMIT');
    // Any other transaction of the server (other test files) holds it back the same way.
    await waitFor(
      async () => {
        await relay.relayPending();
        return seen.includes(ticket);
      },
      {
        description: 'the event relayed once the older transaction ended',
      },
    );
    expect(await relay.quietForMs()).toBe(Number.POSITIVE_INFINITY);
  } finally {
    older.release();
  }
});

it('takes its lease and listens again at once when the lease connection is lost, not at its poll', async () => {
  // The fallback poll an hour away: only the loss itself can bring the relay back.
  const { relay, seen } = await relayAndSeen(3_600_000);
  const leaseHolder = async () => {
    const { rows } = await h.pool.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    return rows[0]?.pid;
  };
  relay.start();
  try {
    const first = randomUUID();
    await withTransaction(h.pool, (c) => recordEvents(c, [event(first)], new Date()));
    await waitFor(() => seen.includes(first), { description: 'the first event relayed' });
    const holder = await leaseHolder();
    expect(holder).toBeDefined();
    await h.pool.query('SELECT pg_terminate_backend($1)', [holder]);
    await waitFor(async () => ![undefined, holder].includes(await leaseHolder()), {
      description: 'the lease taken again on a new connection',
    });
    const second = randomUUID();
    await withTransaction(h.pool, (c) => recordEvents(c, [event(second)], new Date()));
    await waitFor(() => seen.includes(second), { description: 'the next commit relayed, woken' });
  } finally {
    await relay.stop();
  }
});
