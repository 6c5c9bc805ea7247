import { createPool } from '@omni/db';
import { type Harness, rowsRead, startHarness } from '@omni/testkit';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { seedEvent } from './support/seed';

// A dispatch round reads the events after its position along the (txid, seq) index, however
// many came before. Joined to the position's row instead of given its values, a round read every
// event ever written (a sequential scan and a sort: 6 ms a round at 30,000 events in
// `pnpm bench e2e`, where the database has no statistics yet). A round that takes nothing asks
// whether events wait behind a running transaction, along the same index: as EXISTS, that read
// every event too. Counted in the rows PostgreSQL reports read from `events`, in a database of
// its own (nothing else reads that table here), kept without statistics as a young one is.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('webhook-dispatch-reads');
});
afterAll(async () => {
  await h?.close();
});

it("reads a round's events from its position, however many were dispatched before", async () => {
  await h.pool.query('ALTER TABLE events SET (autovacuum_enabled = off)');
  await h.pool.query(
    `INSERT INTO events (id, type, occurred_at, data, key)
     SELECT gen_random_uuid(), 'ticket.updated', now(), '{}', 'k' FROM generate_series(1, 5000)`,
  );
  // The 5,000 dispatched first, their reads counted before the round measured.
  const earlier = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  try {
    const worker = new WebhookWorker({ pool: earlier, log: h.log });
    await rowsRead(h.pool, earlier, 'events', async () => {
      while ((await worker.dispatch()) > 0);
    });
  } finally {
    await earlier.end();
  }
  await seedEvent(h.pool);
  const one = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  try {
    const worker = new WebhookWorker({ pool: one, log: h.log });
    const { result: taken, rows } = await rowsRead(h.pool, one, 'events', () => worker.dispatch());
    expect(taken).toBe(1);
    expect(rows).toBeLessThan(50);
    const empty = await rowsRead(h.pool, one, 'events', () => worker.dispatch());
    expect(empty.result).toBe(0);
    expect(empty.rows).toBeLessThan(50);
  } finally {
    await one.end();
  }
});
