import pg from 'pg';
import type { Logger } from 'pino';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface PoolOptions {
  url: string;
  log: Logger;
  max?: number;
  applicationName?: string;
}

/**
 * A pg pool that fails fast when the server is unreachable (pg's default waits forever)
 * and logs client errors (idle or checked out) instead of crashing the process on them.
 */
export function createPool({ url, log, max = 10, applicationName = 'omni' }: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    application_name: applicationName,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', (err) => log.error({ err }, 'idle PostgreSQL client failed'));
  // pg listens for errors only on idle clients: a checked-out client whose connection dies
  // between two queries (a lease held for a session, a transaction awaiting Kafka) emitted an
  // unhandled 'error' and crashed the process when PostgreSQL restarted (found by the chaos
  // tests). Its next query fails normally, and its holder decides what to do.
  const open = new Set<Promise<void>>();
  pool.on('connect', (client) => {
    client.on('error', (err) => log.warn({ err }, 'PostgreSQL connection of a checked-out client failed'));
    const closed = new Promise<void>((resolve) => client.once('end', () => resolve()));
    open.add(closed);
    void closed.then(() => open.delete(closed));
  });
  // pg's end() resolves once it has *asked* the idle clients to end, not when their
  // connections are closed: a server stopped right after (the launcher's embedded one) then
  // terminated connections still closing, and each was logged as a failure. Wait for them.
  const end = pool.end.bind(pool);
  pool.end = (async () => {
    await end();
    await Promise.all(open);
  }) as typeof pool.end;
  return pool;
}

/** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Readiness probe: the database answers a trivial query. */
export async function checkDatabase(pool: Pool): Promise<{ ok: boolean; reason?: string }> {
  try {
    await pool.query('SELECT 1');
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: `database unreachable: ${(err as Error).message}` };
  }
}
