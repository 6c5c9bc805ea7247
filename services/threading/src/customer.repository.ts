import { ERROR_CODES, OmniError } from '@omni/contracts';
import type { NormalizedIdentity } from '@omni/customers';
import type { PoolClient } from '@omni/db';
import type { IdentityPlan, KnownIdentity } from './identity-plan';

/** Stored identities among these, each with the customer holding it today (merged_into followed). */
export async function findByIdentities(
  client: PoolClient,
  identities: NormalizedIdentity[],
): Promise<KnownIdentity[]> {
  if (identities.length === 0) return [];
  // `merged_into IS NOT NULL` in the recursive step: without it the planner hashed the whole
  // customers table at every batch to follow chains that are almost never there (4.3 ms a
  // batch of 30 identities at 10,000 customers, growing with the customer base; 0.7 ms with it).
  // Each identity probed by its unique key: as `(kind, value) IN (unnest …)` the planner hashed
  // every identity wherever the table had no statistics yet (`pnpm bench e2e`: 240 scans of the
  // whole table by 2,100 messages).
  const { rows } = await client.query<KnownIdentity>(
    `WITH RECURSIVE found AS (
       SELECT i.kind, i.value, i.verified, c.id, c.merged_into, c.created_at, 0 AS depth
         FROM unnest($1::text[], $2::text[]) AS k(kind, value)
        CROSS JOIN LATERAL (
          SELECT i.kind, i.value, i.verified, i.customer_id FROM identities i
           WHERE i.kind = k.kind AND i.value = k.value LIMIT 1) i
         JOIN customers c ON c.id = i.customer_id
       UNION ALL
       SELECT f.kind, f.value, f.verified, c.id, c.merged_into, c.created_at, f.depth + 1
         FROM found f JOIN customers c ON c.id = f.merged_into
        WHERE f.merged_into IS NOT NULL AND f.depth < 50
     )
     SELECT kind, value, verified, id AS "customerId", created_at AS "customerCreatedAt"
       FROM found WHERE merged_into IS NULL`,
    [identities.map((i) => i.kind), identities.map((i) => i.value)],
  );
  return rows;
}

/**
 * Locks the customers the batch will touch, in id order. A merge elsewhere waits for this
 * transaction (and then moves what it added); if one was merged away since it was read,
 * the batch is retried and resolves it to its survivor.
 */
export async function lockCustomers(client: PoolClient, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await client.query<{ id: string; merged_into: string | null; erased: boolean }>(
    `SELECT id, merged_into, erased_at IS NOT NULL AS erased FROM customers
      WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
    [ids],
  );
  // Erased meanwhile: the retried batch sees the erasure's tombstones and drops the person's messages.
  if (rows.length !== ids.length || rows.some((r) => r.merged_into !== null || r.erased)) {
    throw new OmniError(
      ERROR_CODES.customerMergedConcurrently,
      'a customer of this batch was merged, erased or removed concurrently',
      { retriable: true },
    );
  }
}

export async function insertCustomers(
  client: PoolClient,
  customers: IdentityPlan['newCustomers'],
): Promise<void> {
  if (customers.length === 0) return;
  await client.query(
    'INSERT INTO customers (id, display_name) SELECT * FROM unnest($1::uuid[], $2::text[])',
    [customers.map((c) => c.id), customers.map((c) => c.displayName ?? null)],
  );
}

/**
 * Attaches identities nobody held when the batch read them. If another transaction took
 * one meanwhile, the batch is retried (and then finds that customer instead of creating
 * a duplicate).
 */
export async function insertIdentities(
  client: PoolClient,
  identities: IdentityPlan['attach'],
): Promise<void> {
  if (identities.length === 0) return;
  const { rowCount } = await client.query(
    `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified)
     SELECT gen_random_uuid(), customer_id, kind, value, raw, verified
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::boolean[]) AS x(customer_id, kind, value, raw, verified)
     ON CONFLICT (kind, value) DO NOTHING`,
    [
      identities.map((i) => i.customerId),
      identities.map((i) => i.kind),
      identities.map((i) => i.value),
      identities.map((i) => i.raw),
      identities.map((i) => i.verified),
    ],
  );
  if (rowCount !== identities.length) {
    throw new OmniError(
      ERROR_CODES.identityRace,
      'an identity was attached to another customer concurrently',
      {
        retriable: true,
      },
    );
  }
}

export async function verifyIdentities(
  client: PoolClient,
  identities: IdentityPlan['upgrades'],
): Promise<void> {
  if (identities.length === 0) return;
  await client.query(
    `UPDATE identities SET verified = true
      WHERE (kind, value) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND NOT verified`,
    [identities.map((i) => i.kind), identities.map((i) => i.value)],
  );
}

export async function insertConflicts(
  client: PoolClient,
  conflicts: (IdentityPlan['conflicts'][number] & { messageId: string })[],
): Promise<void> {
  if (conflicts.length === 0) return;
  await client.query(
    `INSERT INTO identity_conflicts (id, kind, value, owner_customer_id, claimant_customer_id, message_id, claim_verified)
     SELECT gen_random_uuid(), * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::boolean[])
     ON CONFLICT (kind, value, owner_customer_id, claimant_customer_id) DO NOTHING`,
    [
      conflicts.map((c) => c.kind),
      conflicts.map((c) => c.value),
      conflicts.map((c) => c.ownerId),
      conflicts.map((c) => c.claimantId),
      conflicts.map((c) => c.messageId),
      conflicts.map((c) => c.claimVerified),
    ],
  );
}
