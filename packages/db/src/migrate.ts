import path from 'node:path';
import type { Logger } from 'pino';
import { migrate } from 'postgres-migrations';
import type { Pool } from './pool';

/** The one schema every service shares; services own their tables within it. */
export const MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');

/**
 * Applies pending SQL migrations. postgres-migrations takes a PostgreSQL advisory lock,
 * so replicas starting together apply each migration exactly once, and runs each file in
 * its own transaction.
 */
export async function runMigrations(pool: Pool, log: Logger): Promise<void> {
  const client = await pool.connect();
  try {
    const applied = await migrate({ client }, MIGRATIONS_DIR, {
      logger: (msg) => log.trace({ component: 'migrations' }, msg),
    });
    if (applied.length > 0)
      log.info({ migrations: applied.map((m) => m.name) }, 'database migrations applied');
  } finally {
    client.release();
  }
}
