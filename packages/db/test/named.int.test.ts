import { type Harness, startHarness } from '@omni/testkit';
import { named } from '../src';

describe('named statements', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('named-statements');
  });
  afterAll(() => h.close());

  const prepared = (client: { query: Harness['pool']['query'] }) =>
    client
      .query<{ name: string; generic_plans: string; custom_plans: string }>(
        'SELECT name, generic_plans, custom_plans FROM pg_prepared_statements ORDER BY name',
      )
      .then((r) => r.rows.map((x) => ({ ...x, generic_plans: Number(x.generic_plans) })));

  it('are prepared once per connection and stop being planned on every call', async () => {
    const client = await h.pool.connect();
    try {
      const text = 'SELECT $1::int + 1 AS n';
      for (let i = 0; i < 8; i++) {
        const { rows } = await client.query<{ n: number }>(named(text, [i]));
        expect(rows[0]?.n).toBe(i + 1);
      }
      const statements = await prepared(client);
      expect(statements).toHaveLength(1);
      expect(statements[0]?.name).toBe(named(text, []).name);
      // PostgreSQL plans the first executions for their parameters, then keeps a generic plan.
      expect(statements[0]?.generic_plans).toBeGreaterThan(0);
    } finally {
      client.release();
    }
  });

  it('give different texts different names and the same text the same name', () => {
    const a = named('SELECT 1 WHERE $1::int = 1', [1]);
    expect(named('SELECT 1 WHERE $1::int = 1', [2]).name).toBe(a.name);
    expect(named('SELECT 2 WHERE $1::int = 1', [1]).name).not.toBe(a.name);
    expect(named('SELECT 2 WHERE $1::int = 1', [7]).values).toEqual([7]);
  });
});
