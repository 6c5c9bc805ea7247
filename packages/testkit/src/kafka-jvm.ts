import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './wait-for';

const run = promisify(execFile);
const STOP_GRACE_MS = 10_000;

/**
 * One Kafka node (broker+controller) as a child JVM: started, waited for, signalled,
 * stopped. Each start appends to the same log file, whose tail is part of every error.
 */
export class KafkaJvm {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private hasExited = true;
  private readonly killOnExit = (): void => {
    this.child?.kill('SIGKILL');
  };

  constructor(
    private readonly opts: {
      classPath: string;
      propertiesFile: string;
      logFile: string;
      /** Heap ceiling, e.g. `512m`. */
      heap: string;
    },
  ) {}

  get running(): boolean {
    return !this.hasExited;
  }

  get logFile(): string {
    return this.opts.logFile;
  }

  /** Spawns the JVM (not waiting for it to answer: a quorum member needs its peers for that). */
  start(): void {
    const out = openSync(this.opts.logFile, 'a');
    const jvm = spawn(
      'java',
      [
        `-Xmx${this.opts.heap}`,
        '-Xms128m',
        '-XX:+UseSerialGC',
        '-Djava.awt.headless=true',
        '-cp',
        this.opts.classPath,
        'kafka.Kafka',
        this.opts.propertiesFile,
      ],
      { stdio: ['ignore', out, out] },
    );
    closeSync(out);
    this.child = jvm;
    this.hasExited = false;
    this.exited = new Promise((resolve) => {
      const onGone = (): void => {
        this.hasExited = true;
        resolve();
      };
      jvm.once('exit', onGone);
      // Spawn failures (no `java` on PATH) emit only 'error'.
      jvm.once('error', onGone);
    });
    process.removeListener('exit', this.killOnExit);
    process.once('exit', this.killOnExit);
  }

  /** Waits until `probe` says ready; fails at once, with the log's tail, if the JVM exits meanwhile. */
  async waitUntil(probe: () => Promise<boolean>, timeoutMs: number, description: string): Promise<void> {
    const outcome = await waitFor(
      async () => (this.hasExited ? 'exited' : (await probe()) ? 'ready' : false),
      {
        timeoutMs,
        intervalMs: 200,
        description,
      },
    ).catch(async (error: unknown) => {
      throw new Error(
        `${messageOf(error)}\n--- ${this.opts.logFile} (tail) ---\n${await tail(this.opts.logFile)}`,
        {
          cause: error,
        },
      );
    });
    if (outcome === 'exited') {
      throw new Error(
        `Kafka exited during startup (code ${this.child?.exitCode})\n--- ${this.opts.logFile} (tail) ---\n${await tail(this.opts.logFile)}`,
      );
    }
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child?.kill(signal);
  }

  /** Resolves when the current JVM has exited (at once if none runs). */
  waitExit(): Promise<void> {
    return this.exited;
  }

  /** SIGTERM (a clean shutdown), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    const jvm = this.child;
    if (jvm !== undefined && !this.hasExited) {
      jvm.kill('SIGTERM');
      const timer = setTimeout(() => jvm.kill('SIGKILL'), STOP_GRACE_MS);
      await this.exited;
      clearTimeout(timer);
    }
    process.removeListener('exit', this.killOnExit);
  }
}

/** Formats a node's log dir unless it already holds a cluster (`--standalone`: a one-node quorum). */
export async function formatStorage(
  classPath: string,
  propertiesFile: string,
  logDir: string,
  clusterId: string,
  standalone: boolean,
): Promise<void> {
  if (existsSync(join(logDir, 'meta.properties'))) return;
  const args = [
    '-cp',
    classPath,
    'kafka.tools.StorageTool',
    'format',
    ...(standalone ? ['--standalone'] : []),
  ];
  await run('java', [...args, '-t', clusterId, '-c', propertiesFile]).catch((error: unknown) => {
    throw new Error(`kafka-storage format failed: ${messageOf(error)}`, { cause: error });
  });
}

/**
 * Ready means a client's first calls succeed: the cluster has a controller and `brokerCount`
 * registered brokers, and the group and transaction coordinators are loaded. Touching them makes
 * the cluster create __consumer_offsets and __transaction_state now; otherwise every run's first
 * consumer crashes once and its first idempotent producer retries, both with "coordinator is
 * loading" errors in the test output.
 */
export async function brokerAnswers(brokers: string[], brokerCount = 1): Promise<boolean> {
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
    if (cluster.controller === null || cluster.brokers.length < brokerCount) return false;
    await admin.describeGroups(['testkit-readiness']);
    await producer.connect();
    return true;
  } finally {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  }
}

export async function tail(file: string, lines = 40): Promise<string> {
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
