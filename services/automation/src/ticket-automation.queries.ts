import type { Pool } from '@omni/db';

interface Row {
  ticket_id: string;
  routing_rule: string | null;
  group: string | null;
  priority: string;
  first_response_due_at: Date;
  resolution_due_at: Date;
  first_response_at: Date | null;
  resolved_at: Date | null;
  first_response_breached_at: Date | null;
  resolution_breached_at: Date | null;
  ack_message_id: string | null;
  ack_language: string | null;
  ack_sent_at: Date | null;
}

/** What automation decided for a ticket; null until its `ticket.created` was handled. */
export async function getTicketAutomation(pool: Pool, ticketId: string) {
  const { rows } = await pool.query<Row>(
    `SELECT s.ticket_id, t.routing_rule, s."group", s.priority, s.first_response_due_at, s.resolution_due_at,
            s.first_response_at, s.resolved_at, s.first_response_breached_at, s.resolution_breached_at,
            a.message_id AS ack_message_id, a.language AS ack_language, a.sent_at AS ack_sent_at
       FROM ticket_sla s JOIN tickets t ON t.id = s.ticket_id LEFT JOIN acknowledgements a ON a.ticket_id = s.ticket_id
      WHERE s.ticket_id = $1`,
    [ticketId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    ticketId: r.ticket_id,
    routingRule: r.routing_rule,
    group: r.group,
    priority: r.priority,
    firstResponseDueAt: r.first_response_due_at.toISOString(),
    resolutionDueAt: r.resolution_due_at.toISOString(),
    firstResponseAt: r.first_response_at?.toISOString() ?? null,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    firstResponseBreached: r.first_response_breached_at !== null,
    resolutionBreached: r.resolution_breached_at !== null,
    acknowledgement:
      r.ack_message_id && r.ack_language && r.ack_sent_at
        ? { messageId: r.ack_message_id, language: r.ack_language, sentAt: r.ack_sent_at.toISOString() }
        : null,
  };
}
