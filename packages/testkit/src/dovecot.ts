import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@omni/embedded-postgres';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const DOVECOT_BINARY = '/usr/sbin/dovecot';
const DOVEADM_BINARY = '/usr/bin/doveadm';
/** Debian's `mail` user: Dovecot refuses to access mail as root. */
const MAIL_UID = 8;
const MAIL_GID = 8;

export interface DovecotUser {
  user: string;
  password: string;
}

/** A throwaway Dovecot IMAP server, child of this process, with its own config, users and maildirs. */
export interface TestDovecot {
  host: string;
  port: number;
  users: DovecotUser[];
  /** Runs `doveadm` against this server's config (e.g. `mailbox update --uid-validity`). */
  doveadm(args: string[]): Promise<string>;
  /** SIGTERM, SIGKILL after 5 s; removes every file of the server. */
  stop(): Promise<void>;
}

export function isDovecotInstalled(): boolean {
  return existsSync(DOVECOT_BINARY);
}

/**
 * Starts Dovecot (Debian's `dovecot-imapd`, installed by scripts/ensure-system-deps.sh) on a
 * free port of 127.0.0.1: plain-text login over a non-TLS listener, maildir storage, users
 * from a passwd file. Nothing outside a fresh temp dir is touched.
 */
export async function startDovecot(
  users: DovecotUser[] = [{ user: 'support', password: 'secret' }],
): Promise<TestDovecot> {
  if (!isDovecotInstalled())
    throw new Error(`Dovecot is not installed (${DOVECOT_BINARY}); run scripts/ensure-system-deps.sh`);
  const dir = await mkdtemp(join(tmpdir(), 'omni-dovecot-'));
  // mkdtemp makes 0700; the mail user must traverse it to reach the maildirs.
  await chmod(dir, 0o755);
  const mailDir = join(dir, 'mail');
  await mkdir(mailDir);
  await chown(mailDir, MAIL_UID, MAIL_GID);
  const port = await freePort();
  const configFile = join(dir, 'dovecot.conf');
  const logFile = join(dir, 'dovecot.log');
  await writeFile(
    join(dir, 'passwd'),
    `${users.map((u) => `${u.user}:{PLAIN}${u.password}::::::`).join('\n')}\n`,
  );
  await writeFile(configFile, dovecotConfig({ dir, mailDir, port, logFile }));

  const child: ChildProcess = spawn(DOVECOT_BINARY, ['-F', '-c', configFile], { stdio: 'ignore' });
  let exited = false;
  // A test process that ends without calling stop() must not leave a mail server running.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => {
    exited = true;
    process.removeListener('exit', killOnExit);
  });
  const logTail = async () => (await readFile(logFile, 'utf8').catch(() => '')).slice(-2000);
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error(`dovecot exited: ${await logTail()}`);
        return greets('127.0.0.1', port);
      },
      { timeoutMs: 15_000, description: `Dovecot on port ${port}` },
    );
  } catch (err) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw err;
  }

  return {
    host: '127.0.0.1',
    port,
    users,
    async doveadm(args) {
      const { stdout } = await run(DOVEADM_BINARY, ['-c', configFile, ...args]);
      return stdout;
    },
    async stop() {
      if (!exited) {
        const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await gone;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function dovecotConfig(p: { dir: string; mailDir: string; port: number; logFile: string }): string {
  return `
base_dir = ${p.dir}/run
state_dir = ${p.dir}/state
log_path = ${p.logFile}
info_log_path = ${p.logFile}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${p.mailDir}/%u
first_valid_uid = 1
default_internal_user = root
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${p.dir}/passwd
}
userdb {
  driver = static
  args = uid=${MAIL_UID} gid=${MAIL_GID} home=${p.mailDir}/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${p.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
`;
}

/** True once the server sends its IMAP greeting. */
function greets(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('* OK')));
    socket.once('error', () => done(false));
  });
}
