import type { Bus } from '@omni/bus';
import { InboundMessage, type InboundMessageInput, inboundKey, OmniError, TOPICS } from '@omni/contracts';
import type { Registry } from 'prom-client';
import { processMetrics } from './omni-metrics';

/**
 * Validates a normalized message and publishes it on `omni.inbound.v1`, keyed by sender so
 * one sender's messages keep their order. A bus failure becomes a retriable error (503
 * for the platform, which retries); a message our own normalizer got wrong is a bug and
 * fails loudly instead of being published. Accepted messages are counted by channel and
 * account (`omni_inbound_messages_total`, in `metrics` or the process's registry).
 */
export async function publishInbound(
  bus: Bus,
  messages: InboundMessageInput[],
  metrics?: Registry,
): Promise<InboundMessage[]> {
  const parsed = messages.map((m) => InboundMessage.parse(m));
  try {
    await bus.publish(
      TOPICS.inbound,
      parsed.map((m) => ({ key: inboundKey(m.channel, m.account, m.sender.externalId), value: m })),
    );
  } catch (err) {
    throw new OmniError('bus-unavailable', 'the message bus did not accept the message', {
      retriable: true,
      cause: err,
    });
  }
  const counter = processMetrics(metrics)?.inboundMessages;
  for (const m of parsed) counter?.inc({ channel: m.channel, account: m.account });
  return parsed;
}
