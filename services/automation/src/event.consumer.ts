import type { DomainEvent } from '@omni/contracts';
import type { ReplyChannelSettings } from '@omni/customers';
import { named, type Pool, withTransaction } from '@omni/db';
import type { Logger, OmniConfig } from '@omni/service-kit';
import type { AutomationMetrics } from './automation-metrics';
import { cancelSurvey, scheduleSurvey } from './csat-survey';
import { handleTicketsCreated } from './ticket-intake';

export interface EventConsumerDeps {
  pool: Pool;
  log: Logger;
  config: OmniConfig['automation'];
  /** Where acknowledgements of web-form tickets leave (the rule replies follow). */
  replyChannels?: ReplyChannelSettings;
  metrics: AutomationMetrics;
  now: () => Date;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ticketIdOf = (e: DomainEvent) =>
  typeof e.data.ticketId === 'string' && uuid.test(e.data.ticketId) ? e.data.ticketId : undefined;
const messageIdOf = (e: DomainEvent) =>
  typeof e.data.messageId === 'string' && uuid.test(e.data.messageId) ? e.data.messageId : undefined;

/**
 * Handles a batch of `omni.events.v1` (one partition, in order), idempotently (events arrive
 * at least once): new tickets are routed, clocked and acknowledged once, all of the batch's
 * in one transaction; then the first non-automatic outbound message of a ticket stops its
 * first-response clock (the batch's in one statement); then, in order, resolved/closed stops
 * the resolution clock and schedules the satisfaction survey, a reopen restarts the clock and
 * cancels the survey.
 * Taking the new tickets first keeps each ticket's order: nothing can name a ticket before
 * the `ticket.created` written with it.
 */
export async function handleEvents(events: DomainEvent[], deps: EventConsumerDeps): Promise<void> {
  const created = events.filter((e) => e.type === 'ticket.created').map(ticketIdOf);
  const ids = created.filter((id): id is string => id !== undefined);
  if (ids.length > 0) await onTicketsCreated(ids, deps);
  const answers: Answer[] = [];
  for (const event of events) {
    const ticketId = ticketIdOf(event);
    const messageId = messageIdOf(event);
    if (ticketId && messageId && event.type === 'message.created' && event.data.direction === 'outbound')
      answers.push({ ticketId, messageId });
  }
  // The first-response clock reads only outbound messages, which nothing else here changes.
  if (answers.length > 0) await onOutbound(answers, deps);
  for (const event of events) {
    const ticketId = ticketIdOf(event);
    if (ticketId && event.type === 'ticket.updated') await onTicketUpdated(ticketId, event, deps);
  }
}

async function onTicketsCreated(
  ticketIds: string[],
  { pool, log, config, replyChannels, metrics, now }: EventConsumerDeps,
): Promise<void> {
  const batch = await withTransaction(pool, (client) =>
    handleTicketsCreated(client, ticketIds, config, now(), replyChannels, { skipBusy: true }),
  );
  const results = batch.results;
  // Those another transaction held: each in its own transaction, waiting for its lock.
  for (const id of batch.busy) {
    const one = await withTransaction(pool, (client) =>
      handleTicketsCreated(client, [id], config, now(), replyChannels),
    );
    results.push(...one.results);
  }
  for (const result of results) {
    const { channel, acknowledgement: ack } = result;
    metrics.ticketsCreated.inc({ channel, group: result.group ?? '', topic: result.topic ?? '' });
    metrics.acknowledgements.inc({ channel, outcome: 'skipped' in ack ? ack.skipped : 'sent' });
    log.info(
      {
        ticketId: result.ticketId,
        routingRule: result.routing.rule,
        group: result.group,
        priority: result.routing.priority,
        acknowledgement: 'skipped' in ack ? ack.skipped : 'sent',
      },
      'ticket routed',
    );
  }
}

/** An outbound message of a ticket: an answer, unless automatic. */
interface Answer {
  ticketId: string;
  messageId: string;
}

/**
 * Stops the first-response clocks of these tickets at their first non-automatic outbound
 * message (a batch's answers in one statement; a clock stopped already stays as it is).
 */
async function onOutbound(answers: Answer[], { pool, metrics }: EventConsumerDeps): Promise<void> {
  const { rows } = await pool.query<{
    started_at: Date;
    first_response_at: Date;
    group: string | null;
    channel: string;
  }>(
    named(
      `UPDATE ticket_sla s SET first_response_at = a.sent_at
       FROM (SELECT DISTINCT ON (m.ticket_id) m.ticket_id, m.sent_at
               FROM unnest($1::uuid[], $2::uuid[]) AS x(message_id, ticket_id)
               JOIN messages m ON m.id = x.message_id AND m.ticket_id = x.ticket_id
              -- \`m.id = ANY\`: the messages by key (joined to unnest alone, a young database's
              -- messages were read whole; see the intake in ticket-intake.ts).
              WHERE m.id = ANY($1::uuid[])
                AND m.direction = 'outbound' AND COALESCE((m.flags->>'automatic')::boolean, false) = false
              ORDER BY m.ticket_id, m.sent_at) a,
            tickets t
      WHERE s.ticket_id = a.ticket_id AND t.id = s.ticket_id AND s.first_response_at IS NULL
      RETURNING s.started_at, s.first_response_at, s."group", t.channel`,
      [answers.map((a) => a.messageId), answers.map((a) => a.ticketId)],
    ),
  );
  for (const r of rows)
    metrics.firstResponseSeconds.observe(
      { channel: r.channel, group: r.group ?? '' },
      seconds(r.started_at, r.first_response_at),
    );
}

async function onTicketUpdated(
  ticketId: string,
  event: DomainEvent,
  { pool, metrics, config }: EventConsumerDeps,
): Promise<void> {
  const changes = (event.data.changes ?? {}) as Record<string, unknown>;
  const status = changes.status ?? event.data.status;
  const at = new Date(event.occurredAt);
  if (status === 'resolved' || status === 'closed') {
    const { rows } = await pool.query<{
      started_at: Date;
      resolved_at: Date;
      group: string | null;
      channel: string;
    }>(
      named(
        `UPDATE ticket_sla s SET resolved_at = $2 FROM tickets t
        WHERE s.ticket_id = $1 AND t.id = s.ticket_id AND s.resolved_at IS NULL
        RETURNING s.started_at, s.resolved_at, s."group", t.channel`,
        [ticketId, at],
      ),
    );
    const r = rows[0];
    if (r)
      metrics.resolutionSeconds.observe(
        { channel: r.channel, group: r.group ?? '' },
        seconds(r.started_at, r.resolved_at),
      );
    await scheduleSurvey(pool, ticketId, at, config.csat);
  } else if (status === 'open' || status === 'pending') {
    await cancelSurvey(pool, ticketId);
    // Reopened: the resolution clock runs again from where it was (its due time is unchanged).
    await pool.query(
      named(
        `UPDATE ticket_sla SET resolved_at = NULL, next_check_at = LEAST(COALESCE(next_check_at, $2), $2)
        WHERE ticket_id = $1 AND resolved_at IS NOT NULL AND resolved_at <= $2`,
        [ticketId, at],
      ),
    );
  }
}

const seconds = (from: Date, to: Date) => Math.max(0, (to.getTime() - from.getTime()) / 1000);
