import { badRequest, forbidden, secretMatches } from '@omni/service-kit';

/**
 * The webhook subscription handshake every Meta product uses (Graph API webhooks, "Verification
 * Requests"): `hub.mode=subscribe` and the configured `hub.verify_token` (compared in constant
 * time) → the `hub.challenge` to echo as plain text; anything else → 403.
 */
export function hubChallenge(query: Record<string, unknown>, verifyToken: string): string {
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || typeof token !== 'string' || !secretMatches(token, verifyToken))
    throw forbidden('the verify token does not match');
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > 1000)
    throw badRequest('hub.challenge is missing');
  return challenge;
}
