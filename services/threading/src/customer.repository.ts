import { randomUUID } from 'node:crypto';
import { OmniError } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import type { NormalizedIdentity } from './normalize-identity';

export interface KnownIdentity {
  kind: string;
  value: string;
  /** The surviving customer (merged-away customers are followed to the one they merged into). */
  customerId: string;
  customerCreatedAt: Date;
}

/** Customers already known by any of these identities, followed through `merged_into`. */
export async function findByIdentities(
  client: PoolClient,
  identities: NormalizedIdentity[],
): Promise<KnownIdentity[]> {
  if (identities.length === 0) return [];
  const { rows } = await client.query<KnownIdentity>(
    `WITH RECURSIVE found AS (
       SELECT i.kind, i.value, c.id, c.merged_into, c.created_at, 0 AS depth
         FROM identities i JOIN customers c ON c.id = i.customer_id
        WHERE (i.kind, i.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       UNION ALL
       SELECT f.kind, f.value, c.id, c.merged_into, c.created_at, f.depth + 1
         FROM found f JOIN customers c ON c.id = f.merged_into
        WHERE f.depth < 20
     )
     SELECT kind, value, id AS "customerId", created_at AS "customerCreatedAt"
       FROM found WHERE merged_into IS NULL`,
    [identities.map((i) => i.kind), identities.map((i) => i.value)],
  );
  return rows;
}

export async function createCustomer(client: PoolClient, displayName: string | undefined): Promise<string> {
  const id = randomUUID();
  await client.query('INSERT INTO customers (id, display_name) VALUES ($1, $2)', [id, displayName ?? null]);
  return id;
}

/**
 * Attaches identities to a customer. If another transaction attached one of them to a
 * different customer meanwhile, the batch is retried (retriable error) and will then find
 * that customer instead of creating a duplicate.
 */
export async function attachIdentities(
  client: PoolClient,
  customerId: string,
  identities: NormalizedIdentity[],
): Promise<void> {
  if (identities.length === 0) return;
  const { rows } = await client.query<{ kind: string; value: string }>(
    `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified)
     SELECT gen_random_uuid(), $1, kind, value, raw, verified
       FROM unnest($2::text[], $3::text[], $4::text[], $5::boolean[]) AS x(kind, value, raw, verified)
     ON CONFLICT (kind, value) DO UPDATE SET verified = identities.verified OR EXCLUDED.verified
       WHERE identities.customer_id = EXCLUDED.customer_id
     RETURNING kind, value`,
    [
      customerId,
      identities.map((i) => i.kind),
      identities.map((i) => i.value),
      identities.map((i) => i.raw),
      identities.map((i) => i.verified),
    ],
  );
  if (rows.length < identities.length) {
    throw new OmniError('identity-race', 'an identity was attached to another customer concurrently', {
      retriable: true,
    });
  }
}
