import { named, type Pool, type PoolClient } from '@omni/db';
import { decodeCursor, page } from '@omni/service-kit';
import type { CustomerJson } from './schemas';
import { customerSearchCondition } from './search';
import { likePattern } from './ticket.queries';

interface CustomerRow {
  id: string;
  display_name: string | null;
  created_at: Date;
  updated_at: Date;
  identities: CustomerJson['identities'];
  ticket_count: number;
  created_key: string;
}

const CUSTOMER_COLUMNS = `c.id, c.display_name, c.created_at, c.updated_at, c.created_at::text AS created_key,
  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'kind', i.kind, 'value', i.value, 'verified', i.verified)
              ORDER BY i.created_at, i.id) FROM identities i WHERE i.customer_id = c.id), '[]') AS identities,
  (SELECT count(*)::int FROM tickets t WHERE t.customer_id = c.id) AS ticket_count`;

const customerJson = (r: CustomerRow): CustomerJson => ({
  id: r.id,
  displayName: r.display_name,
  identities: r.identities,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  ticketCount: r.ticket_count,
});

/**
 * The customer an id stands for, by its placeholder: itself, or (a merged-away id) the one
 * it was merged into, followed along the chain; never an erased one.
 */
const survivorOf = (param: `$${number}`) => `(WITH RECURSIVE chain AS (
       SELECT id, merged_into, 0 AS depth FROM customers WHERE id = ${param}
       UNION ALL
       SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 20
     )
     SELECT c.id FROM customers c WHERE c.id = (SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1) AND c.erased_at IS NULL)`;

/** A customer by id; a merged-away id answers with the customer it was merged into. An erased customer is not found. */
export async function getCustomer(db: Pool | PoolClient, id: string): Promise<CustomerJson | undefined> {
  const { rows } = await db.query<CustomerRow>(
    named(`SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = ${survivorOf('$1')}`, [id]),
  );
  return rows[0] ? customerJson(rows[0]) : undefined;
}

/**
 * The id of the customer `getCustomer` would answer with, or undefined: for routes that need
 * only which customer it is (a timeline), not its identities and ticket count.
 */
export async function customerIdOf(db: Pool | PoolClient, id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(named(`SELECT ${survivorOf('$1')} AS id`, [id]));
  return rows[0]?.id ?? undefined;
}

export interface CustomerFilter {
  limit: number;
  cursor?: string;
  q?: string;
  /** Already normalized. */
  identities?: Array<{ kind: string; value: string }>;
}

/** Customers (never merged-away or erased ones), newest first. */
export async function listCustomers(pool: Pool, f: CustomerFilter) {
  const where = ['c.merged_into IS NULL', 'c.erased_at IS NULL'];
  const args: unknown[] = [];
  const arg = (v: unknown) => `$${args.push(v)}`;
  for (const i of f.identities ?? []) {
    where.push(
      `c.id IN (SELECT customer_id FROM identities WHERE kind = ${arg(i.kind)} AND value = ${arg(i.value)})`,
    );
  }
  if (f.q) where.push(await customerSearchCondition(pool, likePattern(f.q), arg));
  if (f.cursor) {
    const [createdAt, id] = decodeCursor(f.cursor, ['timestamp', 'uuid']);
    where.push(`(c.created_at, c.id) < (${arg(createdAt)}::timestamptz, ${arg(id)}::uuid)`);
  }
  const { rows } = await pool.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE ${where.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT ${arg(f.limit + 1)}`,
    args,
  );
  return page(rows, f.limit, customerJson, (r) => [r.created_key, r.id]);
}
