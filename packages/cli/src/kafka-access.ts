import { randomUUID } from 'node:crypto';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { UsageError } from './command';

/** The cluster and topic namespace the services use (`KAFKA_BROKERS`, `KAFKA_TOPIC_PREFIX`). */
export interface KafkaTarget {
  kafka: Kafka;
  prefix: string;
}

export function kafkaTarget(env: Record<string, string | undefined>): KafkaTarget {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new UsageError('set KAFKA_BROKERS (the one-process launcher has no Kafka)');
  return {
    kafka: new Kafka({
      clientId: 'omni-cli',
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { retries: 3, initialRetryTime: 200 },
    }),
    prefix: env.KAFKA_TOPIC_PREFIX ?? '',
  };
}

export interface StoredRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  /** When `pnpm omni dlq replay` handed it back (the launcher's table keeps this; Kafka does not). */
  replayedAt?: Date;
}

/**
 * Every record of a topic, read once from the beginning to the end it has now, by a
 * throw-away consumer group that commits nothing (and is deleted afterwards). A topic
 * that does not exist reads as empty.
 */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<StoredRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `omni-cli-${randomUUID()}`;
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) return [];
    const offsets = await admin.fetchTopicOffsets(topic);
    const ends = new Map(
      offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)]),
    );
    if (ends.size === 0) return [];
    const records: StoredRecord[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`reading ${topic} took over ${timeoutMs} ms`)),
          timeoutMs,
        );
        const finished = new Set<number>();
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const end = ends.get(partition);
              if (end === undefined || BigInt(message.offset) >= end) return;
              records.push(toStored(partition, message));
              if (BigInt(message.offset) + 1n >= end) finished.add(partition);
              if (finished.size === ends.size) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    await admin.deleteGroups([groupId]).catch(() => undefined);
    return records.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await admin.disconnect();
  }
}

function toStored(partition: number, m: KafkaMessage): StoredRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.headers ?? {})) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (value !== undefined) headers[k] = value.toString();
  }
  return { partition, offset: m.offset, key: m.key?.toString('utf8') ?? null, value: m.value, headers };
}

/**
 * Waits until the cluster has registered at least `count` brokers: a topic replicated `count`
 * times cannot be created before, and the other nodes of a cluster may still be starting.
 */
export async function waitForBrokers(kafka: Kafka, count: number, timeoutMs = 120_000): Promise<void> {
  const admin = kafka.admin();
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  try {
    await admin.connect();
    for (;;) {
      seen = (await admin.describeCluster().catch(() => ({ brokers: [] }))).brokers.length;
      if (seen >= count) return;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  } finally {
    await admin.disconnect();
  }
  throw new Error(
    `${seen} of the ${count} brokers the replication factor needs registered after ${timeoutMs / 1000} s`,
  );
}
