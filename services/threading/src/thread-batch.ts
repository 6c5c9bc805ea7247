import { randomUUID } from 'node:crypto';
import { channelTraits, ERROR_CODES, hasErrorCode, type InboundMessage, OmniError } from '@omni/contracts';
import {
  erasedIdentities,
  identityHash,
  mergeCustomers,
  type NewEvent,
  type NormalizedIdentity,
  normalizeIdentity,
  recordEvents,
  takeCsatAnswers,
  undoneMergePairs,
} from '@omni/customers';
import type { PoolClient } from '@omni/db';
import {
  findByIdentities,
  insertConflicts,
  insertCustomers,
  insertIdentities,
  lockCustomers,
  verifyIdentities,
} from './customer.repository';
import { type IdentityPlan, identityKey, planIdentities } from './identity-plan';
import {
  applyEdit,
  externalKey,
  findStored,
  insertMessages,
  type MessageRow,
  setExternalIds,
} from './message.repository';
import {
  countByTicket,
  insertTickets,
  type LookupNeeds,
  loadTicketLookups,
  recountTickets,
  reopenTickets,
  touchTickets,
} from './ticket.repository';
import { continuesConversation, refKey, replyRefs, TicketPlanner } from './ticket-plan';

export interface ThreadingSettings {
  reopenWindowDays: number;
  defaultPhoneRegion: string;
}

export interface BatchResult {
  /** Messages stored by this batch. */
  stored: number;
  /** Their ids. */
  storedIds: string[];
  /** Redeliveries and echoes of stored messages. */
  duplicates: number;
  edited: number;
  merges: number;
  /** Answers to satisfaction surveys: recorded on their tickets, not stored as messages. */
  ratings: number;
  /** Messages of an erased person received before the erasure (a replayed dead letter): dropped. */
  erased: number;
}

/**
 * Threads a batch of inbound messages (in order, from one partition) inside the caller's
 * transaction, with a handful of multi-row statements whatever the batch size:
 * 0. answers to satisfaction surveys are taken out (recorded on their tickets);
 * 1. which messages are stored already (redeliveries, edits, echoes of our replies);
 * 2. the identities of the whole batch → customers (created, attached, merged, conflicts);
 * 3. the tickets (lookups once, rules applied in memory, new tickets inserted at once);
 * 4. the messages, the tickets' counters, the domain events.
 * A redelivered batch changes nothing.
 */
export async function threadBatch(
  client: PoolClient,
  batch: InboundMessage[],
  settings: ThreadingSettings,
  now: Date,
): Promise<BatchResult> {
  const result: BatchResult = {
    stored: 0,
    storedIds: [],
    duplicates: 0,
    edited: 0,
    merges: 0,
    ratings: 0,
    erased: 0,
  };
  const events: NewEvent[] = [];
  // 0. A survey's answer is recorded on its ticket; it is no message and reopens nothing.
  const ratings = await takeCsatAnswers(client, batch, now);
  result.ratings = ratings.size;
  const messages = ratings.size > 0 ? batch.filter((_, i) => !ratings.has(i)) : batch;
  const stored = await findStored(client, messages);

  // 1. New messages (first occurrence in the batch) vs. copies of stored ones.
  const fresh: { message: InboundMessage; identities: NormalizedIdentity[] }[] = [];
  const edits: { storedId: string; message: InboundMessage }[] = [];
  const seen = new Map<string, string>();
  const learnedIds: { id: string; externalId: string }[] = [];
  const normalized = messages.map((m) => normalizeAll(m, settings));
  const tombstones = await erasedIdentities(client, normalized.flat());
  for (const [index, m] of messages.entries()) {
    const key = externalKey(m.channel, m.account, m.externalId);
    const byKey = stored.byKey.get(key);
    // An echo naming our own message id (Facebook metadata) before its delivery report.
    const byId = !byKey && m.direction === 'outbound' && stored.byId.has(m.id) ? m.id : undefined;
    if (byId && stored.byId.get(byId) === null) {
      learnedIds.push({ id: byId, externalId: m.externalId });
      stored.byId.set(byId, m.externalId);
    }
    const known = byKey ?? byId ?? seen.get(key);
    if (known) {
      if (m.flags.edited) edits.push({ storedId: known, message: m });
      else result.duplicates += 1;
      continue;
    }
    const identities = normalized[index] ?? [];
    if (receivedBeforeErasure(m, identities, tombstones)) {
      result.erased += 1;
      continue;
    }
    if (m.direction === 'outbound' && identities.length === 0) {
      result.duplicates += 1; // an echo naming no customer has nowhere to go
      continue;
    }
    seen.set(key, m.id);
    fresh.push({ message: m, identities });
  }

  await setExternalIds(client, learnedIds);

  // 2. Customers.
  const plan = await resolveCustomersInPlace(client, fresh, now, events);
  result.merges = plan.merges.length;

  // 3. Tickets.
  const senderEmails = fresh.map((f) => f.identities.filter((i) => i.kind === 'email').map((i) => i.value));
  const lookups = await loadTicketLookups(client, lookupNeeds(fresh, plan));
  const planner = new TicketPlanner(lookups, settings.reopenWindowDays * 86_400_000, now);
  const rows: MessageRow[] = fresh.map(({ message }, i) => {
    const customerId = plan.customerOf[i] as string;
    const ticket = planner.select(message, customerId, senderEmails[i] ?? []);
    // An echo is written to the customer; it belongs to the ticket's customer.
    return {
      message,
      ticketId: ticket.id,
      customerId: message.direction === 'outbound' ? ticket.customerId : customerId,
    };
  });
  const planned = countByTicket(rows.map((r) => ({ ticketId: r.ticketId, sentAt: r.message.sentAt })));
  const numbers = await insertTickets(client, planner.created, planned);
  for (const t of planner.created) {
    events.push({
      type: 'ticket.created',
      key: t.id,
      data: {
        ticketId: t.id,
        number: numbers.get(t.id),
        customerId: t.customerId,
        channel: t.channel,
        linkedTicketId: t.linkedTicketId ?? null,
      },
    });
  }
  await reopenTickets(client, [...planner.reopened]);
  for (const id of planner.reopened)
    events.push({ type: 'ticket.updated', key: id, data: { ticketId: id, status: 'open', reopened: true } });

  // 4. Messages, counters, edits, events.
  const inserted = await insertMessages(client, rows);
  const storedRows = rows.filter((r) => inserted.has(r.message.id));
  const counted = countByTicket(storedRows.map((r) => ({ ticketId: r.ticketId, sentAt: r.message.sentAt })));
  const isNew = new Set(planner.created.map((t) => t.id));
  await touchTickets(client, new Map([...counted].filter(([id]) => !isNew.has(id))));
  await recountTickets(
    client,
    planner.created.filter((t) => counted.get(t.id)?.n !== planned.get(t.id)?.n).map((t) => t.id),
  );
  for (const r of storedRows) {
    events.push({
      type: 'message.created',
      key: r.ticketId,
      data: {
        messageId: r.message.id,
        ticketId: r.ticketId,
        customerId: r.customerId,
        channel: r.message.channel,
        direction: r.message.direction,
      },
    });
  }
  result.stored = storedRows.length;
  result.storedIds = storedRows.map((r) => r.message.id);
  for (const e of edits) {
    if (await applyEdit(client, e.storedId, e.message)) {
      result.edited += 1;
      events.push({
        type: 'message.updated',
        key: e.storedId,
        data: { messageId: e.storedId, edited: true },
      });
    }
  }
  await recordEvents(client, events, now);
  return result;
}

/**
 * A message from an identity erased after the message arrived: a record still on Kafka (a
 * dead letter replayed, a lagging partition) that must not bring the person back. A
 * message received after the erasure is new contact: it starts a new customer.
 */
function receivedBeforeErasure(
  m: InboundMessage,
  identities: NormalizedIdentity[],
  tombstones: Map<string, Date>,
): boolean {
  if (tombstones.size === 0) return false;
  const received = new Date(m.receivedAt).getTime();
  return identities.some((i) => {
    const erasedAt = tombstones.get(identityHash(i.kind, i.value));
    return erasedAt !== undefined && received <= erasedAt.getTime();
  });
}

function normalizeAll(m: InboundMessage, settings: ThreadingSettings): NormalizedIdentity[] {
  const byKey = new Map<string, NormalizedIdentity>();
  for (const claim of m.identities) {
    const i = normalizeIdentity(claim, {
      defaultPhoneRegion: settings.defaultPhoneRegion,
      account: m.account,
    });
    if (!i) continue;
    const key = identityKey(i.kind, i.value);
    const prev = byKey.get(key);
    byKey.set(key, prev ? { ...prev, verified: prev.verified || i.verified } : i);
  }
  return [...byKey.values()];
}

/** Attempts of {@link resolveCustomersInPlace} before the batch fails and the bus retries it. */
const IDENTITY_RACE_ATTEMPTS = 3;

/**
 * {@link resolveCustomers}, its inserts under a savepoint. When another partition's batch
 * attached one of this batch's new identities first (`identity-race`: a person's email and web
 * form, both new), the insert waited for that batch's commit, so reading the identities again
 * finds its customer: done at once here, rather than by the bus, which pauses the partition
 * (250 ms, then 500, 1,000) and redoes the whole batch — and the consumer's other partitions
 * wait for the paused one before the next fetch. `bench threading` had 5–8 of these at every
 * run's start. The savepoint is taken only when the batch inserts customers or identities (only
 * those inserts can race): a batch of known customers' messages, the usual one, spends no round
 * trips on it.
 */
async function resolveCustomersInPlace(
  client: PoolClient,
  fresh: { message: InboundMessage; identities: NormalizedIdentity[] }[],
  now: Date,
  events: NewEvent[],
): Promise<IdentityPlan> {
  const recorded = events.length;
  for (let attempt = 1; ; attempt++) {
    let saved = false;
    const savepoint = async () => {
      await client.query('SAVEPOINT resolve_customers');
      saved = true;
    };
    try {
      // Not released on success: the batch's COMMIT releases it, and nothing later in the
      // transaction rolls back to it. RELEASE would be one more round trip per batch that adds
      // a customer, most batches at a quiet hour (see `pnpm bench hop` for what one costs).
      return await resolveCustomers(client, fresh, now, events, savepoint);
    } catch (err) {
      if (!saved || !hasErrorCode(err, ERROR_CODES.identityRace) || attempt >= IDENTITY_RACE_ATTEMPTS)
        throw err;
      // Released too, so the next attempt's savepoint is not nested in this one.
      await client.query('ROLLBACK TO SAVEPOINT resolve_customers; RELEASE SAVEPOINT resolve_customers');
      events.length = recorded;
    }
  }
}

async function resolveCustomers(
  client: PoolClient,
  fresh: { message: InboundMessage; identities: NormalizedIdentity[] }[],
  now: Date,
  events: NewEvent[],
  /** Taken before the first insert that another batch can race (see resolveCustomersInPlace). */
  savepoint: () => Promise<void>,
): Promise<IdentityPlan> {
  const all = new Map<string, NormalizedIdentity>();
  for (const f of fresh) for (const i of f.identities) all.set(identityKey(i.kind, i.value), i);
  const known = await findByIdentities(client, [...all.values()]);
  const input = fresh.map((f) => ({
    identities: f.identities,
    // Echoes are sent by us: their sender's name is not the customer's.
    displayName: f.message.direction === 'outbound' ? undefined : f.message.sender.displayName,
    ownKind:
      f.message.direction === 'inbound' ? channelTraits(f.message.channel).userIdentity?.kind : undefined,
  }));
  const newId = () => randomUUID();
  let plan = planIdentities(input, known, new Set(), newId);
  if (plan.merges.length > 0) {
    // Rare: only then ask whether a person undid a merge of these customers before.
    const undone = await undoneMergePairs(client, [...new Set(known.map((k) => k.customerId))]);
    if (undone.size > 0) plan = planIdentities(input, known, undone, newId);
  }
  await lockCustomers(client, plan.existingCustomers);
  if (plan.newCustomers.length > 0 || plan.attach.length > 0) await savepoint();
  await insertCustomers(client, plan.newCustomers);
  for (const c of plan.newCustomers)
    events.push({ type: 'customer.created', key: c.id, data: { customerId: c.id } });
  await insertIdentities(client, plan.attach);
  await verifyIdentities(client, plan.upgrades);
  for (const merge of plan.merges) {
    const trigger = { messageId: fresh[merge.messageIndex]?.message.id, identities: merge.identities };
    await mergeCustomers(client, {
      survivorId: merge.survivorId,
      mergedId: merge.mergedId,
      reason: 'automatic',
      trigger,
      now,
    }).catch((err: unknown) => {
      // Someone merged one of them first: retrying the batch resolves it to its survivor.
      throw new OmniError(ERROR_CODES.mergeRace, 'customers of this batch were merged concurrently', {
        retriable: true,
        cause: err,
      });
    });
  }
  await insertConflicts(
    client,
    plan.conflicts.map((c) => ({ ...c, messageId: fresh[c.messageIndex]?.message.id as string })),
  );
  return plan;
}

function lookupNeeds(fresh: { message: InboundMessage }[], plan: IdentityPlan): LookupNeeds {
  const refs = new Map<string, [string, string]>();
  const refCustomers = new Map<string, Set<string>>();
  const tokens = new Set<number>();
  const continuations = new Map<string, [string, string, string]>();
  fresh.forEach(({ message: m }, i) => {
    for (const ref of replyRefs(m)) {
      const key = refKey(m.account, ref);
      refs.set(key, [m.account, ref]);
      const customers = refCustomers.get(key) ?? new Set<string>();
      customers.add(plan.customerOf[i] as string);
      refCustomers.set(key, customers);
    }
    if (m.thread.ticketToken !== undefined) tokens.add(m.thread.ticketToken);
    if (continuesConversation(m) || m.direction === 'outbound') {
      const customerId = plan.customerOf[i] as string;
      continuations.set(`${customerId}\u0000${m.channel}\u0000${m.account}`, [
        customerId,
        m.channel,
        m.account,
      ]);
    }
  });
  return {
    refs: [...refs.values()],
    refCustomers,
    tokens: [...tokens],
    continuations: [...continuations.values()],
  };
}
