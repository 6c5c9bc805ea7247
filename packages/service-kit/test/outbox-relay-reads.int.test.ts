import { InProcessBus } from '@omni/bus';
import { createPool } from '@omni/db';
import { type Harness, rowsRead, startHarness } from '@omni/testkit';
import { OutboxRelay } from '../src';

// Whether events wait after the relay's position is asked along the (txid, seq) index, however
// many events came before. As `EXISTS`, the planner expected a match early in a sequential scan
// wherever the table had no statistics yet (a young database: `pnpm bench e2e`), and read every
// event. Counted in the rows PostgreSQL reports read from `events`, in a database of its own.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('relay-reads');
});
afterAll(async () => {
  await h?.close();
});

it('asks whether events are held back from its position, however many were relayed before', async () => {
  await h.pool.query('ALTER TABLE events SET (autovacuum_enabled = off)');
  await h.pool.query(
    `INSERT INTO events (id, type, occurred_at, data, key)
     SELECT gen_random_uuid(), 'ticket.updated', now(), '{}', 'k' FROM generate_series(1, 5000)`,
  );
  // Everything relayed: the position at the newest event.
  await h.pool.query(
    `UPDATE event_relay_cursor SET (last_txid, last_seq) =
       (SELECT txid, seq FROM events ORDER BY txid DESC, seq DESC LIMIT 1)`,
  );
  const one = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  try {
    const relay = new OutboxRelay({ pool: one, bus: new InProcessBus(h.log), log: h.log });
    const { result: quietFor, rows } = await rowsRead(h.pool, one, 'events', () => relay.quietForMs());
    expect(quietFor).toBe(Number.POSITIVE_INFINITY);
    expect(rows).toBeLessThan(50);
  } finally {
    await one.end();
  }
});
