import { chmodSync, existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/embedded-postgres';

const asRoot = process.getuid?.() === 0;

/**
 * A clone in a 0700 home (`/root/omni`, the usual case in a VM or a container) used to crash
 * `pnpm start` with `spawn …/bin/initdb EACCES`: the server runs as another user there.
 */
describe('embedded PostgreSQL under a folder closed to other users', () => {
  let home: string;
  const cleanup: string[] = [];
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'omni-closed-home-'));
    chmodSync(home, 0o700);
    cleanup.push(home);
  });
  afterAll(() => {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  it('starts, serves queries and keeps its data across a restart', async () => {
    const dataDir = join(home, 'omni', '.data', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, fast: true });
    if (first.dataDir !== resolve(dataDir)) cleanup.push(first.dataDir);
    try {
      if (asRoot) {
        // Moved within the server user's reach; the chosen path leads there.
        expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
        expect(readlinkSync(dataDir)).toBe(first.dataDir);
      } else {
        expect(first.dataDir).toBe(resolve(dataDir));
      }
      await query(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$ok$$)');
    } finally {
      await first.stop();
    }
    const second = await startEmbeddedPostgres({ dataDir, fast: true });
    try {
      expect(second.dataDir).toBe(first.dataDir);
      expect(await query(second.url, 'SELECT value FROM kept')).toEqual([{ value: 'ok' }]);
    } finally {
      await second.stop();
    }
    expect(existsSync(join(first.dataDir, 'PG_VERSION'))).toBe(true);
  });
});

describe('embedded PostgreSQL settings', () => {
  it('starts with the given server settings, including those only a start can set', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omni-pg-settings-'));
    const server = await startEmbeddedPostgres({
      dataDir,
      fast: true,
      removeOnStop: true,
      settings: { shared_preload_libraries: 'pg_stat_statements', work_mem: '7MB' },
    });
    try {
      await query(server.url, 'CREATE EXTENSION pg_stat_statements');
      // Readable only when the library was loaded at start.
      expect(await query(server.url, 'SELECT count(*) >= 0 AS ok FROM pg_stat_statements')).toEqual([
        { ok: true },
      ]);
      expect(await query(server.url, 'SHOW work_mem')).toEqual([{ work_mem: '7MB' }]);
    } finally {
      await server.stop();
    }
  });
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const result = await client.query(sql);
    return Array.isArray(result) ? [] : result.rows;
  } finally {
    await client.end();
  }
}
