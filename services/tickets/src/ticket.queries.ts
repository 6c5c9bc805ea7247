import { createHash } from 'node:crypto';
import type { Pool, PoolClient } from '@omni/db';
import { badRequest } from '@omni/service-kit';
import { decodeCursor, page } from './pagination';
import type { MessageJson, TicketJson } from './schemas';

const TICKET_COLUMNS = `t.id, t.number::int AS number, t.status, t.subject, t.topic, t.customer_id, t.priority, t.assignee,
  t."group", t.tags, t.created_at, t.updated_at, t.last_message_at, t.first_response_at, t.message_count,
  ARRAY(SELECT DISTINCT m.channel FROM messages m WHERE m.ticket_id = t.id ORDER BY 1) AS channels,
  t.merged_into, t.created_at::text AS created_key, t.updated_at::text AS updated_key`;

interface TicketRow {
  id: string;
  number: number;
  status: TicketJson['status'];
  subject: string | null;
  topic: string | null;
  customer_id: string;
  priority: string;
  assignee: string | null;
  group: string | null;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  last_message_at: Date | null;
  first_response_at: Date | null;
  message_count: number;
  channels: TicketJson['channels'];
  merged_into: string | null;
  updated_key: string;
  /** Full-precision sort key for cursors (JavaScript dates stop at milliseconds). */
  created_key: string;
}

/**
 * A named (server-side prepared) statement: the read paths run the same few query shapes
 * all day, so each connection plans each shape once instead of on every request.
 */
export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: `t${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function ticketJson(r: TicketRow): TicketJson {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    subject: r.subject,
    topic: r.topic,
    customerId: r.customer_id,
    channels: r.channels,
    priority: r.priority,
    assignee: r.assignee,
    group: r.group,
    tags: r.tags,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    lastMessageAt: iso(r.last_message_at),
    firstResponseAt: iso(r.first_response_at),
    messageCount: r.message_count,
    mergedIntoTicketId: r.merged_into,
  };
}

export interface TicketFilter {
  limit: number;
  cursor?: string;
  status?: string[];
  channel?: string;
  customerId?: string;
  assignee?: string;
  group?: string;
  topic?: string;
  updatedSince?: string;
  q?: string;
}

/** `%` and `_` in the user's text are literal characters, not LIKE wildcards. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Newest first by creation, so a page never shifts when tickets are added meanwhile. With
 * `updatedSince` (sync), oldest change first by `updated_at`: a ticket changed during the
 * walk moves behind the cursor and is seen again, never missed.
 */
export async function listTickets(pool: Pool, f: TicketFilter) {
  const where: string[] = [];
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  if (f.status?.length) where.push(`t.status = ANY(${arg(f.status)}::text[])`);
  if (f.customerId) {
    // A merged-away id means the customer it was merged into (as GET /v1/customers/{id} does).
    const c = arg(f.customerId);
    where.push(`t.customer_id IN (
      WITH RECURSIVE chain AS (
        SELECT id, merged_into, 0 AS depth FROM customers WHERE id = ${c}
        UNION ALL SELECT p.id, p.merged_into, chain.depth + 1 FROM customers p JOIN chain ON p.id = chain.merged_into WHERE chain.depth < 20)
      SELECT id FROM customers WHERE id = (SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1)
         OR merged_into = (SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1))`);
  }
  if (f.channel)
    where.push(
      `EXISTS (SELECT 1 FROM messages cm WHERE cm.ticket_id = t.id AND cm.channel = ${arg(f.channel)})`,
    );
  if (f.assignee) where.push(`t.assignee = ${arg(f.assignee)}`);
  if (f.group) where.push(`t."group" = ${arg(f.group)}`);
  if (f.topic) where.push(`t.topic = ${arg(f.topic)}`);
  if (f.q) {
    // Substring match (trigram indexes: any script, Japanese included) on subjects and
    // messages, plus stemmed word match on messages ('russian' stems Cyrillic and English
    // words). A UNION of index scans, so a selective search never reads every ticket.
    const like = arg(likePattern(f.q));
    where.push(`t.id IN (SELECT qt.id FROM tickets qt WHERE qt.subject ILIKE ${like}
      UNION SELECT qm.ticket_id FROM messages qm WHERE qm.text ILIKE ${like} OR to_tsvector('russian', qm.text) @@ plainto_tsquery('russian', ${arg(f.q)}))`);
  }
  const bySync = f.updatedSince !== undefined;
  if (f.updatedSince) where.push(`t.updated_at >= ${arg(f.updatedSince)}::timestamptz`);
  if (f.cursor) {
    const [mode, key, id] = decodeCursor(f.cursor, 3);
    if (mode !== (bySync ? 'u' : 'c'))
      throw badRequest('the cursor belongs to another query', { cursor: 'use it with the same filters' });
    where.push(
      bySync
        ? `(t.updated_at, t.id) > (${arg(key)}::timestamptz, ${arg(id)}::uuid)`
        : `(t.created_at, t.id) < (${arg(key)}::timestamptz, ${arg(id)}::uuid)`,
    );
  }
  const { rows } = await pool.query<TicketRow>(
    prepared(
      `SELECT ${TICKET_COLUMNS} FROM tickets t ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${bySync ? 't.updated_at, t.id' : 't.created_at DESC, t.id DESC'} LIMIT ${arg(f.limit + 1)}`,
      args,
    ),
  );
  return page(rows, f.limit, ticketJson, (r) =>
    bySync ? ['u', r.updated_key, r.id] : ['c', r.created_key, r.id],
  );
}

export async function getTicket(db: Pool | PoolClient, id: string): Promise<TicketJson | undefined> {
  const { rows } = await db.query<TicketRow>(
    prepared(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = $1`, [id]),
  );
  return rows[0] ? ticketJson(rows[0]) : undefined;
}

export async function getTicketByNumber(pool: Pool, number: number): Promise<TicketJson | undefined> {
  const { rows } = await pool.query<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.number = $1`,
    [number],
  );
  return rows[0] ? ticketJson(rows[0]) : undefined;
}

interface MessageRow {
  id: string;
  ticket_id: string;
  customer_id: string;
  direction: MessageJson['direction'];
  channel: MessageJson['channel'];
  account: string;
  external_id: string | null;
  sent_at: Date;
  received_at: Date;
  text: string;
  html: string | null;
  subject: string | null;
  sender: { displayName?: string; externalId?: string };
  author: string | null;
  delivery_status: MessageJson['deliveryStatus'];
  delivery_error: { code: string; message: string } | null;
  edited_at: Date | null;
  order_key: string[];
  attachments: Array<{
    id: string;
    name: string;
    mimeType: string;
    size: number;
    sha256: string | null;
    skipped: string | null;
    stored: boolean;
  }>;
}

function messageJson(r: MessageRow): MessageJson {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    customerId: r.customer_id,
    direction: r.direction,
    channel: r.channel,
    account: r.account,
    externalId: r.external_id,
    sentAt: r.sent_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    text: r.text,
    html: r.html,
    subject: r.subject,
    sender: {
      displayName: r.sender.displayName ?? null,
      identity: r.sender.externalId ? `${r.channel}:${r.sender.externalId}` : null,
    },
    author: r.author,
    attachments: r.attachments.map((a) => ({
      id: a.id,
      name: a.name,
      mimeType: a.mimeType,
      size: Number(a.size),
      sha256: a.sha256,
      url: a.stored ? `/v1/attachments/${a.id}` : null,
      skipped: a.skipped,
    })),
    deliveryStatus: r.delivery_status,
    deliveryError: r.delivery_error
      ? { code: r.delivery_error.code, message: r.delivery_error.message }
      : null,
    editedAt: iso(r.edited_at),
  };
}

const MESSAGE_COLUMNS = `m.id, m.ticket_id, m.customer_id, m.direction, m.channel, m.account, m.external_id, m.sent_at, m.received_at,
  m.text, m.html, m.subject, m.sender, m.author, m.delivery_status, m.delivery_error, m.edited_at,
  ARRAY[m.sent_at::text, m.received_at::text] AS order_key,
  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'name', a.name, 'mimeType', a.mime_type, 'size', a.size,
              'sha256', a.sha256, 'skipped', a.skipped, 'stored', a.blob_id IS NOT NULL) ORDER BY a.position)
              FROM attachments a WHERE a.message_id = m.id), '[]') AS attachments`;

/**
 * Messages in conversation order (the platform's sent time, then received time) of one
 * ticket, or of every ticket of a customer (and of the customers merged into it): the
 * customer's timeline.
 */
async function listMessagesWhere(
  pool: Pool,
  scope: string,
  scopeArg: string,
  limit: number,
  cursor?: string,
) {
  const args: unknown[] = [scopeArg, limit + 1];
  let after = '';
  if (cursor) {
    const [sentAt, receivedAt, id] = decodeCursor(cursor, 3);
    args.push(sentAt, receivedAt, id);
    after = 'AND (m.sent_at, m.received_at, m.id) > ($3::timestamptz, $4::timestamptz, $5::uuid)';
  }
  const { rows } = await pool.query<MessageRow>(
    prepared(
      `SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE ${scope} ${after}
      ORDER BY m.sent_at, m.received_at, m.id LIMIT $2`,
      args,
    ),
  );
  return page(rows, limit, messageJson, (r) => [...r.order_key, r.id]);
}

export const listMessages = (pool: Pool, ticketId: string, limit: number, cursor?: string) =>
  listMessagesWhere(pool, 'm.ticket_id = $1', ticketId, limit, cursor);

export const listTimeline = (pool: Pool, customerId: string, limit: number, cursor?: string) =>
  listMessagesWhere(
    pool,
    'm.customer_id IN (SELECT id FROM customers WHERE id = $1 OR merged_into = $1)',
    customerId,
    limit,
    cursor,
  );

export async function getMessage(db: Pool | PoolClient, id: string): Promise<MessageJson | undefined> {
  const { rows } = await db.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1`, [
    id,
  ]);
  return rows[0] ? messageJson(rows[0]) : undefined;
}
