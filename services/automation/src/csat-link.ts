import { createHmac } from 'node:crypto';
import { hmacSha256Matches } from '@omni/service-kit';

const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([0-9a-f]{64})$/;

/**
 * The token of a rating link: `<ticket id>.<expiry, unix seconds>.<hex HMAC-SHA256 of both>`.
 * Whoever holds the link may rate that one ticket until it expires; nobody can make one for
 * another ticket or a later expiry without the secret.
 */
export function signRatingToken(ticketId: string, expiresAt: Date, secret: string): string {
  const claims = `${ticketId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return `${claims}.${createHmac('sha256', secret).update(claims).digest('hex')}`;
}

export type RatingTokenCheck =
  | { valid: true; ticketId: string; expiresAt: Date }
  | { valid: false; reason: 'malformed' | 'forged' | 'expired' };

/** A token from a link: its signature first (constant time), then its expiry. */
export function verifyRatingToken(token: string, secret: string, now: Date): RatingTokenCheck {
  const m = TOKEN.exec(token);
  if (!m) return { valid: false, reason: 'malformed' };
  const [, ticketId, expires, signature] = m as unknown as [string, string, string, string];
  if (!hmacSha256Matches(Buffer.from(`${ticketId}.${expires}`), signature, secret))
    return { valid: false, reason: 'forged' };
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt <= now) return { valid: false, reason: 'expired' };
  return { valid: true, ticketId, expiresAt };
}

/** The rating page of a token, optionally with a score chosen (`?score=`). */
export function ratingLink(publicUrl: string, token: string, score?: number): string {
  const base = `${publicUrl.replace(/\/+$/, '')}/csat/${token}`;
  return score === undefined ? base : `${base}?score=${score}`;
}
