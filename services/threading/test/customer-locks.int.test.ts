import type { InboundMessage } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { threadBatch } from '../src';
import { msg, SETTINGS, stored, thread, uniq } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('thr-locks');
});
afterAll(() => h.close());

/** A batch threaded in a transaction left open: its locks are held until `commit`. */
async function openBatch(messages: InboundMessage[]) {
  const client: PoolClient = await h.pool.connect();
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  await client.query('BEGIN');
  let settled = false;
  const done = threadBatch(client, messages, SETTINGS, new Date()).finally(() => {
    settled = true;
  });
  return {
    done,
    /** True once the batch finished; false once it waits for a lock another transaction holds. */
    async finishedWithoutWaiting(): Promise<boolean> {
      return waitFor(async () => {
        if (settled) return 'finished';
        const { rows } = await h.pool.query<{ waiting: boolean }>(
          `SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1`,
          [pid],
        );
        return rows[0]?.waiting ? 'waiting' : undefined;
      }).then((state) => state === 'finished');
    },
    async commit() {
      await done;
      await client.query('COMMIT');
      client.release();
    },
  };
}

/**
 * Batches of different partitions often write to one customer (a person's emails and web
 * forms): they share the customer's lock instead of queueing for each other's whole
 * transaction, while a batch that merges the customer waits for them all and then moves
 * what they stored.
 */
it('lets batches write to one customer side by side; a merge of it waits for them', async () => {
  const address = `${uniq('ann')}@example.com`;
  const tg = uniq('tg');
  const email = (text: string) => msg({ channel: 'email', from: address, text });
  await thread(h.pool, [email('first'), msg({ channel: 'telegram', from: tg })]);

  const form = msg({
    channel: 'webform',
    from: address,
    identities: [{ kind: 'email', value: address, verified: false }],
  });
  const first = await openBatch([form]);
  expect(await first.finishedWithoutWaiting()).toBe(true);
  const second = await openBatch([email('second')]);
  // With `FOR NO KEY UPDATE` for every batch, the second waited here for the first's commit.
  expect(await second.finishedWithoutWaiting()).toBe(true);

  const both = msg({
    channel: 'telegram',
    from: tg,
    identities: [
      { kind: 'telegram', value: tg, verified: true },
      { kind: 'email', value: address, verified: true },
    ],
  });
  const merging = await openBatch([both]);
  expect(await merging.finishedWithoutWaiting()).toBe(false);
  await first.commit();
  await second.commit();
  await merging.commit();
  expect((await merging.done).merges).toBe(1);

  const { rows } = await h.pool.query<{ customer_id: string; merged: boolean }>(
    `SELECT DISTINCT m.customer_id, c.merged_into IS NOT NULL AS merged
       FROM messages m JOIN customers c ON c.id = m.customer_id
      WHERE m.id = ANY($1::uuid[])`,
    [[form.id, both.id, (await stored(h.pool, both)).id]],
  );
  expect(rows).toEqual([{ customer_id: (await stored(h.pool, both)).customerId, merged: false }]);
  const all = await h.pool.query<{ n: number }>(
    `SELECT count(DISTINCT customer_id)::int AS n FROM messages
      WHERE channel IN ('email', 'webform', 'telegram') AND (sender->>'externalId' = $1 OR sender->>'externalId' = $2)`,
    [address, tg],
  );
  expect(all.rows[0]?.n).toBe(1);
});
