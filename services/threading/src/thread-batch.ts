import type { InboundMessage } from '@omni/contracts';
import { type NewEvent, recordEvents } from '@omni/customers';
import type { PoolClient } from '@omni/db';
import { attachIdentities, createCustomer, findByIdentities } from './customer.repository';
import { applyEdit, insertMessage, storedMessageIds } from './message.repository';
import { type NormalizedIdentity, normalizeIdentity } from './normalize-identity';
import {
  createTicket,
  findContinuableTicket,
  reopenTicket,
  type TicketRef,
  touchTicket,
} from './ticket.repository';

export interface ThreadingSettings {
  reopenWindowDays: number;
  defaultPhoneRegion: string;
}

/** Channels where a conversation simply continues in the customer's open ticket. */
const MESSENGERS = new Set(['telegram', 'viber', 'facebook', 'vk']);

/**
 * Threads a batch of inbound messages inside one transaction: resolves the customer,
 * picks the ticket, stores the message, records the events. Messages already stored are
 * skipped, so a redelivered batch changes nothing.
 */
export async function threadBatch(
  client: PoolClient,
  messages: InboundMessage[],
  settings: ThreadingSettings,
  now: Date,
): Promise<{ stored: number }> {
  const stored = await storedMessageIds(
    client,
    messages.map((m) => m.id),
  );
  const events: NewEvent[] = [];
  let count = 0;
  for (const message of messages) {
    if (stored.has(message.id)) {
      if (message.flags.edited && (await applyEdit(client, message))) {
        events.push({ type: 'message.updated', key: message.id, data: { messageId: message.id } });
      }
      continue;
    }
    stored.add(message.id);
    const customerId = await resolveCustomer(client, message, settings, events);
    const ticket = await selectTicket(client, message, customerId, settings, now, events);
    if (await insertMessage(client, message, ticket.id, customerId)) {
      await touchTicket(client, ticket.id, message.sentAt);
      events.push({
        type: 'message.created',
        key: ticket.id,
        data: { messageId: message.id, ticketId: ticket.id, customerId },
      });
      count += 1;
    }
  }
  await recordEvents(client, events, now);
  return { stored: count };
}

async function resolveCustomer(
  client: PoolClient,
  m: InboundMessage,
  settings: ThreadingSettings,
  events: NewEvent[],
): Promise<string> {
  const identities = dedupe(
    m.identities.flatMap(
      (claim) =>
        normalizeIdentity(claim, { defaultPhoneRegion: settings.defaultPhoneRegion, account: m.account }) ??
        [],
    ),
  );
  const known = await findByIdentities(client, identities);
  // The oldest known customer wins; merging customers is the identity stage's job.
  const oldest = [...known].sort((a, b) => a.customerCreatedAt.getTime() - b.customerCreatedAt.getTime())[0];
  let customerId = oldest?.customerId;
  if (!customerId) {
    customerId = await createCustomer(client, m.sender.displayName);
    events.push({ type: 'customer.created', key: customerId, data: { customerId } });
  }
  const knownKeys = new Set(known.map((k) => `${k.kind}\u0000${k.value}`));
  await attachIdentities(
    client,
    customerId,
    identities.filter((i) => !knownKeys.has(`${i.kind}\u0000${i.value}`)),
  );
  return customerId;
}

async function selectTicket(
  client: PoolClient,
  m: InboundMessage,
  customerId: string,
  settings: ThreadingSettings,
  now: Date,
  events: NewEvent[],
): Promise<TicketRef> {
  if (MESSENGERS.has(m.channel)) {
    const current = await findContinuableTicket(client, customerId, m.channel, m.account);
    if (current && current.status !== 'resolved') return current;
    if (
      current?.resolvedAt &&
      now.getTime() - current.resolvedAt.getTime() <= settings.reopenWindowDays * 86_400_000
    ) {
      await reopenTicket(client, current.id);
      events.push({
        type: 'ticket.updated',
        key: current.id,
        data: { ticketId: current.id, status: 'open', reopened: true },
      });
      return { ...current, status: 'open' };
    }
  }
  const ticket = await createTicket(client, customerId, m, null);
  events.push({
    type: 'ticket.created',
    key: ticket.id,
    data: { ticketId: ticket.id, number: ticket.number, customerId },
  });
  return ticket;
}

function dedupe(identities: NormalizedIdentity[]): NormalizedIdentity[] {
  const seen = new Map<string, NormalizedIdentity>();
  for (const i of identities) {
    const key = `${i.kind}\u0000${i.value}`;
    const prev = seen.get(key);
    seen.set(key, prev ? { ...prev, verified: prev.verified || i.verified } : i);
  }
  return [...seen.values()];
}
