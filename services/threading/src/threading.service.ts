import type { Bus, IncomingRecord } from '@omni/bus';
import { ERROR_CODES, InboundMessage, OmniError, TOPICS } from '@omni/contracts';
import { type Pool, withTransaction } from '@omni/db';
import { type Logger, OutboxRelay, processMetrics, type ServiceModule } from '@omni/service-kit';
import type { Registry } from 'prom-client';
import { type BatchResult, type ThreadingSettings, threadBatch } from './thread-batch';

export interface ThreadingDeps {
  pool: Pool;
  bus: Bus;
  log: Logger;
  settings: ThreadingSettings;
  groupId?: string;
  now?: () => Date;
  /** Where stored messages are counted (default: the process's registry). */
  metrics?: Registry;
  /** Called after a batch's transaction committed (benchmarks measure publish → commit with it). */
  onBatchCommitted?: (records: IncomingRecord<InboundMessage>[], result: BatchResult) => void;
}

export const THREADING_GROUP = 'omni-threading';

/**
 * The threading service: consumes `omni.inbound.v1` and stores every message on the right
 * ticket of the right customer. One transaction per batch; the bus commits the offsets
 * only after it committed.
 */
export function buildThreadingService({
  pool,
  bus,
  log,
  settings,
  groupId = THREADING_GROUP,
  now = () => new Date(),
  metrics,
  onBatchCommitted,
}: ThreadingDeps): ServiceModule {
  const threadingLog = log.child({ component: 'threading' });
  const relay = new OutboxRelay({ pool, bus, log });
  return {
    name: 'threading',
    async stop() {
      await relay.stop();
    },
    async start() {
      relay.start();
      await bus.subscribe({
        groupId,
        topic: TOPICS.inbound,
        schema: InboundMessage,
        // A redelivered message finds itself stored and changes nothing (threadBatch).
        idempotent: true,
        handle: async (records) => {
          const started = Date.now();
          const result = await withTransaction(pool, (client) =>
            threadBatch(
              client,
              records.map((r) => r.value),
              settings,
              now(),
            ),
          ).catch((err: unknown) => {
            throw classifyDatabaseError(err);
          });
          countStored(records, result.storedIds, metrics);
          onBatchCommitted?.(records, result);
          threadingLog.debug(
            { records: records.length, ...result, ms: Date.now() - started },
            'batch threaded',
          );
        },
      });
    },
  };
}

/** `omni_stored_messages_total`, beside the adapters' `omni_inbound_messages_total`: a gap is a loss to look at. */
function countStored(
  records: IncomingRecord<InboundMessage>[],
  storedIds: string[],
  metrics?: Registry,
): void {
  const counter = processMetrics(metrics)?.storedMessages;
  if (!counter || storedIds.length === 0) return;
  const stored = new Set(storedIds);
  for (const { value: m } of records)
    if (stored.has(m.id)) counter.inc({ channel: m.channel, account: m.account });
}

/**
 * PostgreSQL errors of class 22 (data exception) or a violated check/not-null constraint
 * will fail the same way every time: permanent, so the record goes to the DLQ. Everything
 * else (connection loss, deadlock, serialization, a concurrent insert) is worth a retry.
 */
export function classifyDatabaseError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && /^(22|23502|23514|42)/.test(code)) {
    return new OmniError(
      ERROR_CODES.dataRejected,
      `the database rejected the message: ${(err as Error).message}`,
      {
        retriable: false,
        cause: err,
      },
    );
  }
  return err;
}
