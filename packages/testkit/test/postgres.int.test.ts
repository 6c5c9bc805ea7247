import pg from 'pg';
import { type TestDatabase, testDatabase } from '../src';

describe('testDatabase', () => {
  const databases: TestDatabase[] = [];

  afterAll(async () => {
    await Promise.all(databases.map((database) => database.drop()));
  });

  it('gives each caller a distinct, working database', async () => {
    const first = await testDatabase('testkit');
    databases.push(first);
    const second = await testDatabase('testkit');
    databases.push(second);
    expect(first.url).not.toBe(second.url);

    await query(first.url, 'CREATE TABLE marker (id int)');
    const names = await Promise.all([first.url, second.url].map((url) => currentDatabase(url)));
    expect(new Set(names).size).toBe(2);
    // The table made in the first database does not exist in the second.
    const tables = await query(
      second.url,
      "SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'marker'",
    );
    expect(tables.rows[0]).toEqual({ n: 0 });
  });

  it('drop() removes the database', async () => {
    const database = await testDatabase('testkit-drop');
    const name = await currentDatabase(database.url);
    await database.drop();
    const admin = new URL(database.url);
    admin.pathname = '/postgres';
    const left = await query(
      admin.toString(),
      'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1',
      [name],
    );
    expect(left.rows[0]).toEqual({ n: 0 });
  });
});

async function currentDatabase(url: string): Promise<string> {
  const result = await query(url, 'SELECT current_database() AS name');
  return String(result.rows[0]?.name);
}

async function query(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
