import type { DeadLetterKind } from './dead-letters';

/** One handled batch of a subscription, as the bus saw it. */
export interface BatchObservation {
  groupId: string;
  /** Unprefixed topic name. */
  topic: string;
  partition: number;
  records: number;
  /** Time spent validating and handling the batch (retries in place included). */
  seconds: number;
  /** Records still behind the partition's high watermark after this batch (Kafka only). */
  lag?: number;
}

/**
 * Lets the process observe consumption without the bus knowing about metrics libraries:
 * service-kit turns these into Prometheus series (batch latency, consumer lag, dead letters).
 */
export interface BusObserver {
  batchHandled(observation: BatchObservation): void;
  /** Records of a topic were set aside on its dead-letter topic (written and durable). */
  deadLettered?(observation: DeadLetterObservation): void;
}

export interface DeadLetterObservation {
  /** The unprefixed source topic (`omni.inbound.v1` for `omni.inbound.v1.dlq`). */
  topic: string;
  kind: DeadLetterKind;
  count: number;
}
