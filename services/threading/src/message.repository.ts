import type { InboundMessage } from '@omni/contracts';
import type { PoolClient } from '@omni/db';

/** Which of these message ids are already stored (the idempotency check). */
export async function storedMessageIds(client: PoolClient, ids: string[]): Promise<Set<string>> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM messages WHERE id = ANY($1::uuid[])', [
    ids,
  ]);
  return new Set(rows.map((r) => r.id));
}

export async function insertMessage(
  client: PoolClient,
  m: InboundMessage,
  ticketId: string,
  customerId: string,
): Promise<boolean> {
  const { rowCount } = await client.query(
    `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, content_kind,
                           sent_at, received_at, subject, text, html, full_text, email_message_id, in_reply_to,
                           "references", recipients, sender, topic, flags, extra, edited_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
     ON CONFLICT DO NOTHING`,
    [
      m.id,
      ticketId,
      customerId,
      m.direction,
      m.channel,
      m.account,
      m.externalId,
      m.content.kind,
      m.sentAt,
      m.receivedAt,
      m.thread.subject ?? null,
      m.content.text,
      m.content.html ?? null,
      m.content.fullText ?? null,
      m.thread.messageId ?? null,
      m.thread.inReplyTo ?? null,
      m.thread.references ?? null,
      m.thread.recipients ? JSON.stringify(m.thread.recipients) : null,
      JSON.stringify(m.sender),
      m.topic ? JSON.stringify(m.topic) : null,
      JSON.stringify(m.flags),
      JSON.stringify({
        location: m.content.location,
        payload: m.content.payload,
        chatId: m.thread.externalChatId,
      }),
      m.flags.edited ? m.receivedAt : null,
    ],
  );
  if (rowCount === 0) return false;
  if (m.content.attachments.length > 0) {
    await client.query(
      `INSERT INTO attachments (id, message_id, position, blob_id, name, mime_type, size, sha256, content_id, skipped)
       SELECT gen_random_uuid(), $1, ord - 1, (a->>'blobId')::uuid, a->>'name', a->>'mimeType', (a->>'size')::bigint,
              a->>'sha256', a->>'contentId', a->>'skipped'
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(a, ord)`,
      [m.id, JSON.stringify(m.content.attachments)],
    );
  }
  return true;
}

/**
 * An edit of a stored message: the text is replaced and the previous version kept.
 * Redelivery of the same edit changes nothing.
 */
export async function applyEdit(client: PoolClient, m: InboundMessage): Promise<boolean> {
  const { rowCount } = await client.query(
    `UPDATE messages
        SET previous_versions = previous_versions || jsonb_build_array(jsonb_build_object(
              'text', text, 'html', html, 'editedAt', COALESCE(edited_at, sent_at))),
            text = $2, html = $3, edited_at = $4, updated_at = now()
      WHERE id = $1 AND (text IS DISTINCT FROM $2 OR html IS DISTINCT FROM $3)`,
    [m.id, m.content.text, m.content.html ?? null, m.receivedAt],
  );
  return (rowCount ?? 0) > 0;
}
