import { createHmac } from 'node:crypto';
import { hmacSha256Matches } from '@omni/service-kit';

/**
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the app secret>`,
 * compared in constant time over exactly the bytes received.
 */
export function verifyHubSignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
  if (!header?.startsWith('sha256=')) return false;
  return hmacSha256Matches(raw, header.slice('sha256='.length), appSecret);
}

export function hubSignature(raw: Buffer | string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(raw).digest('hex')}`;
}
