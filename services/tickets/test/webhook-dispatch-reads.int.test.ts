import { createPool } from '@omni/db';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { seedEvent } from './support/seed';

// A dispatch round reads the events after its position along the (txid, seq) index, however
// many came before. Joined to the position's row instead of given its values, a round read every
// event ever written (a sequential scan and a sort: 6 ms a round at 30,000 events in
// `pnpm bench e2e`, where the database has no statistics yet). Counted in the rows PostgreSQL
// reports read from `events`, in a database of its own: nothing else reads that table here.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('webhook-dispatch-reads');
});
afterAll(async () => {
  await h?.close();
});

/** Rows of `events` read so far (by sequential scans and through indexes), and the scans. */
async function eventsRead(): Promise<{ rows: number; scans: number }> {
  const { rows } = await h.pool.query<{ rows: string; scans: string }>(
    `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS rows,
            coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS scans
       FROM pg_stat_user_tables WHERE relname = 'events'`,
  );
  return { rows: Number(rows[0]?.rows), scans: Number(rows[0]?.scans) };
}

it("reads a round's events from its position, however many were dispatched before", async () => {
  await h.pool.query(
    `INSERT INTO events (id, type, occurred_at, data, key)
     SELECT gen_random_uuid(), 'ticket.updated', now(), '{}', 'k' FROM generate_series(1, 5000)`,
  );
  // The 5,000 dispatched by a connection that then ends: a backend reports its statistics as it exits.
  const earlier = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  try {
    const worker = new WebhookWorker({ pool: earlier, log: h.log });
    while ((await worker.dispatch()) > 0);
  } finally {
    await earlier.end();
  }
  const before = await waitFor(
    async () => {
      const now = await eventsRead();
      return now.rows >= 5000 && now;
    },
    { description: 'the earlier rounds’ statistics' },
  );
  await seedEvent(h.pool);
  const one = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  try {
    expect(await new WebhookWorker({ pool: one, log: h.log }).dispatch()).toBe(1);
    // A connection's statistics reach the shared ones when it goes idle after asking.
    await one.query('SELECT pg_stat_force_next_flush()');
    const after = await waitFor(
      async () => {
        const now = await eventsRead();
        return now.scans > before.scans && now;
      },
      { description: "the round's statistics" },
    );
    expect(after.rows - before.rows).toBeLessThan(50);
  } finally {
    await one.end();
  }
});
