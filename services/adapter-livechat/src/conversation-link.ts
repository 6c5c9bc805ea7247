import { createHmac } from 'node:crypto';
import { hmacSha256Matches } from '@omni/service-kit';
import { z } from 'zod';
import type { ConversationRepository } from './conversation.repository';
import type { Visitor } from './normalize';
import type { VisitorClaims } from './visitor-token';

/** What a conversation link names: one visitor of one account, its token generation, until when. */
export interface ConversationLinkClaims extends VisitorClaims {
  expiresAt: Date;
}

const Claims = z.strictObject({
  a: z.string().min(1).max(64),
  v: z.string().min(1).max(300),
  n: z.number().int().positive(),
  e: z.number().int().positive(),
});

const PREFIX = 'lr1';
/** How long a link in an email opens the conversation. */
export const CONVERSATION_LINK_DAYS = 14;

/**
 * The link key is derived from the account's token key for this one purpose, so a link
 * can never pass as a visitor token (nor the reverse), whatever the two formats become.
 */
const linkKey = (tokenKey: string) =>
  createHmac('sha256', tokenKey).update('conversation-link').digest('hex');

/**
 * A conversation link's credential: `lr1.<claims>.<signature>`, base64url, claims = account,
 * visitor, token version and expiry, signed with a key derived from the account's token key.
 * It travels in the URL fragment (never sent to a server, so never in an access log) and is
 * exchanged for a visitor token (`POST …/resume`). It opens that one conversation until it
 * expires or the visitor's tokens are revoked (erasure bumps the version).
 */
export function signConversationLink(claims: ConversationLinkClaims, tokenKey: string): string {
  const body = Buffer.from(
    JSON.stringify({
      a: claims.account,
      v: claims.visitor,
      n: claims.version,
      e: Math.floor(claims.expiresAt.getTime() / 1000),
    }),
  ).toString('base64url');
  return `${PREFIX}.${body}.${createHmac('sha256', linkKey(tokenKey)).update(body).digest('base64url')}`;
}

/** The claims of a genuine, unexpired link signed with `tokenKey`'s link key; null for anything else. */
export function readConversationLink(
  token: string,
  tokenKey: string,
  now: Date,
): ConversationLinkClaims | null {
  const [prefix, body, signature, ...rest] = token.split('.');
  if (prefix !== PREFIX || !body || !signature || rest.length > 0) return null;
  const hex = Buffer.from(signature, 'base64url').toString('hex');
  if (!hmacSha256Matches(Buffer.from(body), hex, linkKey(tokenKey))) return null;
  try {
    const parsed = Claims.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    if (!parsed.success) return null;
    const expiresAt = new Date(parsed.data.e * 1000);
    if (expiresAt <= now) return null;
    return { account: parsed.data.a, visitor: parsed.data.v, version: parsed.data.n, expiresAt };
  } catch {
    return null;
  }
}

/** The page that reopens the conversation: the chat frame, the credential in its fragment. */
export function conversationLinkUrl(publicUrl: string, account: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/channels/livechat/${encodeURIComponent(account)}/frame#resume=${token}`;
}

/** `POST /channels/livechat/{account}/resume`: the credential from a conversation link's fragment. */
export const ResumeRequest = z.object({ link: z.string().min(1).max(2000) });

/**
 * The visitor a conversation link opens: genuine, of this account, unexpired, and of the
 * visitor's current token generation (a revocation closes the links too).
 */
export async function openConversationLink(
  repository: Pick<ConversationRepository, 'visitor'>,
  account: string,
  link: string,
  tokenKey: string,
  now: Date,
): Promise<{ visitor: Visitor; version: number } | null> {
  const claims = readConversationLink(link, tokenKey, now);
  if (!claims || claims.account !== account) return null;
  const stored = await repository.visitor(claims.account, claims.visitor);
  if (stored.version !== claims.version) return null;
  return {
    visitor: { account, key: claims.visitor, verified: stored.verified, profile: stored.profile },
    version: stored.version,
  };
}
