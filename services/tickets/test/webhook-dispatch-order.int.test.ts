import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { WebhookWorker } from '../src/webhooks/webhook.worker';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('webhook-dispatch-order');
});
afterAll(async () => {
  await h?.close();
});

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
