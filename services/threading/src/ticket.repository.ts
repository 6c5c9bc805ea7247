import { randomUUID } from 'node:crypto';
import type { InboundMessage } from '@omni/contracts';
import type { PoolClient } from '@omni/db';

export interface TicketRef {
  id: string;
  number: number;
  status: string;
}

export async function createTicket(
  client: PoolClient,
  customerId: string,
  message: InboundMessage,
  linkedTicketId: string | null,
): Promise<TicketRef> {
  const { rows } = await client.query<TicketRef>(
    `INSERT INTO tickets (id, customer_id, subject, topic, channel, account, linked_ticket_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING id, number::int AS number, status`,
    [
      randomUUID(),
      customerId,
      message.thread.subject ?? null,
      message.topic?.id ?? null,
      message.channel,
      message.account,
      linkedTicketId,
    ],
  );
  return rows[0] as TicketRef;
}

/** The customer's newest ticket on this channel and account that is not closed. */
export async function findContinuableTicket(
  client: PoolClient,
  customerId: string,
  channel: string,
  account: string,
): Promise<(TicketRef & { updatedAt: Date; resolvedAt: Date | null }) | undefined> {
  const { rows } = await client.query<TicketRef & { updatedAt: Date; resolvedAt: Date | null }>(
    `SELECT id, number::int AS number, status, updated_at AS "updatedAt", resolved_at AS "resolvedAt"
       FROM tickets
      WHERE customer_id = $1 AND channel = $2 AND account = $3 AND status <> 'closed'
      ORDER BY created_at DESC LIMIT 1`,
    [customerId, channel, account],
  );
  return rows[0];
}

export async function reopenTicket(client: PoolClient, ticketId: string): Promise<void> {
  await client.query(
    `UPDATE tickets SET status = 'open', resolved_at = NULL, updated_at = now() WHERE id = $1`,
    [ticketId],
  );
}

/** Keeps the ticket's counters in step with a stored message. */
export async function touchTicket(client: PoolClient, ticketId: string, messageAt: string): Promise<void> {
  await client.query(
    `UPDATE tickets SET message_count = message_count + 1,
            last_message_at = GREATEST(last_message_at, $2::timestamptz), updated_at = now()
      WHERE id = $1`,
    [ticketId, messageAt],
  );
}
