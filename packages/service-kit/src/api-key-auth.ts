import { createHash } from 'node:crypto';
import type { Pool } from '@omni/db';
import type { FastifyRequest } from 'fastify';
import { forbidden, HttpProblem } from './problem';

/**
 * API-key checks for routes outside the tickets service (e.g. the email MIME route), which
 * must not import another service. Same storage as the tickets service's keys (`api_keys`,
 * SHA-256 of the key): keys are 256 random bits, so a fast hash is enough.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface ApiKeyScopes {
  id: string;
  scopes: ReadonlySet<string>;
}

/** Resolves keys with a short cache; a revoked key stops working within the TTL. */
export class ApiKeyLookup {
  private readonly cache = new Map<string, { found: ApiKeyScopes | null; until: number }>();

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 5_000,
  ) {}

  async find(key: string): Promise<ApiKeyScopes | null> {
    const hash = hashApiKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.found;
    const { rows } = await this.pool.query<{ id: string; scopes: string[] }>(
      'SELECT id, scopes FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = rows[0];
    const found = row ? { id: row.id, scopes: new Set(row.scopes) } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { found, until: Date.now() + this.ttlMs });
    return found;
  }

  /** Admits the request only with `Authorization: Bearer <key>` holding `scope` (or `admin`); else 401/403. */
  async require(request: FastifyRequest, scope: string): Promise<ApiKeyScopes> {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthenticated('send an API key as "Authorization: Bearer <key>"');
    const found = await this.find(match[1]);
    if (!found) throw unauthenticated('the API key is unknown or revoked');
    if (!found.scopes.has(scope) && !found.scopes.has('admin'))
      throw forbidden(`this API key lacks the "${scope}" scope`);
    return found;
  }
}

function unauthenticated(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', 'Authentication required', detail, undefined, {
    'www-authenticate': 'Bearer',
  });
}
