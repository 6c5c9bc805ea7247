import { type Bus, InProcessBus, KafkaBus } from '@omni/bus';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { type CommonEnv, topicRetentionConfig } from './env';
import { busMetricsObserver } from './omni-metrics';

/** Kafka when `KAFKA_BROKERS` is set, else the in-process bus (one-process mode only). */
export async function createBus(
  env: CommonEnv,
  log: Logger,
  onFatal: (reason: string) => void,
  metrics?: Registry,
): Promise<Bus> {
  const observer = metrics ? busMetricsObserver(metrics) : undefined;
  if (!env.KAFKA_BROKERS || env.KAFKA_BROKERS.length === 0) return new InProcessBus(log, observer);
  return KafkaBus.connect({
    observer,
    brokers: env.KAFKA_BROKERS,
    clientId: env.KAFKA_CLIENT_ID,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    fetchMinBytes: env.KAFKA_FETCH_MIN_BYTES,
    fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS,
    log,
    createTopics: env.KAFKA_CREATE_TOPICS,
    topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    topicConfig: topicRetentionConfig(env),
    onFatal,
  });
}
