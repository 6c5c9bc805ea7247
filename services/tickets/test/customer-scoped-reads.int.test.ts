import { randomUUID } from 'node:crypto';
import { judgeReplyWindow } from '@omni/customers';
import { createPool } from '@omni/db';
import { type Harness, rowsRead, startHarness } from '@omni/testkit';
import { applyDeliveryBatch } from '../src/delivery.consumer';
import { seedCustomer, seedMessage, seedOutbound, seedTicket } from './support/seed';

// Questions about one customer read that customer's messages, whatever the size of the table and
// whatever PostgreSQL's statistics say. Two did not where there were none yet (a new database,
// before autovacuum's first ANALYZE, as in `pnpm bench e2e`): the reply window read every message
// of the channel (by the (ticket_id, channel) index), and a Messenger watermark every message of
// the table, once per reply and per batch of read receipts. Measured here in rows PostgreSQL read
// from `messages`, beside 5,000 messages of 500 other customers on the same page.
let h: Harness;
const ACCOUNT = 'page';
const WATERMARK = Date.parse('2026-03-02T10:00:00Z');

beforeAll(async () => {
  // A database of its own: the table statistics below count this file's statements only.
  h = await startHarness('tickets-customer-scoped-reads');
  // 500 other customers of the page, ten messages each, half of them replies.
  await h.pool.query(
    `WITH c AS (
       INSERT INTO customers (id, display_name) SELECT gen_random_uuid(), 'other ' || i FROM generate_series(1, 500) i
       RETURNING id, display_name),
     i AS (
       INSERT INTO identities (id, customer_id, kind, value, raw_value, verified)
       SELECT gen_random_uuid(), id, 'facebook', $1 || ':' || display_name, display_name, true FROM c),
     t AS (
       INSERT INTO tickets (id, customer_id, channel, account) SELECT gen_random_uuid(), id, 'facebook', $1 FROM c
       RETURNING id, customer_id)
     INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, sent_at, received_at, text, sender,
                           delivery_status)
     SELECT gen_random_uuid(), t.id, t.customer_id, d, 'facebook', $1, to_timestamp($2 / 1000.0) - k * interval '1 minute',
            to_timestamp($2 / 1000.0), 'text', jsonb_build_object('externalId', c.display_name),
            CASE WHEN d = 'outbound' THEN 'sent' END
       FROM t JOIN c ON c.id = t.customer_id, generate_series(1, 10) k,
            LATERAL (SELECT CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END AS d) x`,
    [ACCOUNT, WATERMARK],
  );
  // No ANALYZE: a fresh database has no statistics until autovacuum's first pass (a minute
  // or more), as in `pnpm bench e2e`, where both plans read every message. The plans must not
  // depend on them.
});
afterAll(async () => {
  await h?.close();
});

/** A customer who wrote on the page an hour before the watermark, with two replies to them around it. */
async function customerOnPage() {
  const psid = `psid-${randomUUID().slice(0, 8)}`;
  const customerId = await seedCustomer(h.pool, psid, [{ kind: 'facebook', value: `${ACCOUNT}:${psid}` }]);
  const ticket = await seedTicket(h.pool, { customerId, channel: 'facebook', account: ACCOUNT });
  await seedMessage(h.pool, {
    ticketId: ticket.id,
    customerId,
    channel: 'facebook',
    account: ACCOUNT,
    senderId: psid,
    text: 'hello',
    sentAt: new Date(WATERMARK - 3_600_000),
  });
  const replies = [];
  for (const offset of [-1_000, 1_000])
    replies.push(
      await seedOutbound(h.pool, {
        ticketId: ticket.id,
        customerId,
        channel: 'facebook',
        account: ACCOUNT,
        sentAt: new Date(WATERMARK + offset),
      }),
    );
  return { psid, customerId, replies };
}

/** Rows of `messages` read so far: by sequential scans, and through indexes. */
const READ = 'SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS rows';

it("judges the reply window from the customer's own messages", async () => {
  const { psid, customerId } = await customerOnPage();
  const client = await h.pool.connect();
  try {
    await client.query('BEGIN');
    const verdict = await judgeReplyWindow(
      client,
      {},
      {
        channel: 'facebook',
        account: ACCOUNT,
        customerId,
        recipientExternalId: psid,
        now: new Date(WATERMARK),
      },
    );
    // The transaction's own statistics: this statement's reads and nothing else.
    const { rows } = await client.query<{ rows: string }>(
      `${READ} FROM pg_stat_xact_user_tables WHERE relname = 'messages'`,
    );
    await client.query('ROLLBACK');
    // Its reads reach the shared statistics now, not in the middle of the next test's count.
    await client.query('SELECT pg_stat_force_next_flush()');
    expect(verdict).toEqual({ open: true, outsideWindow: false });
    expect(Number(rows[0]?.rows)).toBeLessThan(20);
  } finally {
    client.release();
  }
});

it("applies a read watermark to the customer's own messages", async () => {
  const { psid, replies } = await customerOnPage();
  // One connection, so the statistics it reports are the batch's, planned as a service that has
  // run the statement a few times plans it: once, for any parameters (the generic plan).
  const one = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  one.on('connect', (c) => void c.query('SET plan_cache_mode = force_generic_plan'));
  try {
    const { result: changed, rows } = await rowsRead(h.pool, one, 'messages', () =>
      applyDeliveryBatch(
        one,
        [
          {
            version: 1,
            messageId: randomUUID(),
            channel: 'facebook',
            account: ACCOUNT,
            status: 'read',
            watermark: new Date(WATERMARK).toISOString(),
            recipientExternalId: psid,
            occurredAt: new Date(WATERMARK).toISOString(),
          },
        ],
        h.log,
      ),
    );
    expect(changed).toBe(1);
    expect(rows).toBeLessThan(50);
    const { rows: states } = await h.pool.query(
      'SELECT delivery_status FROM messages WHERE id = ANY($1) ORDER BY sent_at',
      [replies],
    );
    expect(states).toEqual([{ delivery_status: 'read' }, { delivery_status: 'sent' }]);
  } finally {
    await one.end();
  }
});
