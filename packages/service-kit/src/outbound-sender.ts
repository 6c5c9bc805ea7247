import type { Bus } from '@omni/bus';
import {
  type Channel,
  DeliveryReport,
  ERROR_CODES,
  type ErrorCode,
  errorMessage,
  isRetriable,
  OmniError,
  OutboundMessage,
  outboundTopic,
  type PlatformErrorCode,
  TOPICS,
} from '@omni/contracts';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { processMetrics } from './omni-metrics';
import type { ReplyProgress } from './reply-progress';

/** What a platform said about a sent message. */
export interface SendResult {
  /** The platform's id of the sent message (for echoes and delivery receipts). */
  externalId?: string;
}

/**
 * A platform's refusal, wrapped at the adapter boundary: `code` is the platform's own
 * error code, `retriable` says whether trying again can help, `retryAfterMs` honours the
 * platform's rate-limit hint.
 */
export class PlatformError extends OmniError {
  constructor(
    code: ErrorCode | PlatformErrorCode,
    message: string,
    opts: { retriable: boolean; retryAfterMs?: number; cause?: unknown },
  ) {
    super(code, message, opts);
    this.name = 'PlatformError';
    this.retryAfterMs = opts.retryAfterMs;
  }
  readonly retryAfterMs: number | undefined;
}

export interface OutboundConsumerOptions {
  bus: Bus;
  channel: Channel;
  log: Logger;
  send: (message: OutboundMessage) => Promise<SendResult>;
  groupId?: string;
  /** Attempts per message for transient failures (rate limits, 5xx, network). */
  maxAttempts?: number;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
  /** Where failures are counted by platform error code (default: the process's registry). */
  metrics?: Registry;
  /** The multi-part progress `send` keeps: forgotten once a reply's outcome is reported. */
  progress?: ReplyProgress;
}

/**
 * Consumes `omni.outbound.<channel>.v1` and sends each reply through the platform, in
 * order per ticket. Transient failures are retried with backoff (or the platform's
 * `retry_after`); the outcome — `sent` or `failed` with the platform's error — is
 * reported on `omni.delivery.v1`. A failure to report is not swallowed: the batch is
 * retried by the bus.
 */
export async function startOutboundConsumer(opts: OutboundConsumerOptions): Promise<void> {
  const {
    bus,
    channel,
    send,
    maxAttempts = 6,
    initialBackoffMs = 500,
    maxBackoffMs = 30_000,
    now = () => new Date(),
  } = opts;
  const log = opts.log.child({ channel, component: 'outbound' });
  await bus.subscribe({
    groupId: opts.groupId ?? `omni-adapter-${channel}-outbound`,
    topic: outboundTopic(channel),
    schema: OutboundMessage,
    handle: async (records) => {
      for (const { value: message } of records) {
        const report = await sendWithRetries(message);
        await bus.publish(TOPICS.delivery, [{ key: message.ticketId, value: DeliveryReport.parse(report) }]);
        opts.progress?.forget(message.id);
      }
    },
  });

  async function sendWithRetries(message: OutboundMessage): Promise<DeliveryReport> {
    const base = {
      version: 1 as const,
      messageId: message.id,
      ticketId: message.ticketId,
      channel,
      account: message.account,
    };
    let backoff = initialBackoffMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await send(message);
        log.debug({ messageId: message.id, account: message.account, attempt }, 'reply sent');
        return { ...base, status: 'sent', externalId: result.externalId, occurredAt: now().toISOString() };
      } catch (err) {
        const retriable = isRetriable(err);
        const code = err instanceof OmniError ? err.code : ERROR_CODES.sendFailed;
        if (!retriable || attempt >= maxAttempts) {
          log.warn({ messageId: message.id, account: message.account, attempt, code, err }, 'reply failed');
          processMetrics(opts.metrics)?.deliveryFailures.inc({ channel, code });
          return {
            ...base,
            status: 'failed',
            error: { code, message: errorMessage(err).slice(0, 2000), retriable },
            occurredAt: now().toISOString(),
          };
        }
        const wait =
          err instanceof PlatformError && err.retryAfterMs !== undefined ? err.retryAfterMs : backoff;
        log.info({ messageId: message.id, attempt, code, retryInMs: wait }, 'reply not sent yet; retrying');
        await new Promise((r) => setTimeout(r, wait));
        backoff = Math.min(backoff * 2, maxBackoffMs);
      }
    }
  }
}
