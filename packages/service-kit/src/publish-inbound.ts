import { isDeepStrictEqual } from 'node:util';
import type { Bus } from '@omni/bus';
import {
  ERROR_CODES,
  InboundMessage,
  type InboundMessageInput,
  inboundKey,
  OmniError,
  TOPICS,
} from '@omni/contracts';
import type { Registry } from 'prom-client';
import { processMetrics } from './omni-metrics';

/**
 * Whether our normalizers' output is checked against the full `InboundMessage` schema before
 * it is published: where a mistake can fail a build — in tests (`NODE_ENV=test`, as jest sets
 * it) or with `OMNI_CHECK_OWN_OUTPUT=true` — and not on every webhook in production, where the
 * check (twice per message) was a tenth of an adapter's CPU. A message that still breaks the
 * contract there is not lost: threading validates every record it consumes and dead-letters it.
 */
export const checkOwnOutput = (): boolean =>
  process.env.NODE_ENV === 'test' || process.env.OMNI_CHECK_OWN_OUTPUT === 'true';

/** The contract's defaults filled in, as `InboundMessage.parse` would (without checking anything). */
export function completeInbound(m: InboundMessageInput): InboundMessage {
  return {
    ...m,
    direction: m.direction ?? 'inbound',
    thread: m.thread ?? {},
    flags: m.flags ?? {},
    content: { ...m.content, attachments: m.content.attachments ?? [] },
  } as InboundMessage;
}

/**
 * A normalized message as published: checked (see `checkOwnOutput`) — and then strictly, the
 * message must be exactly what the schema makes of it, nothing for zod to strip or default
 * that production would publish unchecked — or only completed with the defaults.
 */
export function inboundToPublish(
  m: InboundMessageInput,
  check = checkOwnOutput(),
): { ok: true; message: InboundMessage } | { ok: false; reason: string } {
  const completed = completeInbound(m);
  if (!check) return { ok: true, message: completed };
  const checked = InboundMessage.safeParse(m);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      reason: `the normalized message is not valid: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    };
  }
  // Compared as JSON: what the bus carries (a member set to undefined is no member).
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(checked.data)), JSON.parse(JSON.stringify(completed))))
    return { ok: false, reason: 'the normalized message has members the contract does not know' };
  return { ok: true, message: checked.data };
}

/**
 * Longest wait for the bus before the platform is refused. With the broker gone mid-request
 * kafkajs can hold a publish for its 30 s request timeout, longer than a platform waits for
 * a webhook answer (the chaos tests saw 20 s hangs); a prompt 503 makes it retry instead.
 * A publish that still lands later is a redelivery the idempotency key absorbs.
 */
export const PUBLISH_DEADLINE_MS = 8_000;

/**
 * Publishes normalized messages on `omni.inbound.v1`, keyed by sender so one sender's
 * messages keep their order. A bus failure becomes a retriable error (503 for the platform,
 * which retries); a message our own normalizer got wrong is a bug and, where it is checked
 * (`checkOwnOutput`), fails loudly instead of being published. Accepted messages are counted by channel and
 * account (`omni_inbound_messages_total`, in `metrics` or the process's registry).
 */
export async function publishInbound(
  bus: Bus,
  messages: InboundMessageInput[],
  metrics?: Registry,
): Promise<InboundMessage[]> {
  return publishChecked(
    bus,
    messages.map((m) => {
      const result = inboundToPublish(m);
      if (!result.ok) throw new OmniError(ERROR_CODES.dataRejected, result.reason);
      return result.message;
    }),
    metrics,
  );
}

/** Publishes messages `inboundToPublish` passed (see `publishInbound`). */
export async function publishChecked(
  bus: Bus,
  messages: InboundMessage[],
  metrics?: Registry,
): Promise<InboundMessage[]> {
  try {
    await withDeadline(
      bus.publish(
        TOPICS.inbound,
        messages.map((m) => ({ key: inboundKey(m.channel, m.account, m.sender.externalId), value: m })),
      ),
      PUBLISH_DEADLINE_MS,
    );
  } catch (err) {
    throw new OmniError(ERROR_CODES.busUnavailable, 'the message bus did not accept the message', {
      retriable: true,
      cause: err,
    });
  }
  const counter = processMetrics(metrics)?.inboundMessages;
  for (const m of messages) counter?.inc({ channel: m.channel, account: m.account });
  return messages;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the bus did not answer within ${ms} ms`)), ms);
  });
  // The publish may still fail after the deadline: nobody waits for it any more.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
