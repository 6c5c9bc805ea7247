import { execFileSync } from 'node:child_process';
import { EmbeddedPostgresError } from './errors';

/** The OS user the server runs as: PostgreSQL refuses to run as root. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

export const SERVER_USER = 'postgres';

/**
 * As root: the `postgres` user, created (a system user without a home) when missing.
 * Otherwise undefined: the server runs as whoever runs us.
 */
export function serverUser(): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const found = lookUp(SERVER_USER);
  if (found) return found;
  try {
    const groupExists = run('getent', ['group', SERVER_USER]) !== undefined;
    execFileSync(
      'useradd',
      [
        '--system',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        ...(groupExists ? ['--gid', SERVER_USER] : ['--user-group']),
        SERVER_USER,
      ],
      { stdio: 'pipe' },
    );
  } catch (error) {
    throw new EmbeddedPostgresError(
      `PostgreSQL cannot run as root and the user "${SERVER_USER}" could not be created (useradd: ${String(error)}); create it, or set DATABASE_URL`,
      { cause: error },
    );
  }
  const created = lookUp(SERVER_USER);
  if (!created)
    throw new EmbeddedPostgresError(`useradd reported success but "${SERVER_USER}" does not exist`);
  return created;
}

function lookUp(name: string): ServerUser | undefined {
  const uid = run('id', ['-u', name]);
  const gid = run('id', ['-g', name]);
  if (uid === undefined || gid === undefined) return undefined;
  return { name, uid: Number(uid), gid: Number(gid) };
}

function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}
