import type { Pool } from '@omni/db';

// API keys are verified by every service with an authenticated route, so they live in
// @omni/service-kit; re-exported here for the ticket service's own modules.
export {
  type ApiKeyPrincipal,
  ApiKeyVerifier,
  createApiKey,
  ensureBootstrapKey,
  generateApiKey,
  hashApiKey,
  SCOPES,
  type Scope,
} from '@omni/service-kit';

export interface ApiKeyInfo {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function listApiKeys(
  pool: Pool,
  opts: { includeRevoked?: boolean } = {},
): Promise<ApiKeyInfo[]> {
  const { rows } = await pool.query<{
    id: string;
    name: string;
    prefix: string;
    scopes: string[];
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>(
    `SELECT id, name, prefix, scopes, created_at, last_used_at, revoked_at FROM api_keys
      WHERE $1 OR revoked_at IS NULL ORDER BY created_at, id`,
    [opts.includeRevoked ?? false],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: r.scopes,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

/** Marks the key revoked (kept for the audit trail); false when there is no active key with that id. */
export async function revokeApiKey(pool: Pool, id: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL',
    [id],
  );
  return (rowCount ?? 0) > 0;
}
