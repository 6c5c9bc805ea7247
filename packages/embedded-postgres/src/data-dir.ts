import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmdirSync,
  symlinkSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { othersCanTraverse } from './access';
import { EmbeddedPostgresError } from './errors';
import type { ServerUser } from './server-user';

/** Where clusters go whose chosen folder the server's user cannot reach. */
export const RELOCATED_DIR = '/var/lib/omni/embedded-postgres';

/**
 * The directory the server really uses for `dataDir`, created and owned by the server's user.
 * Run as root with `dataDir` under a folder closed to other users (a clone in a 0700 `/root`),
 * the cluster lives under {@link RELOCATED_DIR} instead and `dataDir` becomes a symlink to it,
 * so the launcher's `.data/pg` still leads there.
 */
export function placeDataDir(
  dataDir: string,
  user: ServerUser | undefined,
  relocatedDir = RELOCATED_DIR,
): string {
  const wanted = resolve(dataDir);
  if (user === undefined) {
    mkdirSync(wanted, { recursive: true, mode: 0o700 });
    return wanted;
  }
  const unreachable = (dir: string) =>
    new EmbeddedPostgresError(
      `the PostgreSQL server's user "${user.name}" cannot reach ${dir} (a folder above it is closed to other users): move it under a folder others can enter and point OMNI_DATA_DIR there, or set DATABASE_URL`,
    );
  if (isSymlink(wanted)) {
    // A relocation made by an earlier start (or by hand).
    const target = resolve(dirname(wanted), readlinkSync(wanted));
    if (!othersCanTraverse(target)) throw unreachable(target);
    return ownedBy(target, user);
  }
  if (othersCanTraverse(wanted)) return ownedBy(wanted, user);
  if (existsSync(wanted) && readdirSync(wanted).length > 0) throw unreachable(wanted);
  // Named after the path it stands for (readable in `ls`), hashed so two clones never share one.
  const hash = createHash('sha256').update(wanted).digest('hex').slice(0, 8);
  const readable = wanted
    .replace(/[^A-Za-z0-9._]+/g, '-')
    .replace(/^-/, '')
    .slice(-60);
  const target = join(relocatedDir, `${readable}-${hash}`);
  mkdirSync(relocatedDir, { recursive: true, mode: 0o755 });
  chmodSync(relocatedDir, 0o755);
  if (existsSync(wanted)) rmdirSync(wanted);
  mkdirSync(dirname(wanted), { recursive: true });
  symlinkSync(target, wanted);
  return ownedBy(target, user);
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function ownedBy(dir: string, user: ServerUser): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chownSync(dir, user.uid, user.gid);
  return dir;
}
