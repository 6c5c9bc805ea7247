import { type Bus, InProcessBus, KafkaBus } from '@omni/bus';
import type { Logger } from 'pino';
import type { CommonEnv } from './env';

/** Kafka when `KAFKA_BROKERS` is set, else the in-process bus (one-process mode only). */
export async function createBus(
  env: CommonEnv,
  log: Logger,
  onFatal: (reason: string) => void,
): Promise<Bus> {
  if (!env.KAFKA_BROKERS || env.KAFKA_BROKERS.length === 0) return new InProcessBus(log);
  return KafkaBus.connect({
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    log,
    createTopics: env.KAFKA_CREATE_TOPICS,
    topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    onFatal,
  });
}
