import type { Pool } from '@omni/db';
import { type Harness, startHarness } from '@omni/testkit';
import { listTimeline } from '../src/ticket.queries';
import { type PlanNode, planOfLastStatement } from './support/plans';
import { seedCustomer, seedTicket } from './support/seed';

let h: Harness;
let survivor: string;
/** Every message of the timeline, in conversation order: the survivor's and the merged-away customer's, interleaved. */
let expected: string[];

beforeAll(async () => {
  h = await startHarness('timeline-read');
  survivor = await seedCustomer(h.pool, 'Survivor');
  const merged = await seedCustomer(h.pool, 'Merged away');
  await h.pool.query('UPDATE customers SET merged_into = $1 WHERE id = $2', [survivor, merged]);
  const other = await seedCustomer(h.pool, 'Someone else');
  for (const [customer, count, offset] of [
    [survivor, 150, 0],
    [merged, 90, 1],
    [other, 60, 2],
  ] as const) {
    const ticket = await seedTicket(h.pool, { customerId: customer });
    // Every third second by customer, so the two timelines interleave; a few share a sent time.
    await h.pool.query(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, sent_at, received_at, text, sender)
       SELECT gen_random_uuid(), $1, $2::uuid, 'inbound', 'telegram', 'main', $2::text || '-' || i,
              timestamptz '2026-01-01' + (i * 3 + $4::int) * interval '1 second' - (i % 7 = 0)::int * interval '1 second',
              timestamptz '2026-01-01' + (i * 3 + $4::int) * interval '1 second', 'message ' || i, '{}'::jsonb
         FROM generate_series(1, $3::int) i`,
      [ticket.id, customer, count, offset],
    );
  }
  await h.pool.query('ANALYZE messages');
  const { rows } = await h.pool.query<{ id: string }>(
    'SELECT id FROM messages WHERE customer_id IN ($1, $2) ORDER BY sent_at, received_at, id',
    [survivor, merged],
  );
  expected = rows.map((r) => r.id);
});
afterAll(async () => {
  await h?.close();
});

const pageOf = async (pool: Pool, cursor?: string) =>
  JSON.parse((await listTimeline(pool, survivor, 50, cursor)).json) as {
    data: { id: string }[];
    nextCursor: string | null;
  };

it('pages through the customer and the customers merged into it, in conversation order, each message once', async () => {
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await pageOf(h.pool, cursor);
    seen.push(...page.data.map((m) => m.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(seen).toHaveLength(240);
  expect(seen).toEqual(expected);
});

it("reads no more of a customer's messages than a page takes, on the first page and after a cursor", async () => {
  const first = await pageOf(h.pool);
  for (const cursor of [undefined, first.nextCursor ?? undefined]) {
    const { plan } = await planOfLastStatement(h.pool, (pool) => pageOf(pool, cursor), { analyze: true });
    const reads = scansOf(plan, 'messages');
    // The customer's own messages, from the timeline's index: a page is 50 (+1 to know whether
    // another follows), whatever precedes the cursor. (The merged-away customers' messages are
    // read whole and sorted: they are rarely many.)
    const own = reads.filter((r) => r['Index Cond']?.includes(survivor));
    expect(own.map((r) => ({ cursor, atMost51: r['Actual Rows'] <= 51 }))).toEqual([
      { cursor, atMost51: true },
    ]);
  }
});

/** Every node of the plan that reads `table`. */
function scansOf(node: PlanNode, table: string): PlanNode[] {
  return [
    ...(node['Relation Name'] === table ? [node] : []),
    ...(node.Plans ?? []).flatMap((child) => scansOf(child, table)),
  ];
}
