import { createHash, randomUUID } from 'node:crypto';
import { TOPICS } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import { recordEvents } from './record-events';

/**
 * What may stay in an event's `data` (change feed, outbox, webhook deliveries) once the
 * person it is about is erased: ids (`…Id`, `…Ids`) and these fields, none of which names
 * the person. Everything else — a full resource (`ticket`, `message`, `customer`),
 * `changes` (a subject), a delivery `error` (a platform's text) — is removed.
 */
const EVENT_FIELDS_KEPT = [
  'number',
  'direction',
  'channel',
  'status',
  'reopened',
  'automatic',
  'deliveryStatus',
  'edited',
  'change',
  'kind',
  'reason',
  'moved',
  'clock',
  'dueAt',
  'priority',
  'group',
];

/** SQL: `json` (a jsonb object expression) with only the fields of EVENT_FIELDS_KEPT and ids. */
const scrubbed = (json: string, keep: string) =>
  `(SELECT COALESCE(jsonb_object_agg(f.key, f.value), '{}'::jsonb) FROM jsonb_each(${json}) f
     WHERE f.key ~ 'Ids?$' OR f.key = ANY(${keep}))`;

/** SQL: whether event `data` is about one of the customers ($1), tickets ($2) or messages ($3). */
const refersTo = (data: string) =>
  `(${data}->>'customerId' = ANY($1) OR ${data}->>'mergedCustomerId' = ANY($1) OR ${data}->>'otherCustomerId' = ANY($1)
    OR ${data}->>'ticketId' = ANY($2) OR ${data}->>'messageId' = ANY($3))`;

/** The tombstone of an erased identity: SHA-256 of `kind:value` (normalized), never the value. */
export function identityHash(kind: string, value: string): string {
  return createHash('sha256').update(`${kind}:${value}`, 'utf8').digest('hex');
}

/** Of these identities, the erased ones: identity hash → when it was erased. */
export async function erasedIdentities(
  client: PoolClient,
  identities: ReadonlyArray<{ kind: string; value: string }>,
): Promise<Map<string, Date>> {
  if (identities.length === 0) return new Map();
  const hashes = [...new Set(identities.map((i) => identityHash(i.kind, i.value)))];
  const { rows } = await client.query<{ identity_hash: string; erased_at: Date }>(
    'SELECT identity_hash, erased_at FROM erasure_tombstones WHERE identity_hash = ANY($1::text[])',
    [hashes],
  );
  return new Map(rows.map((r) => [r.identity_hash, r.erased_at]));
}

/** How much an erasure or a retention pass removed. */
export interface ErasureCounts {
  customers: number;
  identities: number;
  tickets: number;
  messages: number;
  attachments: number;
  /** Blobs (files, raw mail) no longer referenced, to be deleted from the blob store. */
  blobs: number;
  events: number;
  webhookDeliveries: number;
  outbox: number;
}

export interface ErasureResult {
  /** The customer erased (a merged-away id resolves to the customer it was merged into). */
  customerId: string;
  /** It and every customer merged into it. */
  customerIds: string[];
  ticketIds: string[];
  /** False when the customer had been erased before: nothing changed this time. */
  erased: boolean;
  counts: ErasureCounts;
  /** Blobs that only the erased messages referenced: delete them from the blob store after commit. */
  orphanBlobIds: string[];
}

/**
 * Erases a person in the caller's transaction (GDPR art. 17, 152-FZ art. 21): the customer
 * and every customer merged into it keep their rows as anonymous shells, their tickets and
 * messages keep counts, directions and timestamps (statistics stay right) and lose every
 * text, address, name, file and raw mail; events, outbox records, webhook deliveries and
 * stored idempotent responses about them keep only ids; identities leave a hashed tombstone
 * so a replayed old record cannot bring the person back. A `customer.erased` event (ids
 * only) and an audit record (ids and counts) are written with it. Undefined when there is
 * no such customer; `erased: false` when it was erased before (nothing is done twice).
 */
export async function eraseCustomer(
  client: PoolClient,
  input: { customerId: string; apiKeyId?: string; now: Date },
): Promise<ErasureResult | undefined> {
  const { rows: roots } = await client.query<{ id: string; erased_at: Date | null }>(
    `WITH RECURSIVE chain AS (
       SELECT id, merged_into, 0 AS depth FROM customers WHERE id = $1
       UNION ALL
       SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 20
     )
     SELECT c.id, c.erased_at FROM customers c WHERE c.id = (SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1)
     FOR NO KEY UPDATE`,
    [input.customerId],
  );
  const root = roots[0];
  if (!root) return undefined;
  const { rows: family } = await client.query<{ id: string }>(
    `WITH RECURSIVE family AS (
       SELECT id FROM customers WHERE id = $1
       UNION SELECT c.id FROM customers c JOIN family f ON c.merged_into = f.id
     )
     SELECT c.id FROM customers c JOIN family USING (id) ORDER BY c.id FOR NO KEY UPDATE OF c`,
    [root.id],
  );
  const customerIds = family.map((r) => r.id);
  const { rows: tickets } = await client.query<{ id: string }>(
    'SELECT id FROM tickets WHERE customer_id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE',
    [customerIds],
  );
  const ticketIds = tickets.map((t) => t.id);
  const zero: ErasureCounts = {
    customers: 0,
    identities: 0,
    tickets: 0,
    messages: 0,
    attachments: 0,
    blobs: 0,
    events: 0,
    webhookDeliveries: 0,
    outbox: 0,
  };
  if (root.erased_at) {
    return { customerId: root.id, customerIds, ticketIds, erased: false, counts: zero, orphanBlobIds: [] };
  }

  const { rows: tombstoned } = await client.query(
    `INSERT INTO erasure_tombstones (identity_hash, erased_at)
     SELECT DISTINCT encode(sha256(convert_to(kind || ':' || value, 'UTF8')), 'hex'), $2::timestamptz
       FROM identities WHERE customer_id = ANY($1::uuid[])
     ON CONFLICT (identity_hash) DO UPDATE SET erased_at = GREATEST(erasure_tombstones.erased_at, EXCLUDED.erased_at)
     RETURNING identity_hash`,
    [customerIds, input.now],
  );
  const { rows: messages } = await client.query<{ id: string }>(
    `SELECT id FROM messages WHERE ticket_id = ANY($1::uuid[])
     UNION SELECT id FROM messages WHERE customer_id = ANY($2::uuid[])`,
    [ticketIds, customerIds],
  );
  const messageIds = messages.map((m) => m.id);
  const content = await eraseMessageContent(client, messageIds, input.now);
  const ticketCount = await eraseTicketContent(client, ticketIds, input.now);
  await client.query(
    'DELETE FROM identity_conflicts WHERE owner_customer_id = ANY($1::uuid[]) OR claimant_customer_id = ANY($1::uuid[])',
    [customerIds],
  );
  // The live chat keeps its own copy of each visitor's conversation and pre-chat profile
  // (identity value `<account>:<visitor>`): the transcript goes, the profile is emptied and
  // the visitor's tokens are revoked (a new version), so nothing of it can be read back.
  await client.query(
    `WITH visitors AS (
       SELECT split_part(value, ':', 1) AS account, substr(value, strpos(value, ':') + 1) AS visitor
         FROM identities WHERE customer_id = ANY($1::uuid[]) AND kind = 'livechat'
     ), gone AS (
       DELETE FROM livechat_entries e USING visitors v WHERE e.account = v.account AND e.visitor = v.visitor
     )
     UPDATE livechat_visitors lv SET profile = '{}', token_version = lv.token_version + 1, updated_at = $2
       FROM visitors v WHERE lv.account = v.account AND lv.visitor = v.visitor`,
    [customerIds, input.now],
  );
  // A ticket's visitors (the conversation link in a web-form reply email, `t-<ticket>-…`) may
  // never have written, so no identity names them: they are found by their tickets.
  await client.query(
    `WITH visitors AS (
       SELECT account, visitor FROM livechat_visitors
        WHERE visitor LIKE ANY (ARRAY(SELECT 't-' || t::text || '-%' FROM unnest($1::uuid[]) AS t))
     ), gone AS (
       DELETE FROM livechat_entries e USING visitors v WHERE e.account = v.account AND e.visitor = v.visitor
     )
     UPDATE livechat_visitors lv SET profile = '{}', token_version = lv.token_version + 1, updated_at = $2
       FROM visitors v WHERE lv.account = v.account AND lv.visitor = v.visitor`,
    [ticketIds, input.now],
  );
  const { rowCount: identityCount } = await client.query(
    'DELETE FROM identities WHERE customer_id = ANY($1::uuid[])',
    [customerIds],
  );
  const { rowCount: customerCount } = await client.query(
    'UPDATE customers SET display_name = NULL, erased_at = $2, updated_at = $2 WHERE id = ANY($1::uuid[])',
    [customerIds, input.now],
  );
  // An automatic merge recorded the identities that met; only the message id stays.
  await client.query(
    `UPDATE customer_merges SET trigger = jsonb_strip_nulls(jsonb_build_object('messageId', trigger->'messageId'))
      WHERE (survivor_id = ANY($1::uuid[]) OR merged_id = ANY($1::uuid[])) AND trigger IS NOT NULL`,
    [customerIds],
  );
  // A stored idempotent response (a reply, a merge) repeats what it answered.
  await client.query(
    `DELETE FROM idempotency_keys k
      WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS x(id) WHERE strpos(k.response_body::text, x.id) > 0)`,
    [[...customerIds, ...ticketIds]],
  );
  const trail = await scrubEventTrail(client, customerIds, ticketIds, messageIds);
  const counts: ErasureCounts = {
    customers: customerCount ?? 0,
    identities: identityCount ?? 0,
    tickets: ticketCount,
    messages: content.messages,
    attachments: content.attachments,
    blobs: content.orphanBlobIds.length,
    ...trail,
  };
  await recordEvents(
    client,
    [
      {
        type: 'customer.erased',
        key: root.id,
        data: { customerId: root.id, customerIds, ticketIds },
      },
    ],
    input.now,
  );
  await recordPrivacyAudit(client, {
    action: 'erase',
    customerId: root.id,
    apiKeyId: input.apiKeyId,
    counts: { ...counts, tombstones: tombstoned.length },
    at: input.now,
  });
  return {
    customerId: root.id,
    customerIds,
    ticketIds,
    erased: true,
    counts,
    orphanBlobIds: content.orphanBlobIds,
  };
}

/**
 * Makes tickets anonymous shells: no subject; a satisfaction answer keeps its score, scale,
 * channel and time (the statistics stay right) but loses the person's comment — the key
 * stays, null, as the API's rating has it (a missing key failed the ticket listing) — and
 * the survey forgets where it went (an address or chat id). Returns the tickets changed.
 */
export async function eraseTicketContent(
  client: PoolClient,
  ticketIds: string[],
  now: Date,
): Promise<number> {
  if (ticketIds.length === 0) return 0;
  const { rowCount } = await client.query(
    `UPDATE tickets SET subject = NULL, csat = csat || '{"comment": null}'::jsonb, erased_at = $2, updated_at = $2
      WHERE id = ANY($1::uuid[])`,
    [ticketIds, now],
  );
  await client.query('UPDATE csat_surveys SET recipient = NULL WHERE ticket_id = ANY($1::uuid[])', [
    ticketIds,
  ]);
  return rowCount ?? 0;
}

/**
 * Empties messages: texts, html, subjects, addresses, sender, email headers, platform
 * extras, edit history, attachments (rows and files) and raw mail. Direction, channel,
 * timestamps, delivery status and flags stay (they count in the statistics). Returns the
 * blobs nothing else refers to any more.
 */
export async function eraseMessageContent(
  client: PoolClient,
  messageIds: string[],
  now: Date,
): Promise<{ messages: number; attachments: number; orphanBlobIds: string[] }> {
  if (messageIds.length === 0) return { messages: 0, attachments: 0, orphanBlobIds: [] };
  const candidates = await blobsOf(client, messageIds);
  const { rowCount: attachmentCount } = await client.query(
    'DELETE FROM attachments WHERE message_id = ANY($1::uuid[])',
    [messageIds],
  );
  const { rowCount: messageCount } = await client.query(
    `UPDATE messages SET text = '', html = NULL, full_text = NULL, subject = NULL, external_id = NULL,
            email_message_id = NULL, in_reply_to = NULL, "references" = NULL, recipients = NULL, sender = '{}',
            topic = NULL, extra = '{}', delivery_error = NULL, previous_versions = '[]', erased_at = $2, updated_at = $2
      WHERE id = ANY($1::uuid[])`,
    [messageIds, now],
  );
  // The email adapter's record of what it published names the Message-ID.
  await client.query('DELETE FROM email_ingested WHERE message_id = ANY($1::uuid[])', [messageIds]);
  return {
    messages: messageCount ?? 0,
    attachments: attachmentCount ?? 0,
    orphanBlobIds: await unreferencedBlobs(client, candidates),
  };
}

/**
 * Drops the stored files and raw mail of messages, keeping their texts: an attachment
 * keeps its name, type and size, says `skipped` why its bytes are gone, and has no
 * download link any more. Returns the blobs nothing else refers to any more.
 */
export async function dropMessageFiles(
  client: PoolClient,
  messageIds: string[],
  reason: string,
): Promise<{ attachments: number; rawMails: number; orphanBlobIds: string[] }> {
  if (messageIds.length === 0) return { attachments: 0, rawMails: 0, orphanBlobIds: [] };
  const candidates = await blobsOf(client, messageIds);
  const { rowCount: attachments } = await client.query(
    `UPDATE attachments SET blob_id = NULL, skipped = $2
      WHERE message_id = ANY($1::uuid[]) AND blob_id IS NOT NULL`,
    [messageIds, reason],
  );
  const { rowCount: rawMails } = await client.query(
    `UPDATE messages SET extra = extra - 'rawRef' WHERE id = ANY($1::uuid[]) AND extra ? 'rawRef'`,
    [messageIds],
  );
  return {
    attachments: attachments ?? 0,
    rawMails: rawMails ?? 0,
    orphanBlobIds: await unreferencedBlobs(client, candidates),
  };
}

/** The blobs (attachments' files, raw mail) these messages refer to. */
async function blobsOf(client: PoolClient, messageIds: string[]): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT blob_id AS id FROM attachments WHERE message_id = ANY($1::uuid[]) AND blob_id IS NOT NULL
     UNION SELECT (extra->>'rawRef')::uuid FROM messages
      WHERE id = ANY($1::uuid[]) AND extra->>'rawRef' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`,
    [messageIds],
  );
  return rows.map((r) => r.id);
}

/** Of these blobs, those no attachment and no message's raw mail refers to. */
export async function unreferencedBlobs(client: PoolClient, blobIds: string[]): Promise<string[]> {
  if (blobIds.length === 0) return [];
  const { rows } = await client.query<{ id: string }>(
    `SELECT b.id FROM unnest($1::uuid[]) AS b(id)
      WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.blob_id = b.id)
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.extra ? 'rawRef' AND m.extra->>'rawRef' = b.id::text)`,
    [[...new Set(blobIds)]],
  );
  return rows.map((r) => r.id);
}

/**
 * Events (change feed and `omni.events.v1` outbox records) and webhook deliveries about
 * these customers, tickets or messages keep only ids; replies still waiting in the outbox
 * for these tickets are dropped (the person is gone: nothing is sent to them any more).
 */
export async function scrubEventTrail(
  client: PoolClient,
  customerIds: string[],
  ticketIds: string[],
  messageIds: string[],
): Promise<Pick<ErasureCounts, 'events' | 'webhookDeliveries' | 'outbox'>> {
  const args = [customerIds, ticketIds, messageIds, EVENT_FIELDS_KEPT];
  const { rowCount: events } = await client.query(
    `UPDATE events SET data = ${scrubbed('data', '$4')}
      WHERE ${refersTo('data')} AND data IS DISTINCT FROM ${scrubbed('data', '$4')}`,
    args,
  );
  const { rowCount: deliveries } = await client.query(
    `UPDATE webhook_deliveries SET payload = jsonb_set(payload, '{data}', ${scrubbed("payload->'data'", '$4')})
      WHERE ${refersTo("payload->'data'")} AND payload->'data' IS DISTINCT FROM ${scrubbed("payload->'data'", '$4')}`,
    args,
  );
  const { rowCount: outboxEvents } = await client.query(
    `UPDATE outbox SET payload = jsonb_set(payload, '{data}', ${scrubbed("payload->'data'", '$4')})
      WHERE topic = $5 AND ${refersTo("payload->'data'")} AND payload->'data' IS DISTINCT FROM ${scrubbed("payload->'data'", '$4')}`,
    [...args, TOPICS.events],
  );
  const { rowCount: outboxOther } = await client.query(
    'DELETE FROM outbox WHERE topic <> $2 AND key = ANY($1::text[])',
    [ticketIds, TOPICS.events],
  );
  return {
    events: events ?? 0,
    webhookDeliveries: deliveries ?? 0,
    outbox: (outboxEvents ?? 0) + (outboxOther ?? 0),
  };
}

/** An audit record: ids and counts, never personal data. */
export async function recordPrivacyAudit(
  client: PoolClient,
  a: {
    action: 'erase' | 'export' | 'retention';
    customerId?: string;
    apiKeyId?: string;
    counts: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await client.query(
    'INSERT INTO privacy_audit (id, action, customer_id, api_key_id, counts, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [randomUUID(), a.action, a.customerId ?? null, a.apiKeyId ?? null, JSON.stringify(a.counts), a.at],
  );
}
