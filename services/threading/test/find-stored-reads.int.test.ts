import { createPool, type Pool, withTransaction } from '@omni/db';
import { type Harness, rowsRead, startHarness } from '@omni/testkit';
import { threadBatch } from '../src';
import { msg, SETTINGS, uniq } from './support';

// Which of a batch's messages are stored already is asked per platform key, and by our own id
// only for echoes of our replies. A batch of customers' messages has none of those: that part of
// the statement must not read a row. In `pnpm bench e2e` it read every stored message at every
// batch: a plan made while the table was small (kept until the database's first ANALYZE) scanned
// the table for an empty list of ids. Here the statements are planned once (generic plans) while
// the table is empty, then 3,000 messages are stored; the rows PostgreSQL reports read from
// `messages` are counted, in a database of its own.
let h: Harness;
let one: Pool;
const thread = (pool: Pool, from: string) =>
  withTransaction(pool, (c) =>
    threadBatch(c, [msg({ channel: 'telegram', from, text: `hello ${from}` })], SETTINGS, new Date()),
  );

beforeAll(async () => {
  h = await startHarness('find-stored-reads');
  await h.pool.query('ALTER TABLE messages SET (autovacuum_enabled = off)');
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

it("threads a customer's message without reading the stored messages", async () => {
  const { result, rows } = await rowsRead(h.pool, one, 'messages', () => thread(one, uniq('later')));
  expect(result.stored).toBe(1);
  expect(rows).toBeLessThan(50);
});
