import { createHmac } from 'node:crypto';
import { decodeBase64url } from '@omni/customers';
import { hmacSha256Matches } from '@omni/service-kit';

const UUID = /^([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{12})$/;
/** base64url of 20 claim bytes (27 characters), a dot, base64url of a 32-byte HMAC (43). */
const TOKEN = /^([A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{43})$/;

/**
 * The token of a rating link: the ticket id (16 bytes) and the expiry (unix seconds, 4 bytes),
 * then their HMAC-SHA256 — both base64url, 71 characters, short enough for a path parameter.
 * Whoever holds the link may rate that one ticket until it expires; nobody can make one for
 * another ticket or a later expiry without the secret.
 */
export function signRatingToken(ticketId: string, expiresAt: Date, secret: string): string {
  const parts = UUID.exec(ticketId);
  if (!parts) throw new Error(`not a ticket id: ${ticketId}`);
  const claims = Buffer.alloc(20);
  Buffer.from(parts.slice(1).join(''), 'hex').copy(claims, 0);
  claims.writeUInt32BE(Math.floor(expiresAt.getTime() / 1000), 16);
  const signature = createHmac('sha256', secret).update(claims).digest();
  return `${claims.toString('base64url')}.${signature.toString('base64url')}`;
}

export type RatingTokenCheck =
  | { valid: true; ticketId: string; expiresAt: Date }
  | { valid: false; reason: 'malformed' | 'forged' | 'expired' };

/** A token from a link: its signature first (constant time), then its expiry. */
export function verifyRatingToken(token: string, secret: string, now: Date): RatingTokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { valid: false, reason: 'malformed' };
  const claims = decodeBase64url(m[1] as string);
  const signature = decodeBase64url(m[2] as string);
  if (!claims || !signature) return { valid: false, reason: 'malformed' };
  if (claims.length !== 20 || !hmacSha256Matches(claims, signature.toString('hex'), secret))
    return { valid: false, reason: 'forged' };
  const hex = claims.subarray(0, 16).toString('hex');
  const ticketId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = new Date(claims.readUInt32BE(16) * 1000);
  if (expiresAt <= now) return { valid: false, reason: 'expired' };
  return { valid: true, ticketId, expiresAt };
}

/** The rating page of a token, optionally with a score chosen (`?score=`). */
export function ratingLink(publicUrl: string, token: string, score?: number): string {
  const base = `${publicUrl.replace(/\/+$/, '')}/csat/${token}`;
  return score === undefined ? base : `${base}?score=${score}`;
}
