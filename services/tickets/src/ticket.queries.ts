import { customerAndMergedIds, mergedIntoIds } from '@omni/customers';
import { named, type Pool, type PoolClient } from '@omni/db';
import { badRequest, decodeCursor, page } from '@omni/service-kit';
import { JsonText } from './response-serializer';
import type { MessageJson, TicketJson } from './schemas';
import { ticketSearchCondition } from './search';

/** A timestamp as JavaScript's `toISOString()` writes it, formatted by PostgreSQL. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The API's JSON of a ticket, as text: each ticket stores it (`tickets.json`, written by a
 * trigger from the row in every INSERT and UPDATE, migration 22), so a list page is the rows'
 * stored texts joined — nothing built per row, nothing parsed and written again in Node. One
 * exception, `csat`: PostgreSQL writes jsonb with spaces, so a rated ticket's text is
 * normalized in Node.
 */
const TICKET_JSON = `t.json, t.csat IS NULL AS compact, t.id, t.created_at::text AS created_key,
  t.updated_at::text AS updated_key FROM tickets t`;

/** A row of a query whose JSON column PostgreSQL wrote (see TICKET_JSON). */
interface JsonRow {
  json: string;
  /** False when the text holds a jsonb value, which PostgreSQL writes with spaces. */
  compact: boolean;
}

interface TicketRow extends JsonRow {
  id: string;
  /** Full-precision sort keys for cursors (JavaScript dates stop at milliseconds). */
  created_key: string;
  updated_key: string;
}

/**
 * A page size as SQL text: an integer the route validated, kept out of the parameters. The
 * read paths' statements are named (`named`); with `LIMIT $n` PostgreSQL judged the generic
 * plan costlier and planned the statement again on every execution.
 */
export const limitOf = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`not a page size: ${n}`);
  return String(n);
};

/** A row's JSON text exactly as `JSON.stringify` writes the value. */
const jsonText = (r: JsonRow): string => (r.compact ? r.json : JSON.stringify(JSON.parse(r.json)));
const fromJson = <T>(r: JsonRow): T => JSON.parse(r.json) as T;

/**
 * A keyset cursor's condition, `(columns) op (values)`. In a statement PostgreSQL is to plan
 * once (`named`, no filter whose value shapes the plan) the values are read through a
 * subquery, so it plans without seeing them, as its generic plan must. Given them, it estimated
 * how many rows follow the cursor, judged each page's own plan cheaper than the generic one and
 * planned every page again: 0.06–0.09 ms a page, more than reading a page of events took. The
 * plan is the same for any cursor (the order's index, from the cursor, up to the limit). A
 * statement whose filters' values shape its plan is planned at every call anyway, and there the
 * cursor's values help.
 */
export const cursorCondition = (columns: string, op: '<' | '>', values: string, planOnce: boolean): string =>
  `(${columns}) ${op} ${planOnce ? `(SELECT ${values})` : `(${values})`}`;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** `{ data, nextCursor }` (as `page` builds it) written from rows' JSON texts. */
function jsonPage<T, Row extends JsonRow>(
  rows: Row[],
  limit: number,
  cursorOf: (r: Row) => Array<string | number>,
): JsonText<Page<T>> {
  const { data, nextCursor } = page(rows, limit, jsonText, cursorOf);
  return new JsonText(`{"data":[${data.join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`);
}

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
export async function listTickets(pool: Pool, f: TicketFilter): Promise<JsonText<Page<TicketJson>>> {
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
  // Whether a filter's best plan depends on its value (a rare status is read by its own index,
  // a common one along the creation order): those keep planning with the values each time.
  const valueDependent = Boolean(f.status || f.channel || f.assignee || f.group || f.topic || f.q);
  if (f.cursor) {
    const [mode, key, id] = decodeCursor(f.cursor, ['text', 'timestamp', 'uuid']);
    if (mode !== (bySync ? 'u' : 'c'))
      throw badRequest('the cursor belongs to another query', { cursor: 'use it with the same filters' });
    const values = `${arg(key)}::timestamptz, ${arg(id)}::uuid`;
    where.push(
      bySync
        ? cursorCondition('t.updated_at, t.id', '>', values, !valueDependent)
        : cursorCondition('t.created_at, t.id', '<', values, !valueDependent),
    );
  }
  const limit = valueDependent ? arg(f.limit + 1) : limitOf(f.limit + 1);
  const { rows } = await pool.query<TicketRow>(
    named(
      `SELECT ${TICKET_JSON} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${bySync ? 't.updated_at, t.id' : 't.created_at DESC, t.id DESC'} LIMIT ${limit}`,
      args,
    ),
  );
  return jsonPage(rows, f.limit, (r) => (bySync ? ['u', r.updated_key, r.id] : ['c', r.created_key, r.id]));
}

export async function getTicket(db: Pool | PoolClient, id: string): Promise<TicketJson | undefined> {
  const { rows } = await db.query<TicketRow>(named(`SELECT ${TICKET_JSON} WHERE t.id = $1`, [id]));
  return rows[0] ? fromJson<TicketJson>(rows[0]) : undefined;
}

export async function getTicketByNumber(pool: Pool, number: number): Promise<TicketJson | undefined> {
  const { rows } = await pool.query<TicketRow>(named(`SELECT ${TICKET_JSON} WHERE t.number = $1`, [number]));
  return rows[0] ? fromJson<TicketJson>(rows[0]) : undefined;
}

interface MessageRow extends JsonRow {
  id: string;
  sent_key: string;
  received_key: string;
}

/**
 * The API's JSON of a message, written by PostgreSQL as compact text: `row_to_json` over a
 * LATERAL subquery of the fields (the planner flattens it into the scan) writes compact JSON
 * in the field order, as `JSON.stringify` would (`json_build_object` cost twice as much and
 * writes `"key" : value`); the nested objects are rows too (`ms`, `de`, each attachment), which `row_to_json` writes as
 * objects with their column names. `source` is `messages`, or a data-modifying `WITH` that
 * wrote one (`RETURNING *`): see {@link writtenMessageJson}.
 */
const messageJson = (
  source: string,
) => `row_to_json(j)::text AS json, true AS compact, m.id, m.sent_at::text AS sent_key,
  m.received_at::text AS received_key FROM ${source} m,
  LATERAL (SELECT m.sender->>'displayName' AS "displayName",
    CASE WHEN m.sender ? 'externalId' THEN m.channel || ':' || (m.sender->>'externalId') END AS identity) ms,
  LATERAL (SELECT m.delivery_error->>'code' AS code, m.delivery_error->>'message' AS message) de,
  LATERAL (SELECT
    m.id, m.ticket_id AS "ticketId", m.customer_id AS "customerId", m.direction, m.channel, m.account,
    m.external_id AS "externalId", ${iso('m.sent_at')} AS "sentAt", ${iso('m.received_at')} AS "receivedAt",
    m.text, m.html, m.subject, ms AS sender, m.author,
    ARRAY(SELECT a FROM attachments x, LATERAL (SELECT x.id, x.name, x.mime_type AS "mimeType", x.size, x.sha256,
        CASE WHEN x.blob_id IS NOT NULL THEN '/v1/attachments/' || x.id END AS url, x.skipped) a
      WHERE x.message_id = m.id ORDER BY x.position) AS attachments,
    m.delivery_status AS "deliveryStatus", CASE WHEN m.delivery_error IS NOT NULL THEN de END AS "deliveryError",
    ${iso('m.edited_at')} AS "editedAt") j`;
const MESSAGE_JSON = messageJson('messages');

/**
 * The end of a statement that writes a message in the data-modifying `WITH` named `written`
 * (with `RETURNING *`): the message's API JSON, as {@link getMessage} reads it afterwards, without
 * the round trip. The statement cannot see rows it writes elsewhere, so only a message
 * without attachments (inserted after it, for their foreign key) is complete here.
 */
export const writtenMessageJson = (written: string): string => `SELECT ${messageJson(written)}`;

/** The message of a statement ending in {@link writtenMessageJson}. */
export const writtenMessage = (rows: JsonRow[]): MessageJson => fromJson<MessageJson>(rows[0] as JsonRow);

/**
 * Messages in conversation order (the platform's sent time, then received time) of one
 * ticket, or of every ticket of a customer (and of the customers merged into it): the
 * customer's timeline. Each of `scopes` is read as its own branch, in order from its index and
 * only as far as the page: a page of `customer_id = ANY(customer and merged ids)` sorted every
 * message of the customer (20–24 ms a page at 20,000 messages, growing with them), since no
 * index gives that order across several ids.
 */
async function listMessagesWhere(
  pool: Pool,
  scopes: [string, ...string[]],
  scopeArg: string,
  limit: number,
  cursor?: string,
): Promise<{ rows: MessageRow[]; page: JsonText<Page<MessageJson>> }> {
  const args: unknown[] = [scopeArg];
  let after = '';
  if (cursor) {
    const [sentAt, receivedAt, id] = decodeCursor(cursor, ['timestamp', 'timestamp', 'uuid']);
    args.push(sentAt, receivedAt, id);
    after = `AND ${cursorCondition('m.sent_at, m.received_at, m.id', '>', '$2::timestamptz, $3::timestamptz, $4::uuid', true)}`;
  }
  const order = `ORDER BY m.sent_at, m.received_at, m.id LIMIT ${limitOf(limit + 1)}`;
  const source =
    scopes.length === 1
      ? 'messages'
      : `(${scopes.map((scope) => `(SELECT m.* FROM messages m WHERE ${scope} ${after} ${order})`).join(' UNION ALL ')})`;
  const where = scopes.length === 1 ? `WHERE ${scopes[0]} ${after}` : '';
  const { rows } = await pool.query<MessageRow>(
    named(`SELECT ${messageJson(source)} ${where} ${order}`, args),
  );
  return { rows, page: jsonPage(rows, limit, (r) => [r.sent_key, r.received_key, r.id]) };
}

/**
 * A ticket's messages; undefined when there is no such ticket. A message names its ticket
 * (a foreign key), so only an empty page asks whether the ticket exists: one query per page.
 */
export async function listMessages(
  pool: Pool,
  ticketId: string,
  limit: number,
  cursor?: string,
): Promise<JsonText<Page<MessageJson>> | undefined> {
  const { rows, page } = await listMessagesWhere(pool, ['m.ticket_id = $1'], ticketId, limit, cursor);
  if (rows.length > 0) return page;
  const { rowCount } = await pool.query(named('SELECT 1 FROM tickets WHERE id = $1', [ticketId]));
  return rowCount ? page : undefined;
}

export const listTimeline = async (pool: Pool, customerId: string, limit: number, cursor?: string) =>
  (
    await listMessagesWhere(
      pool,
      ['m.customer_id = $1', `m.customer_id = ANY(${mergedIntoIds('$1')})`],
      customerId,
      limit,
      cursor,
    )
  ).page;

export async function getMessage(db: Pool | PoolClient, id: string): Promise<MessageJson | undefined> {
  const { rows } = await db.query<MessageRow>(named(`SELECT ${MESSAGE_JSON} WHERE m.id = $1`, [id]));
  return rows[0] ? fromJson<MessageJson>(rows[0]) : undefined;
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
    `SELECT ${TICKET_JSON} WHERE t.customer_id = ANY($1::uuid[]) ORDER BY t.created_at, t.id`,
    [customerIds],
  );
  const { rows: messages } = await db.query<MessageRow>(
    `SELECT ${MESSAGE_JSON}
      WHERE m.ticket_id = ANY($2::uuid[]) OR m.customer_id = ANY($1::uuid[])
      ORDER BY m.sent_at, m.received_at, m.id`,
    [customerIds, tickets.map((t) => t.id)],
  );
  return {
    customerIds,
    tickets: tickets.map((r) => fromJson<TicketJson>(r)),
    messages: messages.map((r) => fromJson<MessageJson>(r)),
  };
}
