import { isDockerAvailable } from './docker';
import { startLocalKafka } from './local-kafka';
import { elapsedMs, logLine } from './log';

/** A Kafka cluster the tests may create topics on. */
export interface TestKafka {
  brokers: string[];
  /** Where it came from: `env` (KAFKA_BROKERS), `testcontainers` or `local` (jars run by the kit). */
  source: 'env' | 'testcontainers' | 'local';
  stop(): Promise<void>;
}

/** Confluent Platform 8.1 is Apache Kafka 4.1, the same line the local jars run. */
const CONTAINER_IMAGE = 'confluentinc/cp-kafka:8.1.0';

/**
 * Starts (or finds) Kafka: KAFKA_BROKERS when set, else a testcontainer when a Docker engine
 * answers, else Apache Kafka from its Maven jars as a child process.
 */
export async function startKafka(): Promise<TestKafka> {
  const startedAt = performance.now();
  const fromEnv = process.env.KAFKA_BROKERS;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const brokers = fromEnv
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean);
    return { brokers, source: 'env', stop: async () => {} };
  }
  let started: TestKafka;
  if (await isDockerAvailable()) {
    started = await startKafkaContainer();
  } else {
    const local = await startLocalKafkaOnFreePorts();
    started = { brokers: local.brokers, source: 'local', stop: local.stop };
  }
  logLine(`kafka (${started.source}) up in ${elapsedMs(startedAt)} ms at ${started.brokers.join(',')}`);
  return started;
}

async function startKafkaContainer(): Promise<TestKafka> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer(CONTAINER_IMAGE)
    .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false', KAFKA_NUM_PARTITIONS: '3' })
    .start();
  return {
    brokers: [`${container.getHost()}:${container.getMappedPort(9093)}`],
    source: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * A free port is free when it is chosen, not necessarily when Kafka binds it a few seconds
 * later: on a machine shared with other test runs another process can take it in between
 * ("Address already in use"). New ports (a new temporary node) then settle it.
 */
async function startLocalKafkaOnFreePorts(): ReturnType<typeof startLocalKafka> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startLocalKafka();
    } catch (error) {
      const taken = /Address already in use/.test(error instanceof Error ? error.message : String(error));
      if (!taken || attempt >= 3) throw error;
      logLine(`kafka: a chosen port was taken before the broker bound it; starting again on new ports`);
    }
  }
}
