import { dlqTopic } from '@omni/contracts';
import type { BusObserver } from './bus-observer';

/**
 * Why a record was set aside, as a closed set (the `reason` label of
 * `omni_dead_letters_total`; the full reason is in the record's `omni-dlq-reason` header).
 */
export const DEAD_LETTER_KINDS = {
  /** Not JSON, or not the topic's schema: a consumer could not read it. */
  invalidRecord: 'invalid-record',
  /** A consumer's handler rejected it permanently. */
  handlerFailed: 'handler-failed',
  /** An adapter gave up on a platform payload before publishing (an `IntakeDeadLetter`). */
  intake: 'intake',
} as const;
export type DeadLetterKind = (typeof DEAD_LETTER_KINDS)[keyof typeof DEAD_LETTER_KINDS];

/** A dead letter as it is kept: the shape of a record on a `<topic>.dlq` Kafka topic. */
export interface DeadLetterRecord {
  /** The dead-letter topic (`<source topic>.dlq`), unprefixed. */
  topic: string;
  key: string | null;
  /** The source record's JSON text (an `IntakeDeadLetter` for an adapter's). */
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Where the in-process bus keeps its dead letters so they outlive the process (the
 * launcher's PostgreSQL table `dead_letters`). Resolves once they are durable.
 */
export interface DeadLetterSink {
  write(letters: readonly DeadLetterRecord[]): Promise<void>;
}

export const isDeadLetterTopic = (topic: string): boolean => topic.endsWith(dlqTopic(''));

/** `omni.inbound.v1.dlq` → `omni.inbound.v1`. */
export const sourceTopicOf = (dlq: string): string => dlq.slice(0, -dlqTopic('').length);

/**
 * Dead letters a bus wrote since the process started, per source topic (shown on /readyz),
 * each also reported to the observer (the `omni_dead_letters_total` counter).
 */
export class DeadLetterTally {
  private readonly bySourceTopic = new Map<string, number>();

  constructor(private readonly observer?: BusObserver) {}

  add(topic: string, kind: DeadLetterKind, count: number): void {
    if (count === 0) return;
    this.bySourceTopic.set(topic, (this.bySourceTopic.get(topic) ?? 0) + count);
    this.observer?.deadLettered?.({ topic, kind, count });
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.bySourceTopic);
  }
}
