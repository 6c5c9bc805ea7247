import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from '@omni/db';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { forbidden, HttpProblem } from './problem';

/**
 * API keys (API.md, "Conventions"): stored hashed, scoped per route. Shared by every
 * service with an authenticated route (the ticket API, the email adapter's MIME route…);
 * the keys themselves are managed by the ticket service and the CLI.
 */
export const SCOPES = [
  'tickets:read',
  'tickets:write',
  'customers:read',
  'customers:write',
  'webhooks:manage',
  /** Erase and export a customer's data (data-subject requests); kept apart from `customers:write`. */
  'privacy',
  'admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export interface ApiKeyPrincipal {
  id: string;
  name: string;
  scopes: ReadonlySet<string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: ApiKeyPrincipal;
  }
}

/** Keys are 256 random bits, so SHA-256 is a sufficient at-rest hash and lookups are one index probe. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes (the ticket service and the CLI issue them). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function generateApiKey(): string {
  return `omni_${randomBytes(32).toString('base64url')}`;
}

export async function createApiKey(
  pool: Pool,
  name: string,
  scopes: readonly string[],
  key = generateApiKey(),
): Promise<{ id: string; key: string }> {
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
  /** When this process last wrote each key's `last_used_at`. */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 5_000,
    /** `last_used_at` is written at most this often per key and process. */
    private readonly touchEveryMs = 60_000,
  ) {}

  async verify(key: string): Promise<ApiKeyPrincipal | null> {
    const principal = await this.lookup(key);
    if (principal) this.touch(principal.id);
    return principal;
  }

  /**
   * Records that the key was used, off the request's path: at most once a minute per key,
   * and never waiting for a row lock (a key busy being written is skipped, not queued on).
   */
  private touch(id: string): void {
    const now = Date.now();
    if ((this.touched.get(id) ?? 0) > now - this.touchEveryMs) return;
    this.touched.set(id, now);
    if (this.touched.size > 10_000) this.touched.clear();
    void this.pool
      .query(
        `UPDATE api_keys SET last_used_at = now()
          WHERE id = (SELECT id FROM api_keys WHERE id = $1 FOR UPDATE SKIP LOCKED)`,
        [id],
      )
      .catch(() => this.touched.delete(id));
  }

  private async lookup(key: string): Promise<ApiKeyPrincipal | null> {
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

/** A preHandler that admits a request only with a valid Bearer key holding `scope` (or `admin`). */
export function requireScope(verifier: ApiKeyVerifier, scope: Scope): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthenticated('send an API key as "Authorization: Bearer <key>"');
    const principal = await verifier.verify(match[1]);
    if (!principal) throw unauthenticated('the API key is unknown or revoked');
    if (!principal.scopes.has(scope) && !principal.scopes.has('admin')) {
      throw forbidden(`this API key lacks the "${scope}" scope`);
    }
    request.principal = principal;
  };
}

function unauthenticated(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', 'Authentication required', detail, undefined, {
    'www-authenticate': 'Bearer',
  });
}

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
