import { type Harness, startHarness } from '@omni/testkit';
import { listCustomers } from '../src/customer.queries';
import { customerSearchCondition, SEARCH_HIT_CAP } from '../src/search';
import { likePattern } from '../src/ticket.queries';
import { planOfLastStatement } from './support/plans';
import { seedCustomer } from './support/seed';

let h: Harness;
const customers: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness('customer-search');
  customers.ann = await seedCustomer(h.pool, 'Анна Иванова', [{ kind: 'email', value: 'ann@example.com' }]);
  customers.boris = await seedCustomer(h.pool, 'Борис', [
    { kind: 'phone', value: '+79161234567' },
    { kind: 'telegram', value: '1001' },
  ]);
  customers.kenji = await seedCustomer(h.pool, '田中 健二');
  customers.nameless = await seedCustomer(h.pool, '', [{ kind: 'email', value: 'ivanova.shop@example.org' }]);
  // Never listed: merged into Ann, and erased.
  const merged = await seedCustomer(h.pool, 'Анна Иванова (old)', [{ kind: 'vk', value: 'ivanova-vk' }]);
  await h.pool.query('UPDATE customers SET merged_into = $1 WHERE id = $2', [customers.ann, merged]);
  const erased = await seedCustomer(h.pool, 'Иванова Erased');
  await h.pool.query('UPDATE customers SET erased_at = now() WHERE id = $1', [erased]);
});
afterAll(async () => {
  await h?.close();
});

/** The listed customers a search condition selects, in list order, and the condition itself. */
async function select(q: string, cap?: number) {
  const args: unknown[] = [];
  const condition = await customerSearchCondition(h.pool, likePattern(q), (v) => `$${args.push(v)}`, cap);
  const { rows } = await h.pool.query<{ id: string }>(
    `SELECT c.id FROM customers c WHERE c.merged_into IS NULL AND c.erased_at IS NULL AND ${condition}
      ORDER BY c.created_at DESC, c.id DESC`,
    args,
  );
  return { condition, ids: rows.map((r) => r.id) };
}

it('selects the same customers from the index hits and by walking the list', async () => {
  const cases: Array<[string, string[]]> = [
    ['иванова', ['ann']], // a name, in any case
    ['IVANOVA', ['nameless']], // an address
    ['ANN@EXAMPLE', ['ann']], // an identity's value
    ['9161234', ['boris']], // a part of a phone number
    ['1001', ['boris']],
    ['田中', ['kenji']],
    ['example', ['ann', 'nameless']],
    ['ivanova-vk', []], // only the merged-away customer's
    ['erased', []],
    ['100%', []], // LIKE's wildcards are literal
    ['_', []],
  ];
  for (const [q, names] of cases) {
    const expected = names.map((n) => customers[n]);
    const fromHits = await select(q);
    // A cap of 0 sends every search with a hit to the walk.
    const walked = await select(q, 0);
    expect({ q, ids: [...fromHits.ids].sort() }).toEqual({ q, ids: [...expected].sort() });
    expect({ q, ids: walked.ids }).toEqual({ q, ids: fromHits.ids });
    expect(fromHits.condition).toMatch(/^c\.id = ANY/);
    const listed = (await listCustomers(h.pool, { limit: 50, q })).data.map((c) => c.id);
    expect({ q, ids: listed }).toEqual({ q, ids: fromHits.ids });
  }
  expect((await select('example', 0)).condition).toMatch(/EXISTS/);
});

describe('at a few thousand customers', () => {
  const count = SEARCH_HIT_CAP + 1500;

  beforeAll(async () => {
    // Every third a match by name, every third by address only (and the rest no match).
    await h.pool.query(
      `WITH c AS (
         INSERT INTO customers (id, display_name, created_at)
         SELECT gen_random_uuid(), CASE WHEN i % 3 = 0 THEN 'Kettle buyer ' || i ELSE 'Person ' || i END,
                now() - i * interval '1 second'
           FROM generate_series(1, $1::int) i
         RETURNING id, display_name, created_at)
       INSERT INTO identities (id, customer_id, kind, value, raw_value, verified)
       SELECT gen_random_uuid(), id, 'email', v, v, true
         FROM (SELECT id, CASE WHEN n % 3 = 1 THEN 'kettle' || n || '@shop.example' ELSE 'p' || n || '@example.net' END AS v
                 FROM (SELECT id, row_number() OVER (ORDER BY created_at DESC) AS n FROM c) numbered) x`,
      [count],
    );
    await h.pool.query('ANALYZE customers, identities');
  });

  it('pages through a search matching more customers than the cap, each once, newest first', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(h.pool, { limit: 200, q: 'KETTLE', cursor });
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const { rows } = await h.pool.query<{ id: string }>(
      `SELECT c.id FROM customers c
        WHERE c.display_name ILIKE '%kettle%' OR EXISTS (SELECT 1 FROM identities i WHERE i.customer_id = c.id AND i.value LIKE '%kettle%')
        ORDER BY c.created_at DESC, c.id DESC`,
    );
    expect(rows.length).toBeGreaterThan(SEARCH_HIT_CAP);
    expect(seen).toEqual(rows.map((r) => r.id));
  });

  it('reads a page of the list from its index, not by sorting every customer', async () => {
    for (const q of [undefined, 'kettle']) {
      const { plan: limit, result: page } = await planOfLastStatement(h.pool, (pool) =>
        listCustomers(pool, { limit: 50, q }),
      );
      expect(page.data).toHaveLength(50);
      // The LIMIT reads its rows straight from the index (a Sort would sit in between).
      const read = limit.Plans?.find((p) => p['Parent Relationship'] === 'Outer');
      expect({ q, top: limit['Node Type'], read: read?.['Node Type'], index: read?.['Index Name'] }).toEqual({
        q,
        top: 'Limit',
        read: 'Index Scan',
        index: 'customers_listed',
      });
    }
  });
});
