import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@omni/embedded-postgres';
import { KAFKA_VERSION, kafkaLibs } from './kafka-jars';
import { brokerAnswers, formatStorage, KafkaJvm, newClusterId } from './kafka-jvm';
import { type KafkaNodeLayout, kafkaServerProperties } from './kafka-properties';

export { newClusterId } from './kafka-jvm';

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
  await formatStorage(classPath, propertiesFile, layout.logDir, newClusterId(), true);

  const jvm = new KafkaJvm({ classPath, propertiesFile, logFile, heap: '512m' });
  const launch = async (): Promise<void> => {
    jvm.start();
    await jvm
      .waitUntil(() => brokerAnswers(brokers), readyTimeoutMs, `Kafka broker at ${brokers[0]}`)
      .catch(async (error: unknown) => {
        await jvm.stop();
        throw error;
      });
  };

  try {
    await launch();
  } catch (error) {
    if (temporary) await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  return {
    brokers,
    logFile,
    dataDir,
    kill: (signal = 'SIGTERM') => jvm.kill(signal),
    restart: async () => {
      await jvm.stop();
      await launch();
    },
    stop: async () => {
      await jvm.stop();
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
