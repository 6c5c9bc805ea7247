import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from '@omni/db';

export const SCOPES = ['tickets:read', 'tickets:write', 'customers:read', 'customers:write', 'webhooks:manage', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: ReadonlySet<string>;
}

/** Keys are 256 random bits, so SHA-256 is a sufficient at-rest hash and lookups are one index probe. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): string {
  return `omni_${randomBytes(32).toString('base64url')}`;
}

export async function createApiKey(pool: Pool, name: string, scopes: readonly string[], key = generateApiKey()): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  await pool.query('INSERT INTO api_keys (id, name, key_hash, prefix, scopes) VALUES ($1, $2, $3, $4, $5)', [
    id,
    name,
    hashApiKey(key),
    key.slice(0, 12),
    scopes,
  ]);
  return { id, key };
}

/** `OMNI_BOOTSTRAP_API_KEY`: a key with every scope for first runs, created if absent. */
export async function ensureBootstrapKey(pool: Pool, key: string): Promise<void> {
  await pool.query(
    `INSERT INTO api_keys (id, name, key_hash, prefix, scopes) VALUES ($1, 'bootstrap', $2, $3, $4)
     ON CONFLICT (key_hash) DO NOTHING`,
    [randomUUID(), hashApiKey(key), key.slice(0, 12), SCOPES],
  );
}

/**
 * Resolves keys to principals with a short cache, so a busy integrator costs one lookup
 * every few seconds instead of one per request; a revoked key stops working within the TTL.
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { principal: ApiKeyPrincipal | null; until: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 5_000,
  ) {}

  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const { rows } = await this.pool.query<{ id: string; name: string; scopes: string[] }>(
      'SELECT id, name, scopes FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    const principal = row ? { id: row.id, name: row.name, scopes: new Set(row.scopes) } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + this.ttlMs });
    return principal;
  }
}
