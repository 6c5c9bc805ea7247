import { randomUUID } from 'node:crypto';
import type { IdentityKind } from '@omni/contracts';
import { normalizeEmail, normalizePhone, recordEvents } from '@omni/customers';
import type { PoolClient } from '@omni/db';
import { badRequest, HttpProblem, notFound } from '@omni/service-kit';

/** The comparable form threading stores (lower-cased email, E.164 phone, page-scoped Facebook id as given). */
export function normalizeIdentityValue(kind: IdentityKind, raw: string, defaultPhoneRegion: string): string {
  const value = raw.trim();
  const normalized =
    kind === 'email'
      ? normalizeEmail(value)
      : kind === 'phone'
        ? normalizePhone(value, defaultPhoneRegion)
        : value || undefined;
  if (!normalized) throw badRequest(`not a valid ${kind}`, { value: `not a valid ${kind}` });
  return normalized;
}

/**
 * Links an identity to a customer. One that another customer holds is refused: linking it
 * would silently move someone's conversations — merging the customers is the explicit way.
 */
export async function linkIdentity(
  client: PoolClient,
  customerId: string,
  identity: { kind: IdentityKind; value: string; raw: string; verified: boolean },
): Promise<void> {
  const existing = await client.query<{ customer_id: string }>(
    'SELECT customer_id FROM identities WHERE kind = $1 AND value = $2',
    [identity.kind, identity.value],
  );
  const holder = existing.rows[0]?.customer_id;
  if (holder === customerId) return;
  if (holder) {
    throw new HttpProblem(
      409,
      'identity-taken',
      'Conflict',
      `this identity belongs to customer ${holder}; merge the customers instead`,
    );
  }
  await client.query(
    `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified) VALUES ($1, $2, $3, $4, $5, $6)`,
    [randomUUID(), customerId, identity.kind, identity.value, identity.raw, identity.verified],
  );
  await client.query('UPDATE customers SET updated_at = now() WHERE id = $1', [customerId]);
  await recordEvents(
    client,
    [
      {
        type: 'customer.updated',
        key: customerId,
        data: { customerId, change: 'identity-linked', kind: identity.kind },
      },
    ],
    new Date(),
  );
}

export async function unlinkIdentity(
  client: PoolClient,
  customerId: string,
  identityId: string,
): Promise<void> {
  const { rowCount } = await client.query('DELETE FROM identities WHERE id = $1 AND customer_id = $2', [
    identityId,
    customerId,
  ]);
  if (!rowCount) throw notFound(`customer ${customerId} has no identity ${identityId}`);
  await client.query('UPDATE customers SET updated_at = now() WHERE id = $1', [customerId]);
  await recordEvents(
    client,
    [
      {
        type: 'customer.updated',
        key: customerId,
        data: { customerId, change: 'identity-unlinked', identityId },
      },
    ],
    new Date(),
  );
}
