import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '@omni/embedded-postgres';
import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_VERSION, kafkaLibs } from './kafka-jars';
import { type KafkaNodeLayout, kafkaServerProperties } from './kafka-properties';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const JVM_OPTIONS = ['-Xmx512m', '-Xms256m', '-XX:+UseSerialGC', '-Djava.awt.headless=true'];
const STOP_GRACE_MS = 10_000;

export interface LocalKafkaOptions {
  /** Keep the cluster here across runs (ports are remembered too). Default: a temp dir removed on stop. */
  dataDir?: string;
  /** Client port. Default: the remembered one, else a free one. */
  port?: number;
  /** Default {@link KAFKA_VERSION}. */
  version?: string;
  /** How long to wait for the broker to answer. Default 90 s. */
  readyTimeoutMs?: number;
}

/** A Kafka broker running as a child JVM of this process. */
export interface KafkaProcess {
  brokers: string[];
  /** The broker's stdout+stderr; its tail is part of every startup error. */
  logFile: string;
  dataDir: string;
  /** Sends a signal to the JVM (chaos tests: `kill('SIGKILL')`, then `restart()`). */
  kill(signal?: NodeJS.Signals): void;
  /** Stops the JVM if it still runs, starts it again on the same ports and data, waits until ready. */
  restart(): Promise<void>;
  /** SIGTERM, SIGKILL after 10 s; removes the data dir unless it was given. */
  stop(): Promise<void>;
}

/** Runs Apache Kafka from its own jars: one KRaft node, formatted on first use of `dataDir`. */
export async function startLocalKafka(options: LocalKafkaOptions = {}): Promise<KafkaProcess> {
  const libs = await kafkaLibs(options.version ?? KAFKA_VERSION);
  const classPath = join(libs, '*');
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'omni-kafka-')));
  await mkdir(dataDir, { recursive: true });
  const layout = await nodeLayout(dataDir, options.port);
  const propertiesFile = join(dataDir, 'server.properties');
  await writeFile(propertiesFile, kafkaServerProperties(layout));
  const logFile = join(dataDir, 'kafka.log');
  const brokers = [`127.0.0.1:${layout.port}`];
  const readyTimeoutMs = options.readyTimeoutMs ?? 90_000;

  if (!existsSync(join(layout.logDir, 'meta.properties'))) {
    const clusterId = newClusterId();
    const args = ['-cp', classPath, 'kafka.tools.StorageTool', 'format', '--standalone'];
    await run('java', [...args, '-t', clusterId, '-c', propertiesFile]).catch((error: unknown) => {
      throw new Error(`kafka-storage format failed: ${messageOf(error)}`, { cause: error });
    });
  }

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };

  const launch = async (): Promise<void> => {
    const out = openSync(logFile, 'a');
    const jvm = spawn('java', [...JVM_OPTIONS, '-cp', classPath, 'kafka.Kafka', propertiesFile], {
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    child = jvm;
    let hasExited = false;
    exited = new Promise((resolve) => {
      const onGone = (): void => {
        hasExited = true;
        resolve();
      };
      jvm.once('exit', onGone);
      // Spawn failures (no `java` on PATH) emit only 'error'.
      jvm.once('error', onGone);
    });
    const probe = async (): Promise<'exited' | 'ready' | false> => {
      if (hasExited) return 'exited';
      return (await brokerAnswers(brokers)) ? 'ready' : false;
    };
    const outcome = await waitFor(probe, {
      timeoutMs: readyTimeoutMs,
      intervalMs: 200,
      description: `Kafka broker at ${brokers[0]}`,
    }).catch(async (error: unknown) => {
      await stopJvm();
      throw new Error(`${messageOf(error)}\n--- ${logFile} (tail) ---\n${await tail(logFile)}`, {
        cause: error,
      });
    });
    if (outcome === 'exited') {
      throw new Error(
        `Kafka exited during startup (code ${jvm.exitCode})\n--- ${logFile} (tail) ---\n${await tail(logFile)}`,
      );
    }
  };

  const stopJvm = async (): Promise<void> => {
    const jvm = child;
    if (jvm === undefined || jvm.exitCode !== null || jvm.signalCode !== null) return;
    jvm.kill('SIGTERM');
    const timer = setTimeout(() => jvm.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  process.once('exit', killOnExit);
  try {
    await launch();
  } catch (error) {
    process.removeListener('exit', killOnExit);
    if (temporary) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    brokers,
    logFile,
    dataDir,
    kill: (signal = 'SIGTERM') => {
      child?.kill(signal);
    },
    restart: async () => {
      await stopJvm();
      await launch();
    },
    stop: async () => {
      await stopJvm();
      process.removeListener('exit', killOnExit);
      if (temporary) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Ports are remembered in the data dir: KRaft records the controller endpoint in its log. */
async function nodeLayout(dataDir: string, port: number | undefined): Promise<KafkaNodeLayout> {
  const stateFile = join(dataDir, 'testkit-kafka.json');
  const logDir = join(dataDir, 'logs');
  let remembered: Partial<KafkaNodeLayout> = {};
  if (existsSync(stateFile)) {
    remembered = JSON.parse(await readFile(stateFile, 'utf8')) as Partial<KafkaNodeLayout>;
  }
  const layout: KafkaNodeLayout = {
    port: port ?? remembered.port ?? (await freePort()),
    controllerPort: remembered.controllerPort ?? (await freePort()),
    logDir,
  };
  await writeFile(stateFile, JSON.stringify(layout));
  return layout;
}

/**
 * Ready means a client's first calls succeed: the broker answers metadata, and the group and
 * transaction coordinators are loaded. Touching them makes the broker create __consumer_offsets and
 * __transaction_state now; otherwise every run's first consumer crashes once and its first
 * idempotent producer retries, both with "coordinator is loading" errors in the test output.
 */
async function brokerAnswers(brokers: string[]): Promise<boolean> {
  const kafka = new Kafka({
    clientId: 'testkit-readiness',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  // kafkajs refuses an idempotent producer without retries; one quick retry keeps the probe short.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    retry: { retries: 1, initialRetryTime: 50 },
  });
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.controller === null || cluster.brokers.length === 0) return false;
    await admin.describeGroups(['testkit-readiness']);
    await producer.connect();
    return true;
  } finally {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  }
}

async function tail(file: string, lines = 40): Promise<string> {
  const text = await readFile(file, 'utf8').catch(() => '(no log)');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A KRaft cluster id: 16 random bytes, base64url — never starting with `-`, which the
 * storage tool's argument parser takes for an option ("argument --cluster-id/-t: expected
 * one argument"; one start in 64 failed so). Kafka's own Uuid.randomUuid() redraws the same way.
 */
export function newClusterId(random: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
