import { createPool, type Pool, withTransaction } from '@omni/db';
import { type Harness, rowsRead, startHarness } from '@omni/testkit';
import { threadBatch } from '../src';
import { msg, SETTINGS, uniq } from './support';

// A batch reaches what it reads by key, however PostgreSQL planned its statements: in
// `pnpm bench e2e` plans made while the tables were small (kept until the database's first
// ANALYZE, or made without statistics) read every stored message and every identity at every
// batch. Here the statements are planned once (generic plans, where named) while the tables are
// empty, then 3,000 customers' messages are stored; the rows PostgreSQL reports read from each
// table are counted, in a database of its own.
let h: Harness;
let one: Pool;
const thread = (pool: Pool, from: string) =>
  withTransaction(pool, (c) =>
    threadBatch(c, [msg({ channel: 'telegram', from, text: `hello ${from}` })], SETTINGS, new Date()),
  );

beforeAll(async () => {
  h = await startHarness('threading-batch-reads');
  for (const table of ['messages', 'identities'])
    await h.pool.query(`ALTER TABLE ${table} SET (autovacuum_enabled = off)`);
  one = createPool({ url: h.databaseUrl, log: h.log, max: 1 });
  await one.query('SET plan_cache_mode = force_generic_plan');
  await thread(one, uniq('first'));
  for (let i = 0; i < 30; i++)
    await withTransaction(h.pool, (c) =>
      threadBatch(
        c,
        Array.from({ length: 100 }, () => msg({ channel: 'telegram', from: uniq('u') })),
        SETTINGS,
        new Date(),
      ),
    );
});
afterAll(async () => {
  await one?.end();
  await h?.close();
});

// Which messages are stored already is asked by our own id only for echoes of our replies: a
// batch of customers' messages has none, and that part of the lookup must not read a row.
it("threads a customer's message without reading the stored messages", async () => {
  const { result, rows } = await rowsRead(h.pool, one, 'messages', () => thread(one, uniq('later')));
  expect(result.stored).toBe(1);
  expect(rows).toBeLessThan(50);
});

// Each identity of the batch is probed by its unique key.
it("threads a known customer's message reading a handful of identities", async () => {
  const from = uniq('known');
  await thread(h.pool, from);
  const { result, rows } = await rowsRead(h.pool, one, 'identities', () => thread(one, from));
  expect(result.stored).toBe(1);
  expect(rows).toBeLessThan(50);
});
