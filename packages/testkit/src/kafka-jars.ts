import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { elapsedMs, logLine } from './log';

const run = promisify(execFile);

/** The Apache Kafka release the test kit runs (Scala 2.13 build from Maven Central). */
export const KAFKA_VERSION = '4.1.1';
/**
 * Kafka 4.1 depends on slf4j-api 1.7.36 and ships no logging backend in its Maven dependency set;
 * without one the broker runs silent. slf4j-simple at the same version logs to stderr unconfigured
 * (a 2.x binding would not be found by the 1.7 API).
 */
export const SLF4J_VERSION = '1.7.36';
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
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
 * The folder holding Kafka's jars (for `java -cp "<dir>/*"`), resolved with Maven on first use and
 * reused after. The copy lands in a private temp folder that is renamed into place only when
 * complete, so concurrent first runs both succeed and nobody sees a half-filled folder.
 */
export async function kafkaLibs(version: string = KAFKA_VERSION): Promise<string> {
  const home = join(cacheDir(), `kafka-${version}`);
  const libs = join(home, 'libs');
  if (existsSync(join(libs, COMPLETE_MARKER))) return libs;

  const startedAt = performance.now();
  logLine(`resolving Kafka ${version} jars with Maven into ${libs} (first run only)`);
  const work = join(home, `tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(work, { recursive: true });
  try {
    await writeFile(join(work, 'pom.xml'), pom(version));
    const staged = join(work, 'libs');
    await run(
      'mvn',
      [
        '-q',
        '-B',
        `${DEPENDENCY_PLUGIN}:copy-dependencies`,
        `-DoutputDirectory=${staged}`,
        '-DincludeScope=runtime',
      ],
      { cwd: work, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: unknown) => {
      const output = error instanceof Error && 'stdout' in error ? String(error.stdout) : '';
      throw new Error(
        `mvn could not resolve org.apache.kafka:kafka_2.13:${version}\n${output.slice(-4000)}`,
        {
          cause: error,
        },
      );
    });
    const jars = (await readdir(staged)).filter((file) => file.endsWith('.jar'));
    if (!jars.some((jar) => jar.startsWith(`kafka_2.13-${version}`))) {
      throw new Error(`mvn finished but ${staged} holds no kafka_2.13-${version} jar`);
    }
    await writeFile(join(staged, COMPLETE_MARKER), `${jars.length} jars\n`);
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

function pom(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>omni.testkit</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${version}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-simple</artifactId>
      <version>${SLF4J_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
}
