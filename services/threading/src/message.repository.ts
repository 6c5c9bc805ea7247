import type { InboundMessage } from '@omni/contracts';
import { named, type PoolClient } from '@omni/db';

export const externalKey = (channel: string, account: string, externalId: string) =>
  `${channel}\u0000${account}\u0000${externalId}`;

/**
 * Messages already stored under these platform ids (the idempotency check), by
 * `externalKey`, and by id. Finds redeliveries and edits of inbound messages as well as
 * echoes of our own outbound messages: by the platform's id once a delivery report set
 * it, or by our id when the platform echoes it back (Facebook `metadata`).
 */
export async function findStored(client: PoolClient, messages: InboundMessage[]): Promise<StoredIndex> {
  const index: StoredIndex = { byKey: new Map(), byId: new Map() };
  if (messages.length === 0) return index;
  const outbound = messages.filter((m) => m.direction === 'outbound').map((m) => m.id);
  const { rows } = await client.query<{
    id: string;
    channel: string;
    account: string;
    external_id: string | null;
  }>(
    named(
      // One probe of messages_external per key: `LIMIT 1` (the index is unique) keeps the planner
      // from turning the lookup into a hash join over every stored message, which it chose while
      // the table was below ~15,000 rows (a sequential scan per batch, 5 ms of database CPU in a
      // 500-message batch, growing with the table until the plan flips).
      `SELECT m.id, m.channel, m.account, m.external_id
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k(channel, account, external_id),
            LATERAL (SELECT s.id, s.channel, s.account, s.external_id FROM messages s
                      WHERE s.channel = k.channel AND s.account = k.account AND s.external_id = k.external_id
                      LIMIT 1) m
     UNION
     -- Only for echoes of our own messages, most batches none: \`cardinality\` is tested once
     -- before the scan, which never starts for an empty array. Without it a plan made while
     -- the table was small (a young database's, kept until its first ANALYZE) read every
     -- message at every batch to find none.
     SELECT id, channel, account, external_id FROM messages WHERE cardinality($4::uuid[]) > 0 AND id = ANY($4::uuid[])`,
      [
        messages.map((m) => m.channel),
        messages.map((m) => m.account),
        messages.map((m) => m.externalId),
        outbound,
      ],
    ),
  );
  for (const r of rows) {
    index.byId.set(r.id, r.external_id);
    if (r.external_id !== null) index.byKey.set(externalKey(r.channel, r.account, r.external_id), r.id);
  }
  return index;
}

export interface StoredIndex {
  /** `externalKey` → stored message id. */
  byKey: Map<string, string>;
  /** Stored message id → its external id (null for an outbound message not yet reported sent). */
  byId: Map<string, string | null>;
}

/**
 * The platform's id learned from an echo of our message, before (or without) its delivery
 * report. The rows are locked in id order first, the order the tickets service's delivery
 * consumer locks a batch's messages in: an UPDATE … FROM unnest locks in whatever order its
 * plan joins, which deadlocked with a delivery batch about the same replies.
 */
export async function setExternalIds(
  client: PoolClient,
  ids: { id: string; externalId: string }[],
): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    named(
      `WITH locked AS (
       SELECT id FROM messages WHERE id = ANY($1::uuid[]) AND external_id IS NULL ORDER BY id FOR UPDATE)
     UPDATE messages m SET external_id = x.external_id, updated_at = now()
       FROM unnest($1::uuid[], $2::text[]) AS x(id, external_id)
      WHERE m.id = x.id AND m.id IN (SELECT id FROM locked) AND m.external_id IS NULL`,
      [ids.map((i) => i.id), ids.map((i) => i.externalId)],
    ),
  );
}

export interface MessageRow {
  message: InboundMessage;
  ticketId: string;
  customerId: string;
}

/** Stores the batch's messages in one statement; returns the ids actually inserted. */
export async function insertMessages(client: PoolClient, rows: MessageRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const records = rows.map(({ message: m, ticketId, customerId }) => ({
    id: m.id,
    ticket_id: ticketId,
    customer_id: customerId,
    direction: m.direction,
    channel: m.channel,
    account: m.account,
    external_id: m.externalId,
    content_kind: m.content.kind,
    sent_at: m.sentAt,
    received_at: m.receivedAt,
    subject: m.thread.subject ?? null,
    text: m.content.text,
    html: m.content.html ?? null,
    full_text: m.content.fullText ?? null,
    email_message_id: m.thread.messageId?.replace(/^<|>$/g, '') ?? null,
    in_reply_to: m.thread.inReplyTo ?? null,
    references: m.thread.references ?? null,
    recipients: m.thread.recipients ?? null,
    sender: m.sender,
    topic: m.topic ?? null,
    flags: m.flags,
    extra: {
      location: m.content.location,
      payload: m.content.payload,
      chatId: m.thread.externalChatId,
      rawRef: m.rawRef,
    },
    edited_at: m.flags.edited ? m.receivedAt : null,
  }));
  const { rows: inserted } = await client.query<{ id: string }>(
    named(
      `INSERT INTO messages (id, ticket_id, customer_id, direction, channel, account, external_id, content_kind,
                           sent_at, received_at, subject, text, html, full_text, email_message_id, in_reply_to,
                           "references", recipients, sender, topic, flags, extra, edited_at)
     SELECT id, ticket_id, customer_id, direction, channel, account, external_id, content_kind,
            sent_at, received_at, subject, text, html, full_text, email_message_id, in_reply_to,
            CASE WHEN jsonb_typeof("references") = 'array' THEN ARRAY(SELECT jsonb_array_elements_text("references")) END, recipients, sender, topic, flags, extra, edited_at
       FROM jsonb_to_recordset($1::jsonb) AS x(
            id uuid, ticket_id uuid, customer_id uuid, direction text, channel text, account text, external_id text,
            content_kind text, sent_at timestamptz, received_at timestamptz, subject text, text text, html text,
            full_text text, email_message_id text, in_reply_to text, "references" jsonb, recipients jsonb,
            sender jsonb, topic jsonb, flags jsonb, extra jsonb, edited_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
      [JSON.stringify(records)],
    ),
  );
  const ids = new Set(inserted.map((r) => r.id));
  const attachments = rows.flatMap(({ message: m }) =>
    ids.has(m.id) ? m.content.attachments.map((a, position) => ({ ...a, messageId: m.id, position })) : [],
  );
  if (attachments.length > 0) {
    await client.query(
      named(
        `INSERT INTO attachments (id, message_id, position, blob_id, name, mime_type, size, sha256, content_id, skipped)
       SELECT gen_random_uuid(), "messageId", position, "blobId", name, "mimeType", size, sha256, "contentId", skipped
         FROM jsonb_to_recordset($1::jsonb) AS a("messageId" uuid, position int, "blobId" uuid, name text, "mimeType" text,
              size bigint, sha256 text, "contentId" text, skipped text)`,
        [JSON.stringify(attachments)],
      ),
    );
  }
  return ids;
}

/**
 * An edit of a stored message: the text is replaced and the previous version kept.
 * Redelivery of the same edit changes nothing.
 */
export async function applyEdit(client: PoolClient, storedId: string, m: InboundMessage): Promise<boolean> {
  const { rowCount } = await client.query(
    named(
      `UPDATE messages
        SET previous_versions = previous_versions || jsonb_build_array(jsonb_build_object(
              'text', text, 'html', html, 'editedAt', COALESCE(edited_at, sent_at))),
            text = $2, html = $3, edited_at = $4, updated_at = now()
      WHERE id = $1 AND (text IS DISTINCT FROM $2 OR html IS DISTINCT FROM $3)`,
      [storedId, m.content.text, m.content.html ?? null, m.receivedAt],
    ),
  );
  return (rowCount ?? 0) > 0;
}
