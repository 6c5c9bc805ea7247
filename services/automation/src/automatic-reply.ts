import type { Channel, OutboundMessage } from '@omni/contracts';
import {
  chooseReplyRoute,
  queueAutomaticMessage,
  type ReplyChannelSettings,
  type ReplyRefusal,
  type ReplyRoute,
} from '@omni/customers';
import { named, type PoolClient } from '@omni/db';

/** The ticket fields an automatic reply needs. */
export interface ReplyTicket {
  id: string;
  number: string;
  customer_id: string;
  subject: string | null;
}

/** The first message of a ticket: whom automation answers, and whether it may (its flags). */
export interface FirstMessageRow {
  id: string;
  direction: string;
  channel: Channel;
  account: string;
  external_id: string | null;
  subject: string | null;
  text: string;
  sender: { externalId?: string; email?: string; locale?: string };
  topic: { id?: string } | null;
  flags: Record<string, boolean | undefined>;
  chat_id: string | null;
  email_message_id: string | null;
  references: string[] | null;
}

/**
 * The query of a ticket's first customer-visible message (notes aside) as a {@link FirstMessageRow}:
 * `ticket` is the parameter or the column (in a subquery) that holds the ticket's id.
 */
export const firstMessageQuery = (ticket: string): string =>
  `SELECT id, direction, channel, account, external_id, subject, text, sender, topic, flags,
          extra->>'chatId' AS chat_id, email_message_id, "references"
     FROM messages WHERE ticket_id = ${ticket} AND direction <> 'note'
    ORDER BY created_at, sent_at, received_at, id LIMIT 1`;

/** The ticket's first customer-visible message (notes aside). */
export async function loadFirstMessage(
  client: PoolClient,
  ticketId: string,
): Promise<FirstMessageRow | undefined> {
  const { rows } = await client.query<FirstMessageRow>(named(firstMessageQuery('$1'), [ticketId]));
  return rows[0];
}

/** The same way out as a person's reply to the first message: a web-form ticket's goes by email, or nowhere. */
export function replyRouteOf(
  client: PoolClient,
  ticket: Pick<ReplyTicket, 'customer_id'>,
  first: FirstMessageRow,
  replyChannels: ReplyChannelSettings,
): Promise<ReplyRoute | ReplyRefusal> {
  return chooseReplyRoute(
    client,
    {
      channel: first.channel,
      account: first.account,
      customerId: ticket.customer_id,
      sender: first.sender,
      chatId: first.chat_id,
    },
    replyChannels,
  );
}

/**
 * An automatic message (an acknowledgement, a satisfaction survey) as a reply
 * (`queueAutomaticMessage`) to the sender of the ticket's first message, threaded under it.
 * `choices` become the channel's native buttons.
 */
export async function writeAutomaticReply(
  client: PoolClient,
  ticket: ReplyTicket,
  first: FirstMessageRow,
  way: ReplyRoute,
  content: { text: string; choices?: OutboundMessage['choices'] },
  now: Date,
): Promise<string> {
  const { text, choices } = content;
  const thread: OutboundMessage['thread'] = {};
  if (way.channel === 'email') {
    thread.subject = first.subject ?? ticket.subject ?? undefined;
    if (first.email_message_id) {
      thread.inReplyTo = first.email_message_id;
      thread.references = [...(first.references ?? []), first.email_message_id].slice(-100);
    }
  } else if (first.external_id && !way.rerouted) {
    thread.replyToExternalId = first.external_id;
  }
  return queueAutomaticMessage(client, { ticket, way, thread, content: { text, choices }, now });
}
