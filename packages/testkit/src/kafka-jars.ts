import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { KAFKA_JARS } from './kafka-jars.lock';
import { elapsedMs, logLine } from './log';

/** The Apache Kafka release the test kit runs (Scala 2.13 build from Maven Central). */
export const KAFKA_VERSION = '4.1.1';
/**
 * Kafka 4.1 depends on slf4j-api 1.7.36 and ships no logging backend in its Maven dependency set;
 * without one the broker runs silent. slf4j-simple at the same version logs to stderr unconfigured
 * (a 2.x binding would not be found by the 1.7 API).
 */
export const SLF4J_VERSION = '1.7.36';
/** Maven Central: plain HTTPS, no Maven needed. */
const MAVEN_CENTRAL = 'https://repo1.maven.org/maven2';
const PARALLEL_DOWNLOADS = 6;
const COMPLETE_MARKER = '.complete';

/** `${OMNI_CACHE_DIR:-<repo root>/.cache}` — shared by every package of the repo. */
export function cacheDir(): string {
  const fromEnv = process.env.OMNI_CACHE_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(repoRoot(), '.cache');
}

function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/**
 * The folder holding Kafka's jars (for `java -cp "<dir>/*"`), fetched on first use from Maven
 * Central as {@link KAFKA_JARS} lists them (each checked against its SHA-256) and reused after.
 * The copy lands in a private temp folder that is renamed into place only when complete, so
 * concurrent first runs both succeed and nobody sees a half-filled folder.
 */
export async function kafkaLibs(version: string = KAFKA_VERSION): Promise<string> {
  // Keyed by the list too: a folder filled from another list (or by Maven before) is not reused.
  const listHash = createHash('sha256').update(JSON.stringify(KAFKA_JARS)).digest('hex').slice(0, 8);
  const home = join(cacheDir(), `kafka-${version}-${listHash}`);
  const libs = join(home, 'libs');
  if (existsSync(join(libs, COMPLETE_MARKER))) return libs;
  if (!KAFKA_JARS.some(([path]) => path.endsWith(`/kafka_2.13-${version}.jar`))) {
    throw new Error(
      `the jar list (kafka-jars.lock.ts) is not for Kafka ${version}: run packages/testkit/scripts/lock-kafka-jars.sh`,
    );
  }

  const startedAt = performance.now();
  logLine(`fetching Kafka ${version} jars into ${libs} (first run only)`);
  const work = join(home, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  const staged = join(work, 'libs');
  await mkdir(staged, { recursive: true });
  try {
    const queue = [...KAFKA_JARS];
    const worker = async () => {
      for (let jar = queue.shift(); jar !== undefined; jar = queue.shift()) await fetchJar(jar, staged);
    };
    await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, worker));
    await writeFile(join(staged, COMPLETE_MARKER), `${KAFKA_JARS.length} jars\n`);
    // A `libs` without the marker is a leftover (e.g. a hand-made copy); a rename cannot replace it.
    if (existsSync(libs) && !existsSync(join(libs, COMPLETE_MARKER)))
      await rm(libs, { recursive: true, force: true });
    await rename(staged, libs).catch((error: unknown) => {
      // Another process won the race; its copy is as good as ours.
      if (existsSync(join(libs, COMPLETE_MARKER))) return;
      throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  logLine(`Kafka ${version} jars ready in ${elapsedMs(startedAt)} ms`);
  return libs;
}

async function fetchJar([path, sha256]: readonly [string, string], into: string): Promise<void> {
  const url = `${MAVEN_CENTRAL}/${path}`;
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(120_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const data = Buffer.from(await response.arrayBuffer());
      const actual = createHash('sha256').update(data).digest('hex');
      if (actual !== sha256) throw new Error(`SHA-256 ${actual}, expected ${sha256}`);
      await writeFile(join(into, basename(path)), data);
      return;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(
    `could not fetch ${url}: ${lastError instanceof Error ? lastError.message : String(lastError)}`,
    {
      cause: lastError,
    },
  );
}
