import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * Everything test:deploy keeps between runs, keyed by content where it is built: container
 * storage (base and project images, build cache), the Debian root file system, the compose
 * plugin. Outside the clone, so a fresh clone (CI) reuses it.
 */
export const STATE_DIR = process.env.OMNI_DEPLOY_STATE_DIR ?? '/var/cache/omni-deploy';

/** Debian packages podman needs on these machines (../shared/notes/containers.md). */
export const PODMAN_PACKAGES = [
  'podman',
  'buildah',
  'runc',
  'fuse-overlayfs',
  'slirp4netns',
  'uidmap',
  'netavark',
  'aardvark-dns',
  'conmon',
  'catatonit',
  'containernetworking-plugins',
  'iptables',
  'debootstrap',
];

export interface Podman {
  /** Environment for podman, buildah and compose: private configuration and storage. */
  env: NodeJS.ProcessEnv;
  run(args: string[], opts?: { timeoutMs?: number }): Promise<string>;
  /** The Docker API the compose plugin talks to. */
  socket: string;
  stopService(): Promise<void>;
}

/** Why containers cannot run here, or undefined when podman is (now) installed. */
export async function ensurePodman(log: (line: string) => void): Promise<string | undefined> {
  if (await has('podman')) return undefined;
  if (process.getuid?.() !== 0 || !(await has('apt-get'))) {
    return `podman is not installed and cannot be installed here (needs root and apt): apt-get install ${PODMAN_PACKAGES.join(' ')}`;
  }
  log(`installing ${PODMAN_PACKAGES.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await exec('apt-get', ['update', '-qq'], { env, maxBuffer: 64 << 20 });
    await exec('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...PODMAN_PACKAGES], {
      env,
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    return `podman could not be installed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return undefined;
}

/**
 * Podman with configuration and storage of our own under {@link STATE_DIR}: runc (crun
 * refuses this VM's hybrid cgroups), ulimits within the VM's hard limits, cgroupfs (no
 * systemd), and an API socket for compose.
 */
export async function startPodman(log: (line: string) => void): Promise<Podman> {
  const dirs = {
    conf: join(STATE_DIR, 'conf'),
    storage: join(STATE_DIR, 'podman', 'storage'),
    run: join(STATE_DIR, 'podman', 'run'),
    tmp: join(STATE_DIR, 'podman', 'tmp'),
    networks: join(STATE_DIR, 'podman', 'networks'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const containersConf = join(dirs.conf, 'containers.conf');
  writeFileSync(
    containersConf,
    [
      '[containers]',
      'default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]',
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      `tmp_dir = "${dirs.tmp}"`,
      '[network]',
      `network_config_dir = "${dirs.networks}"`,
      '',
    ].join('\n'),
  );
  const storageConf = join(dirs.conf, 'storage.conf');
  writeFileSync(
    storageConf,
    ['[storage]', 'driver = "overlay"', `graphroot = "${dirs.storage}"`, `runroot = "${dirs.run}"`, ''].join(
      '\n',
    ),
  );
  // Compose v2 reads Docker's client configuration; an empty one of our own keeps it from ~/.docker.
  mkdirSync(join(dirs.conf, 'docker'), { recursive: true });
  writeFileSync(join(dirs.conf, 'docker', 'config.json'), '{}\n');
  const socket = join(dirs.run, 'podman.sock');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CONTAINERS_CONF: containersConf,
    CONTAINERS_STORAGE_CONF: storageConf,
    TMPDIR: dirs.tmp,
    DOCKER_HOST: `unix://${socket}`,
    DOCKER_CONFIG: join(dirs.conf, 'docker'),
  };
  const run = async (args: string[], opts: { timeoutMs?: number } = {}) => {
    const { stdout } = await exec('podman', args, {
      env,
      maxBuffer: 256 << 20,
      timeout: opts.timeoutMs ?? 0,
    });
    return stdout;
  };
  // A service left by an interrupted run would hold the socket.
  const service: ChildProcess = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], {
    env,
    stdio: 'ignore',
  });
  const deadline = Date.now() + 20_000;
  while (!existsSync(socket)) {
    if (service.exitCode !== null) throw new Error(`podman system service exited (${service.exitCode})`);
    if (Date.now() > deadline) throw new Error(`podman system service did not open ${socket}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`podman ${(await run(['--version'])).trim()}, storage ${dirs.storage}`);
  return {
    env,
    run,
    socket,
    stopService: async () => {
      if (service.exitCode !== null) return;
      const exited = new Promise((r) => service.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    },
  };
}

async function has(command: string): Promise<boolean> {
  try {
    await exec('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}
