import { type Bus, type DeadLetterSink, InProcessBus, KafkaBus } from '@omni/bus';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { type CommonEnv, topicRetentionConfig } from './env';
import { busMetricsObserver } from './omni-metrics';

/**
 * Kafka when `KAFKA_BROKERS` is set, else the in-process bus (one-process mode only), which
 * keeps its dead letters in `deadLetters` (the launcher's PostgreSQL table).
 */
export async function createBus(
  env: CommonEnv,
  log: Logger,
  onFatal: (reason: string) => void,
  metrics?: Registry,
  deadLetters?: DeadLetterSink,
): Promise<Bus> {
  const observer = metrics ? busMetricsObserver(metrics) : undefined;
  if (inProcessBus(env)) return new InProcessBus(log, observer, deadLetters);
  return KafkaBus.connect({
    brokers: env.KAFKA_BROKERS as string[],
    observer,
    clientId: env.KAFKA_CLIENT_ID,
    topicPrefix: env.KAFKA_TOPIC_PREFIX,
    sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
    fetchMinBytes: env.KAFKA_FETCH_MIN_BYTES,
    fetchMaxWaitMs: env.KAFKA_FETCH_MAX_WAIT_MS,
    producerLingerMs: env.KAFKA_PRODUCER_LINGER_MS,
    commitIntervalMs: env.KAFKA_COMMIT_INTERVAL_MS,
    log,
    createTopics: env.KAFKA_CREATE_TOPICS,
    topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: env.KAFKA_REPLICATION_FACTOR,
    topicConfig: topicRetentionConfig(env),
    onFatal,
  });
}

/** No `KAFKA_BROKERS`: the process runs on the in-process bus. */
export const inProcessBus = (env: Pick<CommonEnv, 'KAFKA_BROKERS'>): boolean =>
  !env.KAFKA_BROKERS || env.KAFKA_BROKERS.length === 0;
