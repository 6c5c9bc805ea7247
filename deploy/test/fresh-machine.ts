import { execFile } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ensureNodeImage, LOCAL_IMAGES, NODE_VERSIONS } from './base-images';
import { type Podman, STATE_DIR } from './podman';

const exec = promisify(execFile);
const REPO = join(__dirname, '..', '..');
const PNPM = 'npx --yes pnpm@12.21.0';

/**
 * The README's commands on a fresh Debian machine with only Node (the oldest supported) and
 * npm, as a new user runs them: as root, the clone in /root (mode 0700). `start` installs,
 * starts everything in one process, posts a web-form submission and reads it back through
 * /v1; `test` runs the whole test suite (its system packages installed through apt by the
 * suite itself). Downloads (pnpm's store, npx's cache) are cached between runs under
 * {@link STATE_DIR}; nothing else carries over.
 */
export async function freshMachineCheck(
  podman: Podman,
  log: (line: string) => void,
  what: 'start' | 'test',
): Promise<void> {
  const image = LOCAL_IMAGES.node(NODE_VERSIONS.oldest);
  await ensureNodeImage(podman, NODE_VERSIONS.oldest, log);
  const source = join(STATE_DIR, 'work', 'fresh-clone.tar');
  mkdirSync(join(STATE_DIR, 'work'), { recursive: true });
  // The committed tree, as a clone has it (uncommitted edits are not part of a clone).
  await exec('git', ['-C', REPO, 'archive', '--format=tar', '-o', source, 'HEAD']);
  const caches = join(STATE_DIR, 'fresh-machine-cache');
  for (const dir of ['pnpm', 'npm']) mkdirSync(join(caches, dir), { recursive: true });
  const script =
    what === 'start'
      ? `${PNPM} install && (${PNPM} start > /tmp/start.log 2>&1 &) && node /root/omni/deploy/test/fresh-machine.probe.mjs`
      : `${PNPM} install && ${PNPM} test`;
  try {
    const { stdout } = await exec(
      'podman',
      [
        'run',
        '--rm',
        '-e',
        'CI=true',
        '-v',
        `${source}:/src.tar:ro`,
        '-v',
        `${join(caches, 'pnpm')}:/root/.local/share/pnpm`,
        '-v',
        `${join(caches, 'npm')}:/root/.npm`,
        image,
        'bash',
        '-euo',
        'pipefail',
        '-c',
        `test "$(stat -c %a /root)" = 700 && mkdir /root/omni && tar -xf /src.tar -C /root/omni && cd /root/omni && ${script}`,
      ],
      { env: podman.env, maxBuffer: 256 << 20, timeout: what === 'start' ? 20 * 60_000 : 60 * 60_000 },
    );
    log(stdout.trim().split('\n').slice(-8).join('\n'));
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(
      `fresh machine (${what}) failed:\n${String(output.stdout ?? '').slice(-4000)}\n${String(output.stderr ?? '').slice(-4000)}`,
      { cause: error },
    );
  } finally {
    rmSync(source, { force: true });
  }
}
