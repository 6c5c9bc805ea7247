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
import { loadFirstMessage, replyRouteOf, writeAutomaticReply } from './automatic-reply';
import { BusinessClock, calendarFor } from './business-clock';
import { emailDomain, type RoutingDecision, route } from './routing';
import { planSla } from './sla-clock';
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
  /** The ticket's channel and topic (intake changes neither), for the caller's metrics. */
  channel: Channel;
  topic: string | null;
  routing: RoutingDecision;
  group: string | null;
  acknowledgement: { messageId: string; text: string } | { skipped: AckSkipReason };
}

/**
 * Everything automatic about a new ticket, in the caller's transaction: routing (group,
 * priority, tags, the matched rule), the SLA clocks in the group's business time, and the
 * acknowledgement (an automatic outbound message and its outbox record, exactly like a
 * reply). Returns null when the ticket was handled already (a redelivered event) or is unknown.
 */
export async function handleTicketCreated(
  client: PoolClient,
  ticketId: string,
  config: OmniConfig['automation'],
  now: Date,
  replyChannels: ReplyChannelSettings = replyChannelSettings({}),
): Promise<IntakeResult | null> {
  // NO KEY UPDATE (as the reply commands' lockTicket): threading storing the customer's next
  // message in this ticket meanwhile holds KEY SHARE on it, which FOR UPDATE would wait for.
  // Whether its clocks exist (a redelivered event) comes in the same statement.
  const { rows } = await client.query<TicketRow & { handled: boolean }>(
    named(
      `SELECT t.id, t.number, t.customer_id, t.subject, t.topic, t.channel, t.account, t."group", t.created_at,
              EXISTS (SELECT 1 FROM ticket_sla s WHERE s.ticket_id = t.id) AS handled
         FROM tickets t WHERE t.id = $1 FOR NO KEY UPDATE OF t`,
      [ticketId],
    ),
  );
  const ticket = rows[0];
  if (!ticket || ticket.handled) return null;

  const first = await loadFirstMessage(client, ticketId);
  // Sent unnamed on purpose: as a named statement PostgreSQL's generic plan for `ANY(array || $n)`
  // ran 2.5–50× slower than the plan made for the values (e2e, pg_stat_statements).
  const emails = await client.query<{ value: string }>(
    `SELECT value FROM identities WHERE kind = 'email'
        AND customer_id = ANY(${customerAndMergedIds('$1')})`,
    [ticket.customer_id],
  );
  const domains = [...emails.rows.map((r) => r.value), first?.sender.email ?? '']
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

  const events: NewEvent[] = [
    {
      type: 'ticket.updated',
      key: ticketId,
      data: {
        ticketId,
        changes: {
          group,
          priority: decision.priority,
          tags: decision.tags,
          routingRule: decision.rule,
          firstResponseDueAt: sla.firstResponseDueAt.toISOString(),
          resolutionDueAt: sla.resolutionDueAt.toISOString(),
        },
      },
    },
  ];

  let acknowledgement: IntakeResult['acknowledgement'];
  const settings = config.acknowledgements.find(
    (a) => a.channel === ticket.channel && a.account === ticket.account,
  );
  const blocked = first
    ? ackBlocker(settings, {
        direction: first.direction,
        flags: first.flags,
        recipientId: first.sender.externalId,
      })
    : 'not-inbound';
  // The same way out as a person's reply: a web-form ticket is acknowledged by email, or not at all.
  const way = blocked || !first ? undefined : await replyRouteOf(client, ticket, first, replyChannels);
  if (blocked || !settings || !first || !way) {
    acknowledgement = { skipped: blocked ?? 'disabled' };
  } else if ('refused' in way) {
    acknowledgement = { skipped: 'unreachable' };
  } else if (!(await underDailyLimit(client, ticket.customer_id, settings.maxPerCustomerPerDay, now))) {
    acknowledgement = { skipped: 'daily-limit' };
  } else {
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
        [ticketId, ticket.customer_id, messageId, way.channel, way.account, language, now],
      ),
    );
    events.push({
      type: 'message.created',
      key: ticketId,
      data: {
        ticketId,
        messageId,
        customerId: ticket.customer_id,
        direction: 'outbound',
        channel: way.channel,
        automatic: true,
      },
    });
    acknowledgement = { messageId, text };
  }
  // The ticket's routing, its clocks and the events, in one statement (one round trip): a
  // new ticket's intake was most of automation's statements and many of PostgreSQL's.
  const recorded = eventsInsert(events, now, '$11');
  await client.query(
    named(
      `WITH routed AS (
         UPDATE tickets SET "group" = $2, priority = $3, tags = ARRAY(SELECT DISTINCT unnest(tags || $4::text[])),
                routing_rule = $5, first_response_due_at = $6, resolution_due_at = $7, updated_at = now()
          WHERE id = $1),
       clocks AS (
         INSERT INTO ticket_sla (ticket_id, started_at, "group", priority, first_response_warn_at, first_response_due_at,
                                 resolution_warn_at, resolution_due_at, next_check_at)
         VALUES ($1, $8, $2, $3, $9, $6, $10, $7, $9))
       ${recorded.sql}`,
      [
        ticketId,
        group,
        decision.priority,
        decision.tags,
        decision.rule,
        sla.firstResponseDueAt,
        sla.resolutionDueAt,
        ticket.created_at,
        sla.firstResponseWarnAt,
        sla.resolutionWarnAt,
        recorded.value,
      ],
    ),
  );
  return { channel: ticket.channel, topic: ticket.topic, routing: decision, group, acknowledgement };
}

/** Loop protection across tickets: the customer's acknowledgements in the last 24 hours, counted under a lock. */
async function underDailyLimit(
  client: PoolClient,
  customerId: string,
  max: number,
  now: Date,
): Promise<boolean> {
  await client.query(
    named(`SELECT pg_advisory_xact_lock(hashtextextended('omni-ack:' || $1, 0))`, [customerId]),
  );
  const { rows } = await client.query<{ n: string }>(
    named(
      `SELECT count(*) AS n FROM acknowledgements WHERE customer_id = $1 AND sent_at > $2::timestamptz - interval '24 hours'`,
      [customerId, now],
    ),
  );
  return Number(rows[0]?.n ?? 0) < max;
}
