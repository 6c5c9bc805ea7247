import { createHash } from 'node:crypto';
import { customerAndMergedIds } from '@omni/customers';
import type { Pool, PoolClient } from '@omni/db';
import { badRequest, decodeCursor, page } from '@omni/service-kit';
import type { MessageJson, TicketJson } from './schemas';
import { ticketSearchCondition } from './ticket.search';

/** A timestamp as JavaScript's `toISOString()` writes it, formatted by PostgreSQL. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The API's JSON built by PostgreSQL: one json value per row is parsed natively, where
 * column-by-column type parsing (dates, arrays) was the largest cost of a list request.
 */
const TICKET_COLUMNS = `json_build_object(
    'id', t.id, 'number', t.number, 'status', t.status, 'subject', t.subject, 'topic', t.topic, 'customerId', t.customer_id,
    'channels', t.channels,
    'priority', t.priority, 'assignee', t.assignee, 'group', t."group", 'tags', t.tags,
    'createdAt', ${iso('t.created_at')}, 'updatedAt', ${iso('t.updated_at')}, 'lastMessageAt', ${iso('t.last_message_at')},
    'firstResponseAt', ${iso('t.first_response_at')}, 'messageCount', t.message_count, 'mergedIntoTicketId', t.merged_into,
    'routingRule', t.routing_rule, 'firstResponseDueAt', ${iso('t.first_response_due_at')},
    'resolutionDueAt', ${iso('t.resolution_due_at')}, 'firstResponseBreached', t.first_response_breached,
    'resolutionBreached', t.resolution_breached, 'csat', t.csat
  ) AS json, t.id, t.created_at::text AS created_key, t.updated_at::text AS updated_key`;

interface TicketRow {
  json: TicketJson;
  id: string;
  /** Full-precision sort keys for cursors (JavaScript dates stop at milliseconds). */
  created_key: string;
  updated_key: string;
}

/**
 * A named (server-side prepared) statement: the read paths run the same few query shapes
 * all day, so each connection plans each shape once instead of on every request.
 */
export function prepared(text: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  return { name: `t${createHash('sha1').update(text).digest('hex').slice(0, 20)}`, text, values };
}

const ticketJson = (r: TicketRow): TicketJson => r.json;

export interface TicketFilter {
  limit: number;
  cursor?: string;
  status?: string[];
  number?: number;
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
  if (f.number !== undefined) where.push(`t.number = ${arg(f.number)}`);
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
  if (f.channel) where.push(`${arg(f.channel)} = ANY(t.channels)`);
  if (f.assignee) where.push(`t.assignee = ${arg(f.assignee)}`);
  if (f.group) where.push(`t."group" = ${arg(f.group)}`);
  if (f.topic) where.push(`t.topic = ${arg(f.topic)}`);
  if (f.q) where.push(await ticketSearchCondition(pool, f.q, likePattern(f.q), arg));
  const bySync = f.updatedSince !== undefined;
  if (f.updatedSince) where.push(`t.updated_at >= ${arg(f.updatedSince)}::timestamptz`);
  if (f.cursor) {
    const [mode, key, id] = decodeCursor(f.cursor, ['text', 'timestamp', 'uuid']);
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
  json: MessageJson;
  id: string;
  order_key: string[];
}

const messageJson = (r: MessageRow): MessageJson => r.json;

const MESSAGE_COLUMNS = `json_build_object(
    'id', m.id, 'ticketId', m.ticket_id, 'customerId', m.customer_id, 'direction', m.direction, 'channel', m.channel,
    'account', m.account, 'externalId', m.external_id, 'sentAt', ${iso('m.sent_at')}, 'receivedAt', ${iso('m.received_at')},
    'text', m.text, 'html', m.html, 'subject', m.subject,
    'sender', json_build_object('displayName', m.sender->>'displayName',
      'identity', CASE WHEN m.sender ? 'externalId' THEN m.channel || ':' || (m.sender->>'externalId') END),
    'author', m.author,
    'attachments', COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name, 'mimeType', a.mime_type, 'size', a.size,
        'sha256', a.sha256, 'url', CASE WHEN a.blob_id IS NOT NULL THEN '/v1/attachments/' || a.id END, 'skipped', a.skipped)
        ORDER BY a.position) FROM attachments a WHERE a.message_id = m.id), '[]'),
    'deliveryStatus', m.delivery_status,
    'deliveryError', CASE WHEN m.delivery_error IS NOT NULL
      THEN json_build_object('code', m.delivery_error->>'code', 'message', m.delivery_error->>'message') END,
    'editedAt', ${iso('m.edited_at')}
  ) AS json, m.id, ARRAY[m.sent_at::text, m.received_at::text] AS order_key`;

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
    const [sentAt, receivedAt, id] = decodeCursor(cursor, ['timestamp', 'timestamp', 'uuid']);
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
  listMessagesWhere(pool, `m.customer_id = ANY(${customerAndMergedIds('$1')})`, customerId, limit, cursor);

export async function getMessage(db: Pool | PoolClient, id: string): Promise<MessageJson | undefined> {
  const { rows } = await db.query<MessageRow>(`SELECT ${MESSAGE_COLUMNS} FROM messages m WHERE m.id = $1`, [
    id,
  ]);
  return rows[0] ? messageJson(rows[0]) : undefined;
}

/**
 * Everything of a customer (and of the customers merged into it) for an access request:
 * every ticket, and every message of those tickets or written by them, in conversation order.
 */
export async function customerRecords(
  db: Pool | PoolClient,
  customerId: string,
): Promise<{ customerIds: string[]; tickets: TicketJson[]; messages: MessageJson[] }> {
  const { rows: ids } = await db.query<{ id: string }>(`SELECT unnest(${customerAndMergedIds('$1')}) AS id`, [
    customerId,
  ]);
  const customerIds = ids.map((r) => r.id);
  const { rows: tickets } = await db.query<TicketRow>(
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.customer_id = ANY($1::uuid[]) ORDER BY t.created_at, t.id`,
    [customerIds],
  );
  const { rows: messages } = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m
      WHERE m.ticket_id = ANY($2::uuid[]) OR m.customer_id = ANY($1::uuid[])
      ORDER BY m.sent_at, m.received_at, m.id`,
    [customerIds, tickets.map((t) => t.id)],
  );
  return { customerIds, tickets: tickets.map(ticketJson), messages: messages.map(messageJson) };
}
