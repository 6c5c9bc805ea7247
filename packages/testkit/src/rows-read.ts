import type { Pool } from 'pg';
import { waitFor } from './wait-for';

/** Rows of a table read so far (by sequential scans and index fetches) and the scans, from the shared statistics. */
async function tableReads(
  observer: Pick<Pool, 'query'>,
  table: string,
): Promise<{ rows: number; scans: number }> {
  const { rows } = await observer.query<{ rows: string; scans: string }>(
    `SELECT coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) AS rows,
            coalesce(seq_scan, 0) + coalesce(idx_scan, 0) AS scans
       FROM pg_stat_user_tables WHERE relname = $1`,
    [table],
  );
  return { rows: Number(rows[0]?.rows), scans: Number(rows[0]?.scans) };
}

/**
 * The rows of `table` PostgreSQL read while `work` ran its statements on `one` (a pool of one
 * connection), from the shared table statistics: how a test tells an index probe from a read of
 * the whole table whatever the plan looks like. A connection reports its counts when it goes idle
 * after asking (`pg_stat_force_next_flush`); this waits for the scans to show. Nothing else may
 * read `table` meanwhile, nor report reads of it late: give the test a database of its own.
 */
export async function rowsRead<T>(
  observer: Pick<Pool, 'query'>,
  one: Pick<Pool, 'query'>,
  table: string,
  work: () => Promise<T>,
): Promise<{ result: T; rows: number }> {
  const before = await tableReads(observer, table);
  const result = await work();
  await one.query('SELECT pg_stat_force_next_flush()');
  const after = await waitFor(
    async () => {
      const now = await tableReads(observer, table);
      return now.scans > before.scans && now;
    },
    { description: `the statistics of ${table}` },
  );
  return { result, rows: after.rows - before.rows };
}
