import type { Channel } from '@omni/contracts';
import {
  customerAndMergedIds,
  eventsInsert,
  type NewEvent,
  type ReplyChannelSettings,
  replyChannelSettings,
} from '@omni/customers';
import { named, type PoolClient } from '@omni/db';
import type { OmniConfig } from '@omni/service-kit';
import {
  type AckSkipReason,
  ackBlocker,
  announcementText,
  composeAcknowledgement,
  pickLanguage,
} from './acknowledgement';
import { activeAnnouncements } from './announcement.repository';
import {
  type FirstMessageRow,
  firstMessageQuery,
  replyRouteOf,
  writeAutomaticReply,
} from './automatic-reply';
import { BusinessClock, calendarFor } from './business-clock';
import { emailDomain, type RoutingDecision, route } from './routing';
import { planSla, type SlaPlan } from './sla-clock';
import { describeWait } from './wait-text';

export interface TicketRow {
  id: string;
  number: string;
  customer_id: string;
  subject: string | null;
  topic: string | null;
  channel: Channel;
  account: string;
  group: string | null;
  created_at: Date;
}

export interface IntakeResult {
  ticketId: string;
  /** The ticket's channel and topic (intake changes neither), for the caller's metrics. */
  channel: Channel;
  topic: string | null;
  routing: RoutingDecision;
  group: string | null;
  acknowledgement: { messageId: string; text: string } | { skipped: AckSkipReason };
}

/** A new ticket as intake reads it: locked, with whether it was handled and its first message. */
interface IntakeTicket extends TicketRow {
  /** Its clocks exist: a redelivered `ticket.created`. */
  handled: boolean;
  first: FirstMessageRow | null;
}

/**
 * Everything automatic about new tickets, in the caller's transaction: routing (group,
 * priority, tags, the matched rule), the SLA clocks in the group's business time, and the
 * acknowledgement (an automatic outbound message and its outbox record, exactly like a
 * reply). A batch's tickets cost the same few statements as one ticket (the acknowledgements
 * aside): at full load most of a batch of events is new tickets, and one transaction per
 * ticket was most of automation's statements. Returns a result per ticket handled, in the
 * order given; a ticket handled already (a redelivered event) or unknown has none. With
 * `skipBusy`, `busy` lists the tickets it could not lock without waiting (held by another
 * transaction, or gone: SKIP LOCKED cannot tell), for the caller to take one at a time.
 */
export async function handleTicketsCreated(
  client: PoolClient,
  ticketIds: string[],
  config: OmniConfig['automation'],
  now: Date,
  replyChannels: ReplyChannelSettings = replyChannelSettings({}),
  { skipBusy = false }: { skipBusy?: boolean } = {},
): Promise<{ results: IntakeResult[]; busy: string[] }> {
  const unique = [...new Set(ticketIds)];
  const locked = await lockNewTickets(client, unique, skipBusy);
  const busy = skipBusy ? unique.filter((id) => !locked.has(id)) : [];
  const tickets = unique
    .map((id) => locked.get(id))
    .filter((t): t is IntakeTicket => t !== undefined && !t.handled);
  if (tickets.length === 0) return { results: [], busy };
  await lockAcknowledgedCustomers(
    client,
    tickets.filter((t) => acknowledgementSettings(config, t)).map((t) => t.customer_id),
  );
  const emails = usesCustomerDomains(config.routing)
    ? await customerEmails(client, [...new Set(tickets.map((t) => t.customer_id))])
    : new Map<string, string[]>();

  const events: NewEvent[] = [];
  /** Each ticket's routing and clocks, as the write below reads them. */
  const intakes: Record<string, unknown>[] = [];
  const results: IntakeResult[] = [];
  for (const ticket of tickets) {
    const { first } = ticket;
    const domains = [...(emails.get(ticket.customer_id) ?? []), first?.sender.email ?? '']
      .map(emailDomain)
      .filter((d): d is string => d !== null);
    const decision = route(
      {
        channel: ticket.channel,
        account: ticket.account,
        topic: ticket.topic ?? first?.topic?.id,
        language: first?.sender.locale,
        subject: first?.subject ?? ticket.subject,
        text: first?.text ?? '',
        emailDomains: [...new Set(domains)],
      },
      config.routing,
    );
    // A group set by a person before this event was handled is kept.
    const group = ticket.group ?? decision.group;
    const clock = BusinessClock.for(calendarFor(config.calendars, group));
    const sla = planSla(clock, ticket.created_at, decision.priority, config.sla);
    events.push({
      type: 'ticket.updated',
      key: ticket.id,
      data: {
        ticketId: ticket.id,
        changes: {
          group,
          priority: decision.priority,
          tags: decision.tags,
          routingRule: decision.rule,
          firstResponseDueAt: sla.firstResponseDueAt.toISOString(),
          resolutionDueAt: sla.resolutionDueAt.toISOString(),
        },
      },
    });
    const acknowledgement = await acknowledge(client, ticket, clock, sla, config, now, replyChannels, events);
    intakes.push({
      id: ticket.id,
      group,
      priority: decision.priority,
      tags: decision.tags,
      rule: decision.rule,
      startedAt: ticket.created_at,
      firstWarnAt: sla.firstResponseWarnAt,
      firstDueAt: sla.firstResponseDueAt,
      resolutionWarnAt: sla.resolutionWarnAt,
      resolutionDueAt: sla.resolutionDueAt,
    });
    results.push({
      ticketId: ticket.id,
      channel: ticket.channel,
      topic: ticket.topic,
      routing: decision,
      group,
      acknowledgement,
    });
  }
  // The tickets' routing, their clocks and the events, in one statement (one round trip).
  const recorded = eventsInsert(events, now, '$2');
  await client.query(
    named(
      `WITH intake AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
           id uuid, "group" text, priority text, tags text[], rule text, "startedAt" timestamptz,
           "firstWarnAt" timestamptz, "firstDueAt" timestamptz, "resolutionWarnAt" timestamptz, "resolutionDueAt" timestamptz)),
       routed AS (
         UPDATE tickets t SET "group" = x."group", priority = x.priority,
                tags = ARRAY(SELECT DISTINCT unnest(t.tags || x.tags)), routing_rule = x.rule,
                first_response_due_at = x."firstDueAt", resolution_due_at = x."resolutionDueAt", updated_at = now()
           -- The batch's ids as an array too. Joined to the recordset alone (100 rows to the
           -- planner, whatever the batch), the statement kept the plan it got while the table
           -- was small, a scan of every ticket, until the database's first ANALYZE: 1,127 such
           -- scans by 2,100 messages in \`pnpm bench e2e\`, 1.3 ms a call. With the array,
           -- PostgreSQL plans each call for the batch's ids (cheaper to it than a plan for any
           -- ten), which probes the key once the table has grown: 29 scans. A plan forced
           -- generic while the table holds a ticket still scans; no test pins this down.
           FROM intake x WHERE t.id = x.id AND t.id = ANY($3::uuid[])),
       clocks AS (
         INSERT INTO ticket_sla (ticket_id, started_at, "group", priority, first_response_warn_at, first_response_due_at,
                                 resolution_warn_at, resolution_due_at, next_check_at)
         SELECT id, "startedAt", "group", priority, "firstWarnAt", "firstDueAt", "resolutionWarnAt", "resolutionDueAt", "firstWarnAt"
           FROM intake)
       ${recorded.sql}`,
      [JSON.stringify(intakes), recorded.value, intakes.map((i) => i.id)],
    ),
  );
  return { results, busy };
}

/**
 * The tickets, locked, each with whether its clocks exist and its first customer-visible
 * message (notes aside) — one statement. NO KEY UPDATE (as the reply commands' lockTicket):
 * threading storing the customer's next message in a ticket meanwhile holds KEY SHARE on it,
 * which FOR UPDATE would wait for. With `skipBusy`, a ticket locked by another transaction
 * is left out rather than waited for: threading's counters UPDATE locks a batch's tickets
 * in no particular order, so a transaction holding several tickets must never wait for one.
 */
async function lockNewTickets(
  client: PoolClient,
  ids: string[],
  skipBusy: boolean,
): Promise<Map<string, IntakeTicket>> {
  const { rows } = await client.query<IntakeTicket>(
    named(
      `SELECT t.id, t.number, t.customer_id, t.subject, t.topic, t.channel, t.account, t."group", t.created_at,
              -- \`ANY\`: the clocks by key (a semi join alone hashed every clock; see the intake).
              EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id AND s.ticket_id = ANY($1::uuid[])) AS handled,
              (SELECT row_to_json(f) FROM (${firstMessageQuery('t.id')}) f) AS first
         FROM tickets t WHERE t.id = ANY($1::uuid[]) ORDER BY t.id FOR NO KEY UPDATE OF t${skipBusy ? ' SKIP LOCKED' : ''}`,
      [ids],
    ),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The acknowledgement settings of the ticket's channel account, if any. */
const acknowledgementSettings = (
  config: OmniConfig['automation'],
  t: Pick<TicketRow, 'channel' | 'account'>,
) => config.acknowledgements.find((a) => a.channel === t.channel && a.account === t.account);

/**
 * The daily-limit locks ({@link underDailyLimit}) of every customer the batch may acknowledge,
 * taken at once in one order: two batches taking them ticket by ticket, in their own orders,
 * could each hold what the other waits for. (Taken again per ticket, they are held already.)
 */
async function lockAcknowledgedCustomers(client: PoolClient, customerIds: string[]): Promise<void> {
  const ids = [...new Set(customerIds)].sort();
  if (ids.length < 2) return;
  await client.query(
    named(`SELECT ${dailyLimitLock('c')} FROM (SELECT c FROM unnest($1::text[]) AS c ORDER BY c) sorted`, [
      ids,
    ]),
  );
}

/** Whether any routing rule looks at the customer's email domains (only then are they read). */
const usesCustomerDomains = (routing: OmniConfig['automation']['routing']) =>
  routing.rules.some((r) => r.when.customerDomain !== undefined);

/** The email addresses of these customers (and of the customers merged into them), by customer. */
async function customerEmails(client: PoolClient, customerIds: string[]): Promise<Map<string, string[]>> {
  // Sent unnamed on purpose: as a named statement PostgreSQL's generic plan for `ANY(array || $n)`
  // ran 2.5–50× slower than the plan made for the values (e2e, pg_stat_statements).
  const { rows } = await client.query<{ customer_id: string; value: string }>(
    `SELECT k.customer_id, i.value FROM unnest($1::uuid[]) AS k(customer_id),
            LATERAL (SELECT value FROM identities WHERE kind = 'email'
                        AND customer_id = ANY(${customerAndMergedIds('k.customer_id')})) i`,
    [customerIds],
  );
  const emails = new Map<string, string[]>();
  for (const r of rows) {
    const own = emails.get(r.customer_id) ?? [];
    own.push(r.value);
    emails.set(r.customer_id, own);
  }
  return emails;
}

/**
 * The acknowledgement of a new ticket, when its channel's settings ask for one and nothing
 * blocks it: written as an automatic reply, its `message.created` added to `events`.
 */
async function acknowledge(
  client: PoolClient,
  ticket: IntakeTicket,
  clock: BusinessClock,
  sla: SlaPlan,
  config: OmniConfig['automation'],
  now: Date,
  replyChannels: ReplyChannelSettings,
  events: NewEvent[],
): Promise<IntakeResult['acknowledgement']> {
  const { first } = ticket;
  const settings = acknowledgementSettings(config, ticket);
  const blocked = first
    ? ackBlocker(settings, {
        direction: first.direction,
        flags: first.flags,
        recipientId: first.sender.externalId,
      })
    : 'not-inbound';
  // The same way out as a person's reply: a web-form ticket is acknowledged by email, or not at all.
  const way = blocked || !first ? undefined : await replyRouteOf(client, ticket, first, replyChannels);
  if (blocked || !settings || !first || !way) return { skipped: blocked ?? 'disabled' };
  if ('refused' in way) return { skipped: 'unreachable' };
  if (!(await underDailyLimit(client, ticket.customer_id, settings.maxPerCustomerPerDay, now)))
    return { skipped: 'daily-limit' };
  const language = pickLanguage(settings.templates, settings.defaultLanguage, first.sender.locale);
  const notices = (await activeAnnouncements(client, ticket.channel, now))
    .map((a) => announcementText(a.texts, language, settings.defaultLanguage))
    .filter((t): t is string => t !== undefined);
  const text = composeAcknowledgement({
    template: settings.templates[language] as string,
    wait: describeWait(clock, now, sla.firstResponseDueAt, sla.firstResponseMinutes, language),
    ticketNumber: Number(ticket.number),
    announcements: notices,
  });
  const messageId = await writeAutomaticReply(client, ticket, first, way, { text }, now);
  await client.query(
    named(
      `INSERT INTO acknowledgements (ticket_id, customer_id, message_id, channel, account, language, sent_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [ticket.id, ticket.customer_id, messageId, way.channel, way.account, language, now],
    ),
  );
  events.push({
    type: 'message.created',
    key: ticket.id,
    data: {
      ticketId: ticket.id,
      messageId,
      customerId: ticket.customer_id,
      direction: 'outbound',
      channel: way.channel,
      automatic: true,
    },
  });
  return { messageId, text };
}

/** The lock a customer's acknowledgements are counted under; `customer` is the parameter or column of its id. */
const dailyLimitLock = (customer: string) =>
  `pg_advisory_xact_lock(hashtextextended('omni-ack:' || ${customer}, 0))`;

/** Loop protection across tickets: the customer's acknowledgements in the last 24 hours, counted under a lock. */
async function underDailyLimit(
  client: PoolClient,
  customerId: string,
  max: number,
  now: Date,
): Promise<boolean> {
  await client.query(named(`SELECT ${dailyLimitLock('$1')}`, [customerId]));
  const { rows } = await client.query<{ n: string }>(
    named(
      `SELECT count(*) AS n FROM acknowledgements WHERE customer_id = $1 AND sent_at > $2::timestamptz - interval '24 hours'`,
      [customerId, now],
    ),
  );
  return Number(rows[0]?.n ?? 0) < max;
}
