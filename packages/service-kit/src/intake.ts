import { type Bus, DLQ_HEADERS } from '@omni/bus';
import {
  type Channel,
  DeliveryReport,
  dlqTopic,
  ERROR_CODES,
  errorMessage,
  InboundMessage,
  type InboundMessageInput,
  IntakeDeadLetter,
  OmniError,
  TOPICS,
} from '@omni/contracts';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BoundedMap } from './bounded-map';
import { checkOwnOutputByDefault, publishChecked, withContractDefaults } from './publish-inbound';
import { repairDeliveryText, repairInboundText } from './storable-text';

/**
 * The steps every adapter takes between the platform and the bus, in one place: one
 * dead-letter policy, one publish. Channel folders keep only what is platform-specific.
 */
export interface IntakeContext {
  bus: Bus;
  channel: Channel;
  log: Logger;
  now: () => Date;
  /** Where accepted messages are counted (default: the process's registry). */
  metrics?: Registry;
  /** Check normalized messages against `InboundMessage` before publishing (default: `checkOwnOutputByDefault`). */
  checkOwnOutput?: boolean;
}

/**
 * Sets a payload aside on `omni.inbound.v1.dlq` as an `IntakeDeadLetter`, with the reason
 * in its headers; resolves once the bus holds it. A bus that does not take it is a
 * retriable failure (the platform is answered 5xx and retries): nothing we answered 2xx
 * for is ever only logged.
 */
export async function deadLetterIntake(
  ctx: IntakeContext,
  letter: { account: string; reason: string; payload: unknown; key?: string },
): Promise<void> {
  const value = IntakeDeadLetter.parse({
    channel: ctx.channel,
    account: letter.account,
    reason: letter.reason.slice(0, 2000),
    payload: letter.payload,
  });
  try {
    await ctx.bus.publish(dlqTopic(TOPICS.inbound), [
      {
        key: letter.key ?? `${ctx.channel}:${letter.account}`,
        value,
        headers: {
          [DLQ_HEADERS.reason]: letter.reason.slice(0, 500),
          [DLQ_HEADERS.failedAt]: ctx.now().toISOString(),
          // Never consumed: the adapter itself gave up on it before publishing (no source offset).
          [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
          [DLQ_HEADERS.groupId]: `adapter-${ctx.channel}`,
        },
      },
    ]);
  } catch (err) {
    throw new OmniError(
      ERROR_CODES.busUnavailable,
      `the dead-letter topic did not accept the payload: ${errorMessage(err)}`,
      { retriable: true, cause: err },
    );
  }
  ctx.log.warn({ channel: ctx.channel, account: letter.account, reason: letter.reason }, 'dead-lettered');
}

/**
 * Publishes normalized messages on `omni.inbound.v1`, their text made storable first
 * (`repairInboundText`). Where own output is checked (tests; `checkOwnOutputByDefault`), one
 * that breaks the contract is a bug of our normalizer no retry fixes: it is dead-lettered
 * (the others of the batch are still published), never dropped and never a 5xx that would
 * make the platform retry forever. Unchecked, threading's consumer dead-letters it instead.
 * Throws (retriable) only when the bus is down.
 */
export async function publishNormalized(
  ctx: IntakeContext,
  messages: readonly InboundMessageInput[],
): Promise<{ published: InboundMessage[]; deadLettered: number }> {
  const valid: InboundMessage[] = [];
  const invalid: Array<{ message: InboundMessageInput; reason: string }> = [];
  const check = ctx.checkOwnOutput ?? checkOwnOutputByDefault();
  for (const raw of messages) {
    const message = repairInboundText(raw);
    if (!check) {
      valid.push(withContractDefaults(message));
      continue;
    }
    const checked = InboundMessage.safeParse(message);
    if (checked.success) valid.push(checked.data);
    else {
      const issue = checked.error.issues[0];
      invalid.push({
        message,
        reason: `the normalized message is not valid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
      });
    }
  }
  // Parsed once: publishInbound would parse every message again.
  const published = valid.length > 0 ? await publishChecked(ctx.bus, valid, ctx.metrics) : [];
  for (const { message, reason } of invalid) {
    await deadLetterIntake(ctx, {
      account: message.account,
      reason,
      payload: message,
      key: `${ctx.channel}:${message.account}:${message.externalId}`,
    });
  }
  return { published, deadLettered: invalid.length };
}

/**
 * Publishes what a platform told about our replies (delivered, read, failed) on
 * `omni.delivery.v1`, its text made storable (`repairDeliveryText`), keyed per customer so one person's receipts stay in order. A bus that
 * does not take them is a retriable failure: the platform is answered 5xx and retries.
 */
export async function publishDeliveryReports(
  ctx: IntakeContext,
  reports: readonly DeliveryReport[],
): Promise<void> {
  if (reports.length === 0) return;
  try {
    await ctx.bus.publish(
      TOPICS.delivery,
      reports.map((r) => ({
        key: `${ctx.channel}:${r.account}:${r.recipientExternalId ?? r.messageId}`,
        value: DeliveryReport.parse(repairDeliveryText(r)),
      })),
    );
  } catch (err) {
    throw new OmniError(ERROR_CODES.busUnavailable, 'the message bus did not accept the delivery reports', {
      retriable: true,
      cause: err,
    });
  }
}

/**
 * Failed tries per key (a platform file that will not download), so that after `limit`
 * failures the caller gives up on it — the message goes out with the file marked skipped —
 * instead of holding the chat forever. In memory and bounded: a retry usually reaches the
 * same replica, and one that does not only tries a few more times.
 */
export class AttemptCounter {
  private readonly failures: BoundedMap<string, number>;

  constructor(
    readonly limit: number,
    maxKeys = 1000,
  ) {
    this.failures = new BoundedMap(maxKeys);
  }

  /** The key failed `limit` times already: give up on what keeps failing. */
  exhausted(key: string): boolean {
    return (this.failures.get(key) ?? 0) >= this.limit;
  }

  failed(key: string): void {
    this.failures.refresh(key, (this.failures.get(key) ?? 0) + 1);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}
