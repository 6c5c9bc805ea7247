import { execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Podman, STATE_DIR } from './podman';

const exec = promisify(execFile);

/**
 * The compose v2 plugin from Debian trixie's docker-compose package (bookworm has only the
 * Python 1.29, which lacks `--wait`), unpacked under {@link STATE_DIR} — the system's
 * docker-compose is left alone.
 */
const COMPOSE_PACKAGE = { name: 'docker-compose', suite: 'trixie', version: '2.26.1-4' };

export async function ensureComposePlugin(log: (line: string) => void): Promise<string> {
  const dir = join(STATE_DIR, 'compose', COMPOSE_PACKAGE.version);
  const binary = join(dir, 'docker-compose');
  if (existsSync(binary)) return binary;
  const apt = join(STATE_DIR, 'compose', 'apt');
  for (const sub of ['lists/partial', 'archives/partial']) mkdirSync(join(apt, sub), { recursive: true });
  const options = [
    `-o=Dir::Etc::SourceList=${join(apt, 'sources.list')}`,
    '-o=Dir::Etc::SourceParts=/nonexistent',
    `-o=Dir::State::Lists=${join(apt, 'lists')}`,
    `-o=Dir::Cache=${apt}`,
    `-o=Dir::Cache::archives=${join(apt, 'archives')}`,
  ];
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    join(apt, 'sources.list'),
    `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian ${COMPOSE_PACKAGE.suite} main\n`,
  );
  log(
    `fetching Debian ${COMPOSE_PACKAGE.suite}'s ${COMPOSE_PACKAGE.name} ${COMPOSE_PACKAGE.version} (compose v2)`,
  );
  await exec('apt-get', [...options, 'update', '-qq'], { maxBuffer: 16 << 20 });
  await exec('apt-get', [...options, 'download', `${COMPOSE_PACKAGE.name}=${COMPOSE_PACKAGE.version}`], {
    cwd: apt,
    maxBuffer: 16 << 20,
  });
  const deb = readdirSync(apt).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error('apt-get download produced no .deb');
  const unpacked = join(apt, 'unpacked');
  rmSync(unpacked, { recursive: true, force: true });
  await exec('dpkg-deb', ['-x', join(apt, deb), unpacked]);
  mkdirSync(dir, { recursive: true });
  renameSync(join(unpacked, 'usr/libexec/docker/cli-plugins/docker-compose'), binary);
  chmodSync(binary, 0o755);
  rmSync(join(apt, deb));
  rmSync(unpacked, { recursive: true, force: true });
  return binary;
}

export interface Compose {
  /** Runs `docker compose <args>` on the project; rejects with its output on failure. */
  run(args: string[], opts?: { timeoutMs?: number }): Promise<string>;
  project: string;
}

export function compose(
  binary: string,
  podman: Podman,
  project: string,
  files: string[],
  env: NodeJS.ProcessEnv,
): Compose {
  const base = ['-p', project, ...files.flatMap((f) => ['-f', f])];
  return {
    project,
    run: (args, opts = {}) =>
      new Promise((resolve, reject) => {
        const child = spawn(binary, [...base, ...args], {
          env: { ...podman.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
          timeout: opts.timeoutMs,
        });
        let output = '';
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
        });
        child.stderr.on('data', (d: Buffer) => {
          output += d.toString();
        });
        child.once('error', reject);
        child.once('close', (code) => {
          if (code === 0) resolve(output);
          else
            reject(new Error(`docker compose ${args.join(' ')} exited with ${code}\n${output.slice(-6000)}`));
        });
      }),
  };
}
