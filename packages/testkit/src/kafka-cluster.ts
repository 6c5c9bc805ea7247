import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@omni/embedded-postgres';
import { Kafka, logLevel } from 'kafkajs';
import { KAFKA_VERSION, kafkaLibs } from './kafka-jars';
import { brokerAnswers, formatStorage, KafkaJvm, newClusterId } from './kafka-jvm';
import { kafkaServerProperties } from './kafka-properties';
import { waitFor } from './wait-for';

export interface KafkaClusterOptions {
  /** Nodes, each a broker and a controller voter. Default 3. */
  brokers?: number;
  /** Replicas of every topic. Default: min(3, brokers). */
  replicationFactor?: number;
  /** In-sync replicas an `acks=all` write needs. Default: replicationFactor − 1 (2 of 3). */
  minInsyncReplicas?: number;
  /** Heap of each JVM. Default `384m`. */
  heap?: string;
  version?: string;
  /** How long to wait for the cluster (or a restarted node) to answer. Default 120 s. */
  readyTimeoutMs?: number;
}

/** One node of a {@link KafkaCluster}. */
export interface KafkaClusterNode {
  nodeId: number;
  /** Its PLAINTEXT listener, `127.0.0.1:<port>`. */
  broker: string;
  logFile: string;
  readonly running: boolean;
  /** Sends a signal to the JVM: `SIGKILL` (a crash) or `SIGTERM` (a clean shutdown). */
  kill(signal?: NodeJS.Signals): void;
  /** Resolves when the JVM has exited. */
  waitExit(): Promise<void>;
  /** Stops the JVM if it still runs, starts it on the same ports and data, waits until it is a registered broker again. */
  restart(): Promise<void>;
}

/** A multi-node KRaft cluster of child JVMs on loopback, started from the same jars as {@link startLocalKafka}. */
export interface KafkaCluster {
  /** Every node's client listener: the bootstrap list. */
  brokers: string[];
  nodes: KafkaClusterNode[];
  node(nodeId: number): KafkaClusterNode;
  replicationFactor: number;
  minInsyncReplicas: number;
  /** The node leading a partition now (chaos tests kill it). */
  leaderOf(topic: string, partition: number): Promise<number>;
  /** Partitions of `topics` whose ISR is smaller than their replica set. */
  underReplicated(topics: string[]): Promise<Array<{ topic: string; partition: number; isr: number[] }>>;
  /** Stops every node and removes the data. */
  stop(): Promise<void>;
}

/**
 * Starts a KRaft cluster — by default 3 combined broker+controller nodes with a static
 * controller quorum, replication factor 3 and `min.insync.replicas=2` for every topic,
 * internal ones included, unclean leader election off — and waits until every broker is
 * registered and the group coordinator answers. Each node has its own ports and log dir
 * and can be killed and restarted on its own.
 */
export async function startKafkaCluster(options: KafkaClusterOptions = {}): Promise<KafkaCluster> {
  const count = options.brokers ?? 3;
  const replicationFactor = options.replicationFactor ?? Math.min(3, count);
  const minInsyncReplicas = options.minInsyncReplicas ?? Math.max(1, replicationFactor - 1);
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const classPath = join(await kafkaLibs(options.version ?? KAFKA_VERSION), '*');
  const dataDir = await mkdtemp(join(tmpdir(), 'omni-kafka-cluster-'));
  const layouts = [];
  for (let nodeId = 1; nodeId <= count; nodeId++) {
    const dir = join(dataDir, `node-${nodeId}`);
    await mkdir(dir, { recursive: true });
    layouts.push({
      nodeId,
      dir,
      port: await freePort(),
      controllerPort: await freePort(),
      logDir: join(dir, 'logs'),
    });
  }
  const voters = layouts.map(({ nodeId, controllerPort }) => ({ nodeId, controllerPort }));
  const brokers = layouts.map((l) => `127.0.0.1:${l.port}`);
  const clusterId = newClusterId();
  const jvms = new Map<number, KafkaJvm>();

  const stopAll = async () => {
    await Promise.allSettled([...jvms.values()].map((jvm) => jvm.stop()));
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await Promise.all(
      layouts.map(async (l) => {
        const propertiesFile = join(l.dir, 'server.properties');
        await writeFile(
          propertiesFile,
          kafkaServerProperties(l, { nodeId: l.nodeId, voters, replicationFactor, minInsyncReplicas }),
        );
        await formatStorage(classPath, propertiesFile, l.logDir, clusterId, false);
        jvms.set(
          l.nodeId,
          new KafkaJvm({
            classPath,
            propertiesFile,
            logFile: join(l.dir, 'kafka.log'),
            heap: options.heap ?? '384m',
          }),
        );
      }),
    );
    // All at once: a voter cannot answer before a majority of the quorum runs.
    for (const jvm of jvms.values()) jvm.start();
    await Promise.all(
      layouts.map((l) =>
        (jvms.get(l.nodeId) as KafkaJvm).waitUntil(
          () => brokerAnswers([brokers[l.nodeId - 1] as string], count),
          readyTimeoutMs,
          `Kafka cluster node ${l.nodeId} at ${brokers[l.nodeId - 1]}`,
        ),
      ),
    );
  } catch (error) {
    await stopAll();
    throw error;
  }

  const admin = async <T>(work: (a: ReturnType<Kafka['admin']>) => Promise<T>): Promise<T> => {
    const client = new Kafka({ clientId: 'testkit-cluster', brokers, logLevel: logLevel.NOTHING }).admin();
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.disconnect();
    }
  };

  const nodes: KafkaClusterNode[] = layouts.map((l) => {
    const jvm = jvms.get(l.nodeId) as KafkaJvm;
    const broker = brokers[l.nodeId - 1] as string;
    return {
      nodeId: l.nodeId,
      broker,
      logFile: jvm.logFile,
      get running() {
        return jvm.running;
      },
      kill: (signal = 'SIGTERM') => jvm.kill(signal),
      waitExit: () => jvm.waitExit(),
      restart: async () => {
        await jvm.stop();
        jvm.start();
        // Registered again: the cluster, asked through this node, lists every broker.
        await jvm.waitUntil(
          () => brokerAnswers([broker], count),
          readyTimeoutMs,
          `Kafka node ${l.nodeId} back`,
        );
      },
    };
  });

  return {
    brokers,
    nodes,
    node: (nodeId) => {
      const found = nodes.find((n) => n.nodeId === nodeId);
      if (!found) throw new Error(`no Kafka node ${nodeId}`);
      return found;
    },
    replicationFactor,
    minInsyncReplicas,
    leaderOf: (topic, partition) =>
      waitFor(
        () =>
          admin(async (a) => {
            const { topics } = await a.fetchTopicMetadata({ topics: [topic] });
            const leader = topics[0]?.partitions.find((p) => p.partitionId === partition)?.leader;
            return leader !== undefined && leader >= 0 ? leader : undefined;
          }),
        { timeoutMs: 30_000, intervalMs: 250, description: `a leader of ${topic}[${partition}]` },
      ),
    underReplicated: (topics) =>
      admin(async (a) => {
        const { topics: meta } = await a.fetchTopicMetadata({ topics });
        return meta.flatMap((t) =>
          t.partitions
            .filter((p) => p.isr.length < p.replicas.length)
            .map((p) => ({ topic: t.name, partition: p.partitionId, isr: p.isr })),
        );
      }),
    stop: stopAll,
  };
}
