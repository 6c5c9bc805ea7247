import { randomUUID } from 'node:crypto';
import { type Channel, OutboundMessage, outboundTopic } from '@omni/contracts';
import { named, type PoolClient } from '@omni/db';

/** An automatic message (an acknowledgement, a survey, a live chat's unread replies by email) to queue on a ticket. */
export interface AutomaticMessage {
  ticket: { id: string; number: string | number; customer_id: string };
  /** Where it leaves: the channel, account and recipient of a `ReplyRoute`. */
  way: { channel: Channel; account: string; recipient: OutboundMessage['recipient'] };
  thread: OutboundMessage['thread'];
  content: { text: string; choices?: OutboundMessage['choices'] };
  /** Who the ticket shows as its author; default `automation`. */
  author?: string;
  /** The addresses it goes to, stored on the message: whoever answers from one of them answers in this ticket. */
  recipients?: { to: string[] };
  now: Date;
}

/**
 * An automatic message as a reply: the outbound message row (`queued`, flagged automatic so
 * it never stops the first-response clock) and its outbox record for the channel's adapter,
 * in the caller's transaction — stored and sent, or neither. Returns the message id.
 */
export async function queueAutomaticMessage(client: PoolClient, m: AutomaticMessage): Promise<string> {
  const { ticket, way, thread, now } = m;
  const { text, choices } = m.content;
  const id = randomUUID();
  await client.query(
    named(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, sent_at, received_at, subject, text,
                           author, flags, recipients, delivery_status)
     VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $6, $7, $8, $9, '{"automatic": true}', $10, 'queued')`,
      [
        id,
        ticket.id,
        ticket.customer_id,
        way.channel,
        way.account,
        now,
        thread.subject ?? null,
        text,
        m.author ?? 'automation',
        m.recipients ? JSON.stringify(m.recipients) : null,
      ],
    ),
  );
  await client.query(
    named('UPDATE tickets SET message_count = message_count + 1, last_message_at = $2 WHERE id = $1', [
      ticket.id,
      now,
    ]),
  );
  const outbound = OutboundMessage.parse({
    version: 1,
    id,
    ticketId: ticket.id,
    ticketNumber: Number(ticket.number),
    channel: way.channel,
    account: way.account,
    recipient: way.recipient,
    content: { text, attachments: [] },
    choices,
    thread,
    automatic: true,
    createdAt: now.toISOString(),
  });
  await client.query(
    named('INSERT INTO outbox (topic, key, payload) VALUES ($1, $2, $3)', [
      outboundTopic(way.channel),
      ticket.id,
      JSON.stringify(outbound),
    ]),
  );
  return id;
}
