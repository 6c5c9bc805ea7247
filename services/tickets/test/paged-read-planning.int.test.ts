import { createPool, type Pool } from '@omni/db';
import { type Harness, startHarness } from '@omni/testkit';
import { listEvents } from '../src/event.queries';
import { listTickets } from '../src/ticket.queries';

/**
 * A page after a cursor is planned once per connection, not again at every page: on tables with
 * statistics, PostgreSQL given the cursor's values judged each page's own plan cheaper than the
 * generic one and planned every page again (see `cursorCondition`). On a table of a few rows it
 * keeps the generic plan either way, so this file grows its own.
 */
const ROWS = 20_000;

let h: Harness;
beforeAll(async () => {
  h = await startHarness('paged-read-planning');
  await h.pool.query(
    `INSERT INTO customers (id, display_name) VALUES ('00000000-0000-4000-8000-000000000001', 'Paged')`,
  );
  await h.pool.query(
    `INSERT INTO tickets (id, customer_id, subject, channel, account, status, created_at, updated_at, channels)
     SELECT gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'Ticket ' || i, 'telegram', 'main', 'open',
            now() - i * interval '1 second', now() - i * interval '1 second', ARRAY['telegram']
       FROM generate_series(1, $1::int) i`,
    [ROWS],
  );
  await h.pool.query(
    // As many transactions as events, as a feed written by many services has.
    `INSERT INTO events (id, type, occurred_at, data, txid)
     SELECT gen_random_uuid(), 'ticket.updated', now(), '{}', i::text::xid8 FROM generate_series(1, $1::int) i`,
    [ROWS],
  );
  await h.pool.query('ANALYZE tickets, events');
}, 60_000);
afterAll(() => h?.close());

/**
 * The generic plans PostgreSQL kept for the statement `matching` after `read` ran 10 times on one
 * connection, and what the last read (by then on the generic plan) gave.
 */
async function afterTenReads<T>(
  read: (one: Pool) => Promise<T>,
  matching: string,
): Promise<{ genericPlans: number; last: T }> {
  // One connection, so the prepared statements read afterwards are the ones the reads used.
  const one = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  try {
    let last = await read(one);
    for (let i = 1; i < 10; i++) last = await read(one);
    const { rows } = await one.query<{ generic_plans: string }>(
      'SELECT generic_plans FROM pg_prepared_statements WHERE statement LIKE $1',
      [`%${matching}%`],
    );
    expect(rows).toHaveLength(1);
    return { genericPlans: Number(rows[0]?.generic_plans), last };
  } finally {
    await one.end();
  }
}

// PostgreSQL plans the first calls for their values, then keeps one plan for any cursor.
it('plans a page of tickets after a cursor once', async () => {
  const first = JSON.parse((await listTickets(h.pool, { limit: 50 })).json) as {
    data: unknown[];
    nextCursor: string;
  };
  expect(first.data).toHaveLength(50);
  const cursor = first.nextCursor;
  const { genericPlans, last } = await afterTenReads(
    (one) => listTickets(one, { limit: 50, cursor }),
    '(t.created_at, t.id) <',
  );
  expect(genericPlans).toBeGreaterThan(0);
  // And the generic plan reads the right page: the one an OFFSET query gives.
  const again = JSON.parse(last.json) as { data: Array<{ id: string }> };
  const { rows } = await h.pool.query<{ id: string }>(
    'SELECT id FROM tickets ORDER BY created_at DESC, id DESC OFFSET 50 LIMIT 50',
  );
  expect(again.data.map((t) => t.id)).toEqual(rows.map((r) => r.id));
});

it('plans the change feed once, polled from its start', async () => {
  const { genericPlans, last } = await afterTenReads((one) => listEvents(one, 50), 'FROM events e');
  expect(genericPlans).toBeGreaterThan(0);
  const { rows } = await h.pool.query<{ id: string }>('SELECT id FROM events ORDER BY txid, seq LIMIT 50');
  expect(last.data.map((e) => e.id)).toEqual(rows.map((r) => r.id));
});
