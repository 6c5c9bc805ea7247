import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@omni/embedded-postgres';
import type { Logger } from '@omni/service-kit';
import pg from 'pg';

/**
 * A real PostgreSQL from npm-shipped binaries, kept under `<dataDir>/pg` so data survives
 * restarts; the `omni` database is created on first start.
 */
export async function startEmbeddedDatabase(
  dataDir: string,
  log: Logger,
): Promise<{ url: string; close: () => Promise<void> }> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const started = Date.now();
  const server = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg') });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'omni'`);
    if (rowCount === 0) await admin.query('CREATE DATABASE omni');
  } finally {
    await admin.end();
  }
  // clusterDir differs from dataDir/pg when the cluster had to move within the server user's reach.
  log.info({ dataDir, clusterDir: server.dataDir, ms: Date.now() - started }, 'embedded PostgreSQL started');
  return { url: server.url.replace(/\/postgres$/, '/omni'), close: () => server.stop() };
}
