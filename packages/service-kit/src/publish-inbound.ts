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
import { repairInboundText } from './storable-text';

/**
 * Longest wait for the bus before the platform is refused. With the broker gone mid-request
 * kafkajs can hold a publish for its 30 s request timeout, longer than a platform waits for
 * a webhook answer (the chaos tests saw 20 s hangs); a prompt 503 makes it retry instead.
 * A publish that still lands later is a redelivery the idempotency key absorbs.
 */
export const PUBLISH_DEADLINE_MS = 8_000;

/**
 * Whether adapters check their own normalized messages against the full `InboundMessage`
 * schema before publishing (`OMNI_CHECK_OWN_OUTPUT=true`). The test configurations turn it
 * on (jest.config.js), so a normalizer that breaks the contract fails a build. In production
 * adapters trust their typed normalizers: the check was a tenth of an adapter's CPU per
 * webhook, and threading's consumer checks every record against the same schema anyway (one
 * that fails goes to `omni.inbound.v1.dlq` there, nothing is lost). The platform's own
 * payloads are always validated.
 */
export function checkOwnOutputByDefault(): boolean {
  // Read once: `process.env` is a slow lookup, and this runs for every webhook.
  checkOwnOutput ??= process.env.OMNI_CHECK_OWN_OUTPUT === 'true';
  return checkOwnOutput;
}
let checkOwnOutput: boolean | undefined;

/**
 * A normalized message as the schema would output it, without checking it: the defaults
 * the schema fills (the only difference between its input and output) filled here.
 */
export function withContractDefaults(m: InboundMessageInput): InboundMessage {
  return {
    ...m,
    direction: m.direction ?? 'inbound',
    thread: m.thread ?? {},
    flags: m.flags ?? {},
    content: m.content.attachments ? m.content : { ...m.content, attachments: [] },
  } as InboundMessage;
}

/**
 * Makes a normalized message's text storable (`repairInboundText`: every adapter's messages
 * pass here) and publishes it on `omni.inbound.v1`, keyed by sender so one sender's
 * messages keep their order. A bus failure becomes a retriable error (503 for the platform,
 * which retries). Checked against the schema where `checkOwnOutputByDefault` says so (a
 * message our own normalizer got wrong is a bug and fails loudly instead of being
 * published). Accepted messages are counted by channel and account
 * (`omni_inbound_messages_total`, in `metrics` or the process's registry).
 */
export async function publishInbound(
  bus: Bus,
  messages: InboundMessageInput[],
  metrics?: Registry,
  check = checkOwnOutputByDefault(),
): Promise<InboundMessage[]> {
  return publishChecked(
    bus,
    messages.map((m) => {
      const repaired = repairInboundText(m);
      return check ? InboundMessage.parse(repaired) : withContractDefaults(repaired);
    }),
    metrics,
  );
}

/** Publishes messages already in `InboundMessage`'s output shape (see `publishInbound`). */
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
