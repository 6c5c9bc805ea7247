import { createHmac } from 'node:crypto';
import { decodeBase64url } from '@omni/customers';
import { hmacSha256Matches } from '@omni/service-kit';
import { z } from 'zod';

/** Who a visitor token names: the account, the visitor's key there, and the token generation. */
export interface VisitorClaims {
  account: string;
  /** `a-<random>` for an anonymous visitor, `u-<userId>` for a user the site vouched for. */
  visitor: string;
  /** Bumped in PostgreSQL to revoke every token issued before. */
  version: number;
}

const Claims = z.strictObject({
  a: z.string().min(1).max(64),
  v: z.string().min(1).max(300),
  n: z.number().int().positive(),
});

const PREFIX = 'lc1';

/**
 * An opaque, signed visitor token: `lc1.<claims>.<signature>`, base64url, the signature an
 * HMAC-SHA256 of the claims under the account's token key. It holds no secret and grants
 * nothing but its own conversation; revocation is a version bump the server checks on use.
 * The alphabet fits a WebSocket subprotocol token (the widget authenticates sockets that way).
 */
export function signVisitorToken(claims: VisitorClaims, key: string): string {
  const body = Buffer.from(
    JSON.stringify({ a: claims.account, v: claims.visitor, n: claims.version }),
  ).toString('base64url');
  return `${PREFIX}.${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}

/** The claims of a token signed with `key`, or null for anything else (forged, truncated, another account's). */
export function readVisitorToken(token: string, key: string): VisitorClaims | null {
  const [prefix, body, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !body || !signature || rest.length > 0) return null;
  const given = decodeBase64url(signature);
  if (!given || !decodeBase64url(body)) return null;
  if (!hmacSha256Matches(Buffer.from(body), given.toString('hex'), key)) return null;
  try {
    const parsed = Claims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    return { account: parsed.data.a, visitor: parsed.data.v, version: parsed.data.n };
  } catch {
    return null;
  }
}

/** `userHash` check: hex HMAC-SHA256 of the user id under the account's identity secret. */
export function userHashMatches(userId: string, userHash: unknown, secret: string | undefined): boolean {
  return secret !== undefined && hmacSha256Matches(Buffer.from(userId, 'utf8'), userHash, secret);
}
