import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { createSubscription } from '../src/webhooks/webhook.repository';
import { WebhookWorker } from '../src/webhooks/webhook.worker';

// Idle, the worker's fallback poll grows (CommitWokenLoop), never past the next delivery due:
// a retry is announced by no notification, only by its time.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('tickets-webhook-idle');
});
afterAll(async () => {
  await h?.close();
});

it('tells how long until the first pending delivery is due, claimed or not, and never when none is pending', async () => {
  const worker = new WebhookWorker({ pool: h.pool, log: h.log });
  expect(await worker.nextDueInMs()).toBe(Number.POSITIVE_INFINITY);
  const sub = await createSubscription(
    h.pool,
    { url: 'http://127.0.0.1:9/hooks', events: ['ticket.updated'], payload: 'thin' },
    undefined,
  );
  const delivery = (due: string, extra = '') =>
    h.pool.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, event_id, event_type, payload, next_attempt_at${extra ? ', locked_until' : ''})
       VALUES ($1, $2, $3, 'ticket.updated', '{}', now() + interval '${due}'${extra ? `, now() + interval '${extra}'` : ''}) RETURNING id`,
      [randomUUID(), sub.id, randomUUID()],
    );
  await delivery('60 seconds');
  const retry = await worker.nextDueInMs();
  expect(retry).toBeGreaterThan(50_000);
  expect(retry).toBeLessThanOrEqual(60_000);

  // Due a second ago and claimed by a sender for 30 s more: due now as far as the poll goes.
  const claimed = await delivery('-1 second', '30 seconds');
  expect(await worker.nextDueInMs()).toBe(0);
  await h.pool.query(`UPDATE webhook_deliveries SET status = 'delivered' WHERE id = $1`, [
    claimed.rows[0]?.id,
  ]);
  expect(await worker.nextDueInMs()).toBeGreaterThan(50_000);
});
