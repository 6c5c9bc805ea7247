import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { seedEvent } from './support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('webhook-dispatch-order');
});
afterAll(async () => {
  await h?.close();
});

/** Whether the worker's last round said it was held back (what makes its loop look again soon). */
const heldBack = (worker: WebhookWorker) => (worker as unknown as { heldBack: boolean }).heldBack;

// Transaction ids cross a power of ten in every database's life (9 → 10, 99 → 100, …): the
// dispatcher's position moves to the newest event of its batch by the xid8, not by its text.
it('moves its position past the whole batch when the batch crosses a power of ten', async () => {
  for (const txid of [9, 10])
    await h.pool.query(
      `INSERT INTO events (id, type, occurred_at, data, key, txid)
       VALUES ($1, 'ticket.updated', now(), jsonb_build_object('ticketId', $2::text), $2, $3::text::xid8)`,
      [randomUUID(), randomUUID(), txid],
    );
  const worker = new WebhookWorker({ pool: h.pool, log: h.log });
  expect(await worker.dispatch()).toBe(2);
  expect(await worker.dispatch()).toBe(0);
  const { rows } = await h.pool.query<{ last_txid: string }>(
    'SELECT last_txid::text FROM webhook_dispatch_cursor',
  );
  expect(rows[0]?.last_txid).toBe('10');
});

// A later transaction's event waits for every earlier transaction to end (one still running may
// yet commit an event before it); the worker then says it is held back, so it looks again soon.
it('holds back the events of later transactions while an earlier one runs, then takes them all', async () => {
  const worker = new WebhookWorker({ pool: h.pool, log: h.log });
  const earlier = await h.pool.connect();
  try {
    await earlier.query('BEGIN');
    await seedEvent(earlier);
    await seedEvent(h.pool);
    expect(await worker.dispatch()).toBe(0);
    expect(heldBack(worker)).toBe(true);
    await earlier.query('COMMIT');
  } finally {
    earlier.release();
  }
  expect(await worker.dispatch()).toBe(2);
  expect(heldBack(worker)).toBe(false);
  expect(await worker.dispatch()).toBe(0);
  expect(heldBack(worker)).toBe(false);
});

// Replicas take turns by the cursor's row lock: one that finds it taken does not wait for it.
it('leaves the round to the replica holding the cursor, without waiting, then fans each event out once', async () => {
  await h.pool.query(
    `INSERT INTO webhook_subscriptions (id, url, events, secret, start_txid)
     VALUES ($1, 'http://127.0.0.1:9/hook', ARRAY['ticket.updated'], 'whsec_dGVzdA==', '0')`,
    [randomUUID()],
  );
  for (let i = 0; i < 30; i++) await seedEvent(h.pool);
  const worker = new WebhookWorker({ pool: h.pool, log: h.log });
  const other = await h.pool.connect();
  try {
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM webhook_dispatch_cursor FOR UPDATE');
    expect(await worker.dispatch()).toBe(0);
    expect(heldBack(worker)).toBe(false);
    await other.query('COMMIT');
  } finally {
    other.release();
  }
  expect(await worker.dispatch()).toBe(30);
  expect(await worker.dispatch()).toBe(0);
  const { rows } = await h.pool.query<{ n: number; events: number }>(
    'SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM webhook_deliveries',
  );
  expect(rows[0]).toEqual({ n: 30, events: 30 });
});
