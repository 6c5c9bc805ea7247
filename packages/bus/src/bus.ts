import type { z } from 'zod';

/** A record to publish: JSON-serializable value, partition key, optional string headers. */
export interface OutgoingRecord {
  key: string;
  value: unknown;
  headers?: Record<string, string>;
}

/** A consumed record whose value already passed the subscription's schema. */
export interface IncomingRecord<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  headers: Record<string, string>;
}

export type BatchHandler<T> = (records: IncomingRecord<T>[]) => Promise<void>;

export interface SubscribeOptions<T> {
  /** Consumer group: each group sees every record once. */
  groupId: string;
  topic: string;
  /** Validates every record; records that fail go to `<topic>.dlq` with the reason. */
  schema: z.ZodType<T>;
  /**
   * Handles records of one partition, in order. Resolve only when their effects are
   * durable: offsets are committed after it resolves. Throw an error with
   * `retriable: false` for records no retry can fix (they go to the DLQ); any other error
   * is retried in place.
   */
  handle: BatchHandler<T>;
  /**
   * Handling a record again changes nothing (the handler finds what it already stored). Such a
   * subscription commits its offsets on Kafka at most every `commitIntervalMs` of the bus (1 s by
   * default) instead of after every chunk: after a crash, up to that long's records are
   * delivered again.
   */
  idempotent?: boolean;
}

export interface BusHealth {
  ok: boolean;
  /** Why the bus is not ok (shown on /readyz). */
  reason?: string;
  /** Dead letters this process wrote since it started, per source topic (shown on /readyz). */
  deadLetters?: Record<string, number>;
}

/**
 * The message bus port. `KafkaBus` in distributed mode, `InProcessBus` in the one-process
 * launcher and unit tests. Both keep the same promise: `publish` resolves only once the
 * records are durable (acks from every in-sync replica, or every subscriber finished).
 */
export interface Bus {
  publish(topic: string, records: OutgoingRecord[]): Promise<void>;
  subscribe<T>(options: SubscribeOptions<T>): Promise<void>;
  health(): BusHealth;
  /** Stops intake, lets in-flight batches finish and commit, then disconnects. */
  close(): Promise<void>;
}

/** Headers a dead-lettered record carries. */
export const DLQ_HEADERS = {
  reason: 'omni-dlq-reason',
  sourceTopic: 'omni-dlq-source-topic',
  sourcePartition: 'omni-dlq-source-partition',
  sourceOffset: 'omni-dlq-source-offset',
  groupId: 'omni-dlq-group',
  failedAt: 'omni-dlq-failed-at',
} as const;
