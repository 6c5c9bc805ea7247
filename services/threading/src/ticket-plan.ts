import { randomUUID } from 'node:crypto';
import { CHANNEL_TRAITS, type InboundMessage } from '@omni/contracts';
import { normalizeEmail } from '@omni/customers';

export interface TicketState {
  id: string;
  customerId: string;
  status: string;
  resolvedAt: Date | null;
  channel: string;
  account: string;
  /** Created by this batch (inserted after planning). */
  isNew: boolean;
  subject?: string | null;
  topic?: string | null;
  linkedTicketId?: string | null;
}

/** What the database knows that the ticket rules need, read once for the whole batch. */
export interface TicketLookups {
  /** `account \0 Message-ID` → ticket id, for stored email messages (inbound and outbound). */
  emailRefs: Map<string, string>;
  /** Tickets named by those references or by subject tokens. */
  tickets: Map<string, TicketState>;
  /** Ticket number → ticket id. */
  byNumber: Map<number, string>;
  /** Normalized To/Cc addresses of stored messages, per ticket. */
  recipients: Map<string, Set<string>>;
  /** `customer \0 channel \0 account` → the newest ticket that is not closed, and the newest of all. */
  continuation: Map<string, { open?: TicketState; newest?: TicketState }>;
}

/** A chat channel (`conversation: continuous`): the message goes on in the customer's open ticket there. */
export function continuesConversation(m: InboundMessage): boolean {
  return CHANNEL_TRAITS[m.channel].conversation === 'continuous';
}

export const refKey = (account: string, messageId: string) => `${account}\u0000${messageId}`;
export const continuationKey = (customerId: string, channel: string, account: string) =>
  `${customerId}\u0000${channel}\u0000${account}`;

/** Message-IDs a reply names, most specific first: In-Reply-To, then References from the newest. */
export function replyRefs(m: InboundMessage): string[] {
  if (m.channel !== 'email') return [];
  const refs = [
    ...(m.thread.inReplyTo ? [m.thread.inReplyTo] : []),
    ...[...(m.thread.references ?? [])].reverse(),
  ];
  return [...new Set(refs.map((r) => r.replace(/^<|>$/g, '').trim()).filter(Boolean))];
}

export function recipientAddresses(m: InboundMessage): string[] {
  const r = m.thread.recipients;
  return [...(r?.to ?? []), ...(r?.cc ?? [])].flatMap((a) => normalizeEmail(a) ?? []);
}

/**
 * The ticket rules, applied in memory, message after message (ARCHITECTURE.md, "Ticket
 * selection"): email reply headers, then our subject token, then messenger continuation,
 * else a new ticket (the channel's `conversation` trait says which channels continue). Tickets it creates and reopens are collected for the batch's writes.
 */
export class TicketPlanner {
  readonly created: TicketState[] = [];
  readonly reopened = new Set<string>();

  constructor(
    private readonly lookups: TicketLookups,
    private readonly reopenWindowMs: number,
    private readonly now: Date,
  ) {}

  select(m: InboundMessage, customerId: string, senderEmails: string[]): TicketState {
    const ticket = this.choose(m, customerId, senderEmails);
    this.remember(m, ticket);
    return ticket;
  }

  private choose(m: InboundMessage, customerId: string, senderEmails: string[]): TicketState {
    if (m.direction === 'outbound') {
      // An echo of a reply we have no record of: it belongs to the conversation as it is.
      return this.continuation(m, customerId).open ?? this.create(m, customerId, null);
    }
    for (const ref of replyRefs(m)) {
      const id = this.lookups.emailRefs.get(refKey(m.account, ref));
      const referenced = id ? this.lookups.tickets.get(id) : undefined;
      if (!referenced) continue;
      const participant =
        referenced.customerId === customerId ||
        senderEmails.some((e) => this.lookups.recipients.get(referenced.id)?.has(e));
      // Nobody joins someone else's ticket by quoting it.
      return participant
        ? this.continueTicket(m, customerId, referenced)
        : this.create(m, customerId, referenced.id);
    }
    if (m.thread.ticketToken !== undefined) {
      const id = this.lookups.byNumber.get(m.thread.ticketToken);
      const named = id ? this.lookups.tickets.get(id) : undefined;
      // A token of someone else's ticket is ignored: no hijacking by subject.
      if (named && named.customerId === customerId) return this.continueTicket(m, customerId, named);
    }
    if (continuesConversation(m)) {
      const { open, newest } = this.continuation(m, customerId);
      if (open && (open.status === 'open' || open.status === 'pending')) return open;
      if (
        open?.status === 'resolved' &&
        open.resolvedAt &&
        this.now.getTime() - open.resolvedAt.getTime() <= this.reopenWindowMs
      ) {
        return this.reopen(open);
      }
      return this.create(m, customerId, newest?.status === 'closed' ? newest.id : null);
    }
    return this.create(m, customerId, null);
  }

  /** A reply to a known ticket: closed → a new ticket linked to it; resolved → reopened. */
  private continueTicket(m: InboundMessage, customerId: string, t: TicketState): TicketState {
    if (t.status === 'closed') return this.create(m, customerId, t.id);
    if (t.status === 'resolved') return this.reopen(t);
    return t;
  }

  private reopen(t: TicketState): TicketState {
    t.status = 'open';
    t.resolvedAt = null;
    if (!t.isNew) this.reopened.add(t.id);
    return t;
  }

  private continuation(m: InboundMessage, customerId: string) {
    const key = continuationKey(customerId, m.channel, m.account);
    let entry = this.lookups.continuation.get(key);
    if (!entry) {
      entry = {};
      this.lookups.continuation.set(key, entry);
    }
    return entry;
  }

  private create(m: InboundMessage, customerId: string, linkedTicketId: string | null): TicketState {
    const t: TicketState = {
      id: randomUUID(),
      customerId,
      status: 'open',
      resolvedAt: null,
      channel: m.channel,
      account: m.account,
      isNew: true,
      subject: m.thread.subject ?? null,
      topic: m.topic?.id ?? null,
      linkedTicketId,
    };
    this.created.push(t);
    this.lookups.tickets.set(t.id, t);
    const entry = this.continuation(m, customerId);
    entry.open = t;
    entry.newest = t;
    return t;
  }

  /** Later messages of the batch can reply to this one or continue its ticket. */
  private remember(m: InboundMessage, t: TicketState): void {
    if (m.thread.messageId)
      this.lookups.emailRefs.set(refKey(m.account, m.thread.messageId.replace(/^<|>$/g, '')), t.id);
    const addresses = recipientAddresses(m);
    if (addresses.length > 0) {
      const set = this.lookups.recipients.get(t.id) ?? new Set<string>();
      for (const a of addresses) set.add(a);
      this.lookups.recipients.set(t.id, set);
    }
  }
}
