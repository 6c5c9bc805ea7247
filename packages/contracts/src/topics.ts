import type { Channel } from './channels';

/** Kafka topic names (ARCHITECTURE.md, "Kafka topics"). */
export const TOPICS = {
  /** adapters → threading; key `channel:account:senderId` keeps per-sender order. */
  inbound: 'omni.inbound.v1',
  /** threading + tickets (via outbox) → webhooks and helpdesks; key ticket id. */
  events: 'omni.events.v1',
  /** adapters → threading: sent / failed / delivered / read; key ticket id. */
  delivery: 'omni.delivery.v1',
} as const;

/** tickets (via outbox) → the channel's adapter; key ticket id. */
export function outboundTopic(channel: Channel): string {
  return `omni.outbound.${channel}.v1`;
}

/** Where a consumer puts records that fail validation or exhaust their retries. */
export function dlqTopic(topic: string): string {
  return `${topic}.dlq`;
}

/** Partition key of an inbound message: one sender's messages stay in order. */
export function inboundKey(channel: Channel, account: string, senderExternalId: string): string {
  return `${channel}:${account}:${senderExternalId}`;
}
