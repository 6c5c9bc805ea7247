import { errorMessage, isRetriable } from '@omni/contracts';
import type { BatchHandler, IncomingRecord } from './bus';
import { DEAD_LETTER_KINDS, type DeadLetterKind } from './dead-letters';

export interface DeadLetter<T> {
  record: IncomingRecord<T>;
  reason: string;
  kind: DeadLetterKind;
}

const handlerFailed = DEAD_LETTER_KINDS.handlerFailed;

/**
 * Runs a batch handler. A retriable failure propagates (the caller retries the batch in
 * place). A permanent failure of a batch is narrowed down by handling its records one at
 * a time, so only the records no retry can fix are returned as dead letters and the rest
 * are processed. Handlers are idempotent, so handling a record again is safe.
 */
export async function runHandler<T>(
  records: IncomingRecord<T>[],
  handle: BatchHandler<T>,
): Promise<DeadLetter<T>[]> {
  if (records.length === 0) return [];
  try {
    await handle(records);
    return [];
  } catch (err) {
    if (isRetriable(err)) throw err;
    if (records.length === 1)
      return [
        {
          record: records[0] as IncomingRecord<T>,
          reason: `handler failed: ${errorMessage(err)}`,
          kind: handlerFailed,
        },
      ];
  }
  const dead: DeadLetter<T>[] = [];
  for (const record of records) {
    try {
      await handle([record]);
    } catch (err) {
      if (isRetriable(err)) throw err;
      dead.push({ record, reason: `handler failed: ${errorMessage(err)}`, kind: handlerFailed });
    }
  }
  return dead;
}
