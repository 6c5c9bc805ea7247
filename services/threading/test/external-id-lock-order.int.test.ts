import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { setExternalIds } from '../src/message.repository';
import { msg, stored, thread, uniq } from './support';

// An echo of our reply teaches threading the platform's id of the message (VK), while the
// tickets service's delivery consumer applies reports about the same replies, locking a
// batch's messages in id order. Threading must lock them in that order too, or the two cross.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('thr-external-id-locks');
});
afterAll(() => h.close());

it('learning platform ids does not deadlock with a delivery batch locking the same replies', async () => {
  const from = uniq('vk');
  // The higher id stored first and named first: whether the UPDATE's plan walks the table or
  // the list, it meets the higher id first, the opposite of the delivery batch's order.
  let replies = [
    msg({ channel: 'vk', from, direction: 'outbound' }),
    msg({ channel: 'vk', from, direction: 'outbound' }),
  ];
  while ((replies[0]?.id ?? '') < (replies[1]?.id ?? ''))
    replies = [
      msg({ channel: 'vk', from, direction: 'outbound' }),
      msg({ channel: 'vk', from, direction: 'outbound' }),
    ];
  await thread(h.pool, replies);
  // Our replies as the reply path stores them: no platform id yet.
  const ids = (await Promise.all(replies.map(async (r) => (await stored(h.pool, r)).id))).sort();
  await h.pool.query('UPDATE messages SET external_id = NULL WHERE id = ANY($1::uuid[])', [ids]);
  const [low, high] = ids as [string, string];

  // A third transaction holds the lower one. The delivery batch queues for it first; then
  // threading comes. Locking in plan order it takes the higher one and queues behind the
  // delivery batch, which, once let go, wants the higher one: a deadlock every time. Locking
  // in id order it queues for the lower one and takes nothing meanwhile.
  const holder = await h.pool.connect();
  const echo = await h.pool.connect();
  const delivery = await h.pool.connect();
  const waiting = (n: number, description: string) =>
    waitFor(
      async () => {
        const { rows } = await h.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return rows[0]?.n === n;
      },
      { timeoutMs: 20_000, description },
    );
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM messages WHERE id = $1 FOR UPDATE', [low]);
    await echo.query('BEGIN');
    await delivery.query('BEGIN');
    const reporting = delivery
      .query('SELECT 1 FROM messages WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids])
      .then(() =>
        delivery.query(`UPDATE messages SET delivery_status = 'delivered' WHERE id = ANY($1::uuid[])`, [ids]),
      )
      .then(() => delivery.query('COMMIT'));
    await waiting(1, 'the delivery batch waiting for the held reply');
    const learning = setExternalIds(echo, [
      { id: high, externalId: uniq('vk-msg') },
      { id: low, externalId: uniq('vk-msg') },
    ]).then(() => echo.query('COMMIT'));
    await waiting(2, 'threading waiting too');
    await holder.query('COMMIT');
    const results = await Promise.allSettled([learning, reporting]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok']);
  } finally {
    for (const c of [holder, echo, delivery]) {
      await c.query('ROLLBACK').catch(() => undefined);
      c.release();
    }
  }
  const { rows } = await h.pool.query<{ learned: boolean; delivery_status: string }>(
    'SELECT external_id IS NOT NULL AS learned, delivery_status FROM messages WHERE id = ANY($1::uuid[])',
    [ids],
  );
  expect(rows).toEqual([
    { learned: true, delivery_status: 'delivered' },
    { learned: true, delivery_status: 'delivered' },
  ]);
});
