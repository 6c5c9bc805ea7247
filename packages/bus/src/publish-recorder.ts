import type { OutgoingRecord } from './bus';

/** A record as it was handed to the bus: unprefixed topic; `value` is raw text for dead letters. */
export interface RecordedPublish {
  topic: string;
  key: string | null;
  value: unknown;
  headers: Record<string, string>;
}

export type PublishRecorder = (record: RecordedPublish) => void;

let recorder: PublishRecorder | undefined;

/**
 * Observes every record the buses publish. The test suite installs one (jest setup) to
 * check each published record against the AsyncAPI document; production never does.
 */
export function setPublishRecorder(next: PublishRecorder | undefined): void {
  recorder = next;
}

export function notePublished(topic: string, records: OutgoingRecord[]): void {
  if (!recorder) return;
  for (const r of records) recorder({ topic, key: r.key, value: r.value, headers: r.headers ?? {} });
}
