import { normalizeEmail } from '@omni/customers';
import type { PoolClient } from '@omni/db';
import { continuationKey, refKey, type TicketLookups, type TicketState } from './ticket-plan';

interface TicketRow {
  id: string;
  customer_id: string;
  status: string;
  resolved_at: Date | null;
  channel: string;
  account: string;
}

const toState = (r: TicketRow): TicketState => ({
  id: r.id,
  customerId: r.customer_id,
  status: r.status,
  resolvedAt: r.resolved_at,
  channel: r.channel,
  account: r.account,
  isNew: false,
});

export interface LookupNeeds {
  /** Email references: [account, Message-ID]. */
  refs: [string, string][];
  /** The customers of the messages naming each reference (`refKey`): recipients matter only for others. */
  refCustomers: Map<string, Set<string>>;
  tokens: number[];
  /** [customer, channel, account] of messenger messages and echoes. */
  continuations: [string, string, string][];
}

/** Everything the ticket rules need for a batch, in at most four queries (none when nothing is needed). */
export async function loadTicketLookups(client: PoolClient, needs: LookupNeeds): Promise<TicketLookups> {
  const lookups: TicketLookups = {
    emailRefs: new Map(),
    tickets: new Map(),
    byNumber: new Map(),
    recipients: new Map(),
    continuation: new Map(),
  };
  const cols = 't.id, t.customer_id, t.status, t.resolved_at, t.channel, t.account';
  if (needs.refs.length > 0) {
    const { rows } = await client.query<TicketRow & { ref_account: string; email_message_id: string }>(
      `SELECT m.account AS ref_account, m.email_message_id, ${cols}
         FROM messages m JOIN tickets t ON t.id = m.ticket_id
        WHERE m.channel = 'email' AND (m.account, m.email_message_id) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [needs.refs.map((r) => r[0]), needs.refs.map((r) => r[1])],
    );
    for (const r of rows) {
      lookups.emailRefs.set(refKey(r.ref_account, r.email_message_id), r.id);
      if (!lookups.tickets.has(r.id)) lookups.tickets.set(r.id, toState(r));
    }
    // Recipients matter only where someone other than the ticket's customer replies.
    const ids = [
      ...new Set(
        rows
          .filter((r) =>
            [...(needs.refCustomers.get(refKey(r.ref_account, r.email_message_id)) ?? [])].some(
              (c) => c !== r.customer_id,
            ),
          )
          .map((r) => r.id),
      ),
    ];
    if (ids.length > 0) {
      // Who took part in those tickets: a recipient may answer in the thread.
      const { rows: rec } = await client.query<{ ticket_id: string; address: string }>(
        `SELECT DISTINCT m.ticket_id, a.address
           FROM messages m, jsonb_array_elements_text(COALESCE(m.recipients->'to', '[]') || COALESCE(m.recipients->'cc', '[]')) AS a(address)
          WHERE m.ticket_id = ANY($1::uuid[]) AND m.recipients IS NOT NULL`,
        [ids],
      );
      for (const r of rec) {
        const address = normalizeEmail(r.address);
        if (!address) continue;
        const set = lookups.recipients.get(r.ticket_id) ?? new Set<string>();
        set.add(address);
        lookups.recipients.set(r.ticket_id, set);
      }
    }
  }
  if (needs.tokens.length > 0) {
    const { rows } = await client.query<TicketRow & { number: string }>(
      `SELECT t.number, ${cols} FROM tickets t WHERE t.number = ANY($1::bigint[])`,
      [needs.tokens],
    );
    for (const r of rows) {
      lookups.byNumber.set(Number(r.number), r.id);
      if (!lookups.tickets.has(r.id)) lookups.tickets.set(r.id, toState(r));
    }
  }
  if (needs.continuations.length > 0) {
    // Two index probes (tickets_customer_channel) per customer, channel and account.
    const { rows } = await client.query<TicketRow & { which: 'open' | 'newest' }>(
      `WITH k AS (SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS k(customer_id, channel, account))
       SELECT x.* FROM k, LATERAL (
         (SELECT 'open' AS which, ${cols} FROM tickets t
           WHERE t.customer_id = k.customer_id AND t.channel = k.channel AND t.account = k.account AND t.status <> 'closed'
           ORDER BY t.created_at DESC LIMIT 1)
         UNION ALL
         (SELECT 'newest' AS which, ${cols} FROM tickets t
           WHERE t.customer_id = k.customer_id AND t.channel = k.channel AND t.account = k.account
           ORDER BY t.created_at DESC LIMIT 1)
       ) x`,
      [
        needs.continuations.map((c) => c[0]),
        needs.continuations.map((c) => c[1]),
        needs.continuations.map((c) => c[2]),
      ],
    );
    for (const r of rows) {
      // One state object per ticket, so a reopen seen through one path is seen through all.
      const state = lookups.tickets.get(r.id) ?? toState(r);
      lookups.tickets.set(r.id, state);
      const key = continuationKey(r.customer_id, r.channel, r.account);
      const entry = lookups.continuation.get(key) ?? {};
      entry[r.which] = state;
      lookups.continuation.set(key, entry);
    }
  }
  return lookups;
}

/**
 * Inserts the batch's new tickets, their counters already counting the batch's messages
 * planned for them (saves an update per ticket); returns their numbers.
 */
export async function insertTickets(
  client: PoolClient,
  tickets: TicketState[],
  counters: Map<string, Counter>,
): Promise<Map<string, number>> {
  if (tickets.length === 0) return new Map();
  const { rows } = await client.query<{ id: string; number: string }>(
    // `channels` starts with the ticket's own, so the messages' insert trigger has nothing to add.
    `INSERT INTO tickets (id, customer_id, subject, topic, channel, account, linked_ticket_id, message_count, last_message_at, channels)
     SELECT *, ARRAY[channel] FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::int[], $9::timestamptz[])
       AS x(id, customer_id, subject, topic, channel, account, linked_ticket_id, message_count, last_message_at)
     RETURNING id, number`,
    [
      tickets.map((t) => t.id),
      tickets.map((t) => t.customerId),
      tickets.map((t) => t.subject ?? null),
      tickets.map((t) => t.topic ?? null),
      tickets.map((t) => t.channel),
      tickets.map((t) => t.account),
      tickets.map((t) => t.linkedTicketId ?? null),
      tickets.map((t) => counters.get(t.id)?.n ?? 0),
      tickets.map((t) => counters.get(t.id)?.last ?? null),
    ],
  );
  return new Map(rows.map((r) => [r.id, Number(r.number)]));
}

export async function reopenTickets(client: PoolClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    `UPDATE tickets SET status = 'open', resolved_at = NULL, updated_at = now() WHERE id = ANY($1::uuid[])`,
    [ids],
  );
}

export interface Counter {
  n: number;
  /** The latest sent time (ISO). */
  last: string;
}

/** Messages per ticket and the latest sent time among them. */
export function countByTicket(rows: { ticketId: string; sentAt: string }[]): Map<string, Counter> {
  // Each time parsed once (`lastMs`), not at every comparison.
  const agg = new Map<string, Counter & { lastMs: number }>();
  for (const r of rows) {
    const a = agg.get(r.ticketId);
    const ms = Date.parse(r.sentAt);
    if (!a) agg.set(r.ticketId, { n: 1, last: r.sentAt, lastMs: ms });
    else {
      a.n += 1;
      if (ms > a.lastMs) {
        a.last = r.sentAt;
        a.lastMs = ms;
      }
    }
  }
  return agg;
}

/** Adds the batch's stored messages to the counters of tickets that existed before it. */
export async function touchTickets(client: PoolClient, counters: Map<string, Counter>): Promise<void> {
  if (counters.size === 0) return;
  await client.query(
    `UPDATE tickets t SET message_count = t.message_count + x.n,
            last_message_at = GREATEST(t.last_message_at, x.last), updated_at = now()
       FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS x(id, n, last)
      WHERE t.id = x.id`,
    [[...counters.keys()], [...counters.values()].map((a) => a.n), [...counters.values()].map((a) => a.last)],
  );
}

/** Recounts tickets whose planned messages were not all stored (a concurrent duplicate). */
export async function recountTickets(client: PoolClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    `UPDATE tickets t SET message_count = (SELECT count(*) FROM messages m WHERE m.ticket_id = t.id),
            last_message_at = (SELECT max(sent_at) FROM messages m WHERE m.ticket_id = t.id),
            channels = ARRAY(SELECT DISTINCT m.channel FROM messages m WHERE m.ticket_id = t.id ORDER BY 1), updated_at = now()
      WHERE t.id = ANY($1::uuid[])`,
    [ids],
  );
}
