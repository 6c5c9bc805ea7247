import type { Pool } from '@omni/db';
import type { CustomerJson } from './schemas';

/** A customer by id; a merged-away id answers with the customer it was merged into. */
export async function getCustomer(pool: Pool, id: string): Promise<CustomerJson | undefined> {
  const { rows } = await pool.query<{
    id: string;
    display_name: string | null;
    created_at: Date;
    updated_at: Date;
    identities: CustomerJson['identities'];
    ticket_count: number;
  }>(
    `WITH RECURSIVE chain AS (
       SELECT id, merged_into, 0 AS depth FROM customers WHERE id = $1
       UNION ALL
       SELECT c.id, c.merged_into, chain.depth + 1 FROM customers c JOIN chain ON c.id = chain.merged_into WHERE chain.depth < 20
     )
     SELECT c.id, c.display_name, c.created_at, c.updated_at,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('id', i.id, 'kind', i.kind, 'value', i.value, 'verified', i.verified)
                        ORDER BY i.created_at, i.id) FROM identities i WHERE i.customer_id = c.id), '[]') AS identities,
            (SELECT count(*)::int FROM tickets t WHERE t.customer_id = c.id) AS ticket_count
       FROM customers c WHERE c.id = (SELECT id FROM chain WHERE merged_into IS NULL LIMIT 1)`,
    [id],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    id: r.id,
    displayName: r.display_name,
    identities: r.identities,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    ticketCount: r.ticket_count,
  };
}
