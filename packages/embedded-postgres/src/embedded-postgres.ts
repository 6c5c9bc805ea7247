import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installedBinaries, type PostgresBinaries, reachableBinaries } from './binaries';
import { placeDataDir } from './data-dir';
import { EmbeddedPostgresError } from './errors';
import { freePort } from './free-port';
import { type ServerUser, serverUser } from './server-user';

export interface EmbeddedPostgresOptions {
  /** Data directory; an already initialised cluster in it is reused as is. */
  dataDir: string;
  /** Default: a free port. */
  port?: number;
  user?: string;
  password?: string;
  /**
   * Trade durability for speed (fsync, synchronous commit and full page writes off). Right for a
   * throwaway test cluster, wrong for a launcher's `.data/` dir. Default false.
   */
  fast?: boolean;
  /** Delete the data directory on stop. Default false. */
  removeOnStop?: boolean;
  /**
   * Server settings passed as `-c name=value` at start (e.g. `shared_preload_libraries`, which
   * only a start can set: the benches load pg_stat_statements with it).
   */
  settings?: Record<string, string>;
}

/** A running server; {@link stop} is a fast shutdown (SIGINT). */
export interface EmbeddedPostgres {
  /** Admin connection URL to the `postgres` database. */
  url: string;
  port: number;
  /** The directory the cluster really lives in (see {@link placeDataDir}). */
  dataDir: string;
  stop(): Promise<void>;
}

const READY = 'database system is ready to accept connections';
const LOG_TAIL_LINES = 40;
const STOP_GRACE_MS = 30_000;

/**
 * Runs PostgreSQL from the npm-shipped binaries on 127.0.0.1. As root the server runs as the
 * `postgres` OS user (created if missing), with the binaries and the data directory moved
 * within its reach when the chosen ones are not (see {@link reachableBinaries}, {@link placeDataDir}).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const {
    user = 'postgres',
    password = 'postgres',
    fast = false,
    removeOnStop = false,
    settings = {},
  } = options;
  const port = options.port ?? (await freePort());
  const owner = serverUser();
  const binaries = owner ? reachableBinaries(installedBinaries()) : installedBinaries();
  const dataDir = placeDataDir(options.dataDir, owner);
  const log = new LogTail();
  try {
    if (!existsSync(join(dataDir, 'PG_VERSION')))
      await initdb(binaries, dataDir, owner, { user, password, fast }, log);
    const server = await startServer(binaries, dataDir, owner, port, { fast, settings }, log);
    const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    return {
      url,
      port,
      dataDir,
      stop: async () => {
        await server.stop();
        if (removeOnStop) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) throw error;
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${error instanceof Error ? error.message : String(error)}\n${log.text()}`,
      { cause: error },
    );
  }
}

async function initdb(
  binaries: PostgresBinaries,
  dataDir: string,
  owner: ServerUser | undefined,
  opts: { user: string; password: string; fast: boolean },
  log: LogTail,
): Promise<void> {
  // The password reaches initdb through a file only the server's user can read.
  const passwordFile = join(tmpdir(), `omni-pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${opts.password}\n`, { mode: 0o600 });
  if (owner) chownSync(passwordFile, owner.uid, owner.gid);
  try {
    const child = spawnAs(owner, binaries.initdb, [
      `--pgdata=${dataDir}`,
      '--auth=scram-sha-256',
      `--username=${opts.user}`,
      `--pwfile=${passwordFile}`,
      // A UTF-8 aware locale: full-text search and pg_trgm classify Cyrillic and CJK letters by it.
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      ...(opts.fast ? ['--no-sync'] : []),
    ]);
    log.follow(child);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`initdb exited with code ${code}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

async function startServer(
  binaries: PostgresBinaries,
  dataDir: string,
  owner: ServerUser | undefined,
  port: number,
  { fast, settings }: { fast: boolean; settings: Record<string, string> },
  log: LogTail,
): Promise<{ stop(): Promise<void> }> {
  // In its own process group: Ctrl-C in a terminal signals the whole foreground group, and the
  // server would stop at once, under services still finishing their in-flight work (which
  // then failed with "terminating connection due to administrator command"). The caller
  // stops it last (`stop()`), or on exit.
  const child = spawnAs(
    owner,
    binaries.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: the compiled-in socket directory may not be writable for the server's user.
      '-c',
      'unix_socket_directories=',
      ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    { ownProcessGroup: true },
  );
  log.follow(child);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (chunk.toString().includes(READY)) {
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('error', reject);
    void exited.then(() => reject(new Error(`postgres exited during startup (code ${child.exitCode})`)));
  });
  // The server outlives a crashed parent otherwise, holding the data directory's lock.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  return {
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function spawnAs(
  owner: ServerUser | undefined,
  program: string,
  args: string[],
  opts: { ownProcessGroup?: boolean } = {},
): ChildProcess {
  return spawn(program, args, {
    detached: opts.ownProcessGroup ?? false,
    // The caller's working directory may be closed to the server's user (a 0700 home).
    cwd: '/',
    env: { ...process.env, LC_MESSAGES: 'C' },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
  });
}

/** The last lines the server printed: part of every startup error. */
class LogTail {
  private readonly lines: string[] = [];

  follow(child: ChildProcess): void {
    const remember = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.trim() === '') continue;
        this.lines.push(line.trimEnd());
        if (this.lines.length > LOG_TAIL_LINES) this.lines.shift();
      }
    };
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
  }

  text(): string {
    return this.lines.join('\n');
  }
}
