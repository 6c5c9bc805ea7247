import { randomUUID } from 'node:crypto';
import type { DeliveryReport } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { applyDeliveryBatch } from '../src/delivery.consumer';
import { seedCustomer, seedOutbound, seedTicket } from './support/seed';

// Reports of one message reach the consumer on different partitions (`sent` keyed by ticket,
// the platform's callbacks by recipient), handled at once, and a Messenger watermark covers
// several messages: two batches about the same messages must not deadlock, whatever order
// their reports come in. A transaction holding the messages first (as a third batch would)
// makes both batches start at the same moment, so the orders really cross.
let h: Harness;

beforeAll(async () => {
  h = await startHarness('tickets-delivery-lock-order');
});
afterAll(async () => {
  await h?.close();
});

const report = (r: Partial<DeliveryReport> & Pick<DeliveryReport, 'status'>): DeliveryReport => ({
  version: 1,
  messageId: randomUUID(),
  channel: 'facebook',
  account: 'page',
  occurredAt: new Date().toISOString(),
  ...r,
});

async function twoMessages(psid: string) {
  const customer = await seedCustomer(h.pool, psid, [{ kind: 'facebook', value: `page:${psid}` }]);
  const ticket = await seedTicket(h.pool, { customerId: customer, channel: 'facebook', account: 'page' });
  const sentAt = new Date(Date.now() - 60_000);
  const outbound = {
    ticketId: ticket.id,
    customerId: customer,
    channel: 'facebook',
    account: 'page',
    sentAt,
  };
  const ids = [await seedOutbound(h.pool, outbound), await seedOutbound(h.pool, outbound)].sort();
  return { low: ids[0] as string, high: ids[1] as string };
}

/** Runs both batches while `ids` are held, lets them go together, and returns how each ended. */
async function raceWhileHeld(ids: string[], batches: DeliveryReport[][]) {
  const holder = await h.pool.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM messages WHERE id = ANY($1::uuid[]) FOR UPDATE', [ids]);
    const running = batches.map((b) => applyDeliveryBatch(h.pool, b, h.log));
    await waitFor(
      async () => {
        const { rows } = await h.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0]?.n === batches.length;
      },
      { timeoutMs: 20_000, description: 'both batches waiting for the held messages' },
    );
    await holder.query('COMMIT');
    return await Promise.allSettled(running);
  } finally {
    holder.release();
  }
}

const statusOf = async (id: string) =>
  (await h.pool.query<{ s: string }>('SELECT delivery_status AS s FROM messages WHERE id = $1', [id])).rows[0]
    ?.s;
const updates = async (id: string) =>
  (
    await h.pool.query<{ s: string }>(
      `SELECT data->>'deliveryStatus' AS s FROM events
        WHERE type = 'message.delivery_updated' AND data->>'messageId' = $1 ORDER BY seq`,
      [id],
    )
  ).rows.map((r) => r.s);

it('two batches naming the same messages in opposite orders both apply', async () => {
  const { low, high } = await twoMessages('psid-crossed');
  const results = await raceWhileHeld(
    [low, high],
    [
      [report({ status: 'delivered', messageId: low }), report({ status: 'delivered', messageId: high })],
      [report({ status: 'read', messageId: high }), report({ status: 'read', messageId: low })],
    ],
  );

  expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
  for (const id of [low, high]) {
    // Whichever batch went first, the status only moved forward and ends read.
    expect(await statusOf(id)).toBe('read');
    expect((await updates(id)).at(-1)).toBe('read');
  }
});

it('a read watermark over several messages and per-message receipts in the other order both apply', async () => {
  const { low, high } = await twoMessages('psid-watermark');
  const results = await raceWhileHeld(
    [low, high],
    [
      [report({ status: 'delivered', messageId: high }), report({ status: 'delivered', messageId: low })],
      [
        report({
          status: 'read',
          watermark: new Date().toISOString(),
          recipientExternalId: 'psid-watermark',
        }),
      ],
    ],
  );

  expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
  for (const id of [low, high]) {
    expect(await statusOf(id)).toBe('read');
    expect((await updates(id)).at(-1)).toBe('read');
  }
});
