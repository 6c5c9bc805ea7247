import { randomUUID } from 'node:crypto';
import { type AttachmentRef, type Channel, OutboundMessage, outboundTopic } from '@omni/contracts';
import {
  chooseReplyRoute,
  customerAndMergedIds,
  eventsInsert,
  judgeReplyWindow,
  type ReplyChannelSettings,
  replyChannelSettings,
  ticketConversationLink,
} from '@omni/customers';
import { type BlobStore, named, type PoolClient } from '@omni/db';
import { escapeHtml, HttpProblem, problem } from '@omni/service-kit';
import type { MessageJson } from './schemas';
import { lockTicket } from './ticket.commands';
import { getMessage, writtenMessage, writtenMessageJson } from './ticket.queries';

export interface ReplyInput {
  text: string;
  html?: string;
  channel?: Channel;
  author?: string;
  attachments?: Array<{ name: string; mimeType: string; contentBase64: string }>;
}

interface RecipientRow {
  channel: Channel;
  account: string;
  external_id: string | null;
  sender: { externalId?: string; email?: string; locale?: string };
  chat_id: string | null;
}

interface EmailThreadRow {
  email_message_id: string;
  references: string[] | null;
  subject: string | null;
}

/**
 * A reply: the outbound message row (`queued`) and its outbox record for
 * `omni.outbound.<channel>.v1`, in the caller's transaction, so the reply is stored and
 * sent, or neither. It leaves through the channel of the customer's last inbound message
 * (this ticket's first), to that message's sender and account — except a web form, which
 * cannot carry replies: those leave by email (`chooseReplyRoute`, the rule automatic
 * acknowledgements follow too), or are refused with 409 when there is no way to email.
 */
export async function createReply(
  client: PoolClient,
  blobs: BlobStore,
  ticketId: string,
  input: ReplyInput,
  channels: ReplyChannelSettings = replyChannelSettings({}),
): Promise<MessageJson> {
  const ticket = await lockTicket(client, ticketId);
  if (ticket.merged_into) {
    throw new HttpProblem(
      409,
      'ticket-merged',
      'Conflict',
      `ticket ${ticketId} was merged into ${ticket.merged_into}; reply there`,
    );
  }
  // Sent unnamed on purpose: as a named statement PostgreSQL's generic plan for `ANY(array || $n)`
  // ran 2.5–50× slower than the plan made for the values (e2e, pg_stat_statements).
  const { rows } = await client.query<RecipientRow>(
    `SELECT m.channel, m.account, m.external_id, m.sender, m.extra->>'chatId' AS chat_id
       FROM messages m
      WHERE m.direction = 'inbound' AND ($3::text IS NULL OR m.channel = $3)
        AND m.customer_id = ANY(${customerAndMergedIds('$2')})
      ORDER BY (m.ticket_id = $1) DESC, m.sent_at DESC, m.received_at DESC LIMIT 1`,
    [ticketId, ticket.customer_id, input.channel ?? null],
  );
  const last = rows[0];
  const recipientId = last?.sender.externalId;
  if (!last || !recipientId) {
    throw new HttpProblem(
      409,
      'no-recipient',
      'No recipient',
      input.channel
        ? `the customer has not written on ${input.channel}, so there is no address to reply to`
        : 'the customer has no inbound message to reply to',
    );
  }
  const route = await chooseReplyRoute(
    client,
    {
      channel: last.channel,
      account: last.account,
      customerId: ticket.customer_id,
      sender: last.sender,
      chatId: last.chat_id,
    },
    channels,
  );
  if ('refused' in route) throw new HttpProblem(409, 'no-reply-channel', 'No way to reply', route.refused);
  const now = new Date();
  // Enforced here, where the reply is accepted: a reply the platform would refuse is never queued.
  const window = await judgeReplyWindow(client, channels.windows, {
    channel: route.channel,
    account: route.account,
    customerId: ticket.customer_id,
    recipientExternalId: route.recipient.externalId,
    now,
  });
  if (!window.open) throw problem('reply-window-closed', window.detail);
  const thread: OutboundMessage['thread'] = {};
  if (route.channel === 'email') {
    const email = await client.query<EmailThreadRow>(
      `SELECT email_message_id, "references", subject FROM messages
        WHERE ticket_id = $1 AND channel = 'email' AND direction = 'inbound' AND email_message_id IS NOT NULL
        ORDER BY sent_at DESC, received_at DESC LIMIT 1`,
      [ticketId],
    );
    const e = email.rows[0];
    thread.subject = e?.subject ?? ticket.subject ?? undefined;
    if (e) {
      thread.inReplyTo = e.email_message_id;
      thread.references = [...(e.references ?? []), e.email_message_id].slice(-100);
    }
  } else if (last.external_id && !route.rerouted) {
    thread.replyToExternalId = last.external_id;
  }

  const id = randomUUID();
  const attachments: AttachmentRef[] = [];
  for (const a of input.attachments ?? []) {
    const stored = await blobs.put(Buffer.from(a.contentBase64, 'base64'));
    attachments.push({
      blobId: stored.id,
      name: a.name,
      mimeType: a.mimeType,
      size: stored.size,
      sha256: stored.sha256,
    });
  }
  // The email to a web-form customer carries a link to continue in the live chat; only the
  // email does: the link is a credential, so it stays out of the stored message.
  const linkTarget = route.rerouted ? channels.conversationLinks[last.channel]?.[last.account] : undefined;
  const content = { text: input.text, html: input.html, attachments };
  if (linkTarget && route.recipient.email) {
    const url = await ticketConversationLink(
      client,
      linkTarget,
      { id: ticketId, number: ticket.number },
      route.recipient.email,
      now,
    );
    const invite = last.sender.locale?.toLowerCase().startsWith('ru')
      ? 'Продолжить разговор в чате'
      : 'Continue the conversation in the chat';
    content.text = `${input.text}\n\n${invite}: ${url}\n`;
    if (input.html) content.html = `${input.html}\n<p><a href="${escapeHtml(url)}">${invite}</a></p>`;
  }
  const outbound = OutboundMessage.parse({
    version: 1,
    id,
    ticketId,
    ticketNumber: ticket.number,
    channel: route.channel,
    account: route.account,
    recipient: route.recipient,
    content,
    thread,
    outsideWindow: window.outsideWindow || undefined,
    createdAt: now.toISOString(),
  });
  // The message, the ticket's counters, the outbox record and the event, and the answer's JSON:
  // one statement, one round trip (they were five). Its attachments follow: their foreign key
  // names the message.
  const recorded = eventsInsert(
    [
      {
        type: 'message.created',
        key: ticketId,
        data: { ticketId, messageId: id, direction: 'outbound', channel: route.channel },
      },
    ],
    new Date(),
    '$13',
  );
  const written = await client.query(
    named(
      `WITH message AS (
         INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, sent_at, received_at, subject, text, html,
                               author, delivery_status)
         VALUES ($1, $2, $3, 'outbound', $4, $5, $6, $6, $7, $8, $9, $10, 'queued') RETURNING *),
       counted AS (
         UPDATE tickets SET message_count = message_count + 1, last_message_at = $6, first_response_at = COALESCE(first_response_at, $6),
                updated_at = now() WHERE id = $2),
       queued AS (INSERT INTO outbox (topic, key, payload) VALUES ($11, $2, $12)),
       recorded AS (${recorded.sql})
       ${writtenMessageJson('message')}`,
      [
        id,
        ticketId,
        ticket.customer_id,
        route.channel,
        route.account,
        now,
        thread.subject ?? null,
        input.text,
        input.html ?? null,
        input.author ?? null,
        outboundTopic(route.channel),
        JSON.stringify(outbound),
        recorded.value,
      ],
    ),
  );
  if (attachments.length === 0) return writtenMessage(written.rows);
  await client.query(
    named(
      `INSERT INTO attachments (id, message_id, position, blob_id, name, mime_type, size, sha256)
       SELECT gen_random_uuid(), $1, ord - 1, (a->>'blobId')::uuid, a->>'name', a->>'mimeType', (a->>'size')::bigint, a->>'sha256'
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(a, ord)`,
      [id, JSON.stringify(attachments)],
    ),
  );
  return (await getMessage(client, id)) as MessageJson;
}
