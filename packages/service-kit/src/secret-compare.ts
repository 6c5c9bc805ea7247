import { createHmac, hash, timingSafeEqual } from 'node:crypto';

/**
 * A secret the platform sends (a webhook secret header, a verify token, a body field),
 * compared in constant time: both sides are hashed first, so lengths are equal and the
 * time taken says nothing about how much matched. An unset secret never matches.
 */
export function secretMatches(given: unknown, expected: string | undefined): boolean {
  if (typeof given !== 'string' || !expected) return false;
  return timingSafeEqual(sha256(given), sha256(expected));
}

/** Whether `givenHex` is the hex HMAC-SHA256 of exactly these bytes with `key`, compared in constant time. */
export function hmacSha256Matches(body: Buffer, givenHex: unknown, key: string): boolean {
  if (typeof givenHex !== 'string' || !/^[0-9a-fA-F]{64}$/.test(givenHex)) return false;
  const expected = createHmac('sha256', key).update(body).digest();
  return timingSafeEqual(Buffer.from(givenHex, 'hex'), expected);
}

/** One-shot (`crypto.hash`): no Hash object per call — this runs on every webhook. */
function sha256(value: string): Buffer {
  return hash('sha256', value, 'buffer');
}
