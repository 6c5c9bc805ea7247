import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Pool, PoolClient } from '@omni/db';
import { z } from 'zod';

/**
 * A live chat conversation link: the credential that reopens one visitor's conversation
 * from an email. Here, not in the live chat adapter, because two services sign links: the
 * adapter (its offline email) and the tickets service (a web-form reply by email); the
 * adapter alone opens them (`POST /channels/livechat/{account}/resume`).
 */
export interface ConversationLinkClaims {
  account: string;
  /** The visitor's key in the account (`a-…`, `u-…`, or `t-…` for a ticket's email address). */
  visitor: string;
  /** The visitor's token generation: a revocation (erasure) closes their links too. */
  version: number;
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
  const given = decodeBase64url(signature);
  if (!given || !decodeBase64url(body)) return null;
  const expected = createHmac('sha256', linkKey(tokenKey)).update(body).digest();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
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

/**
 * A live chat account's token key: the configured `tokenSecret`, else the one stored for
 * the account (created once by whichever process needs it first, shared by every replica).
 */
export async function livechatTokenKey(
  db: Pool | PoolClient,
  account: string,
  configured: string | undefined,
): Promise<string> {
  if (configured) return configured;
  await db.query(
    'INSERT INTO livechat_keys (account, token_key) VALUES ($1, $2) ON CONFLICT (account) DO NOTHING',
    [account, randomBytes(32).toString('base64url')],
  );
  const { rows } = await db.query<{ token_key: string }>(
    'SELECT token_key FROM livechat_keys WHERE account = $1',
    [account],
  );
  return (rows[0] as { token_key: string }).token_key;
}

/** The live chat account a channel's email replies link to, with what signing a link needs. */
export interface ConversationLinkTarget {
  livechatAccount: string;
  tokenSecret?: string;
  publicUrl: string;
}

/**
 * The live chat visitor of one ticket's email address: `t-<ticket id>-<address hash>`. One
 * per address, so a ticket whose replies went to two addresses never shows one address's
 * holder what the other wrote.
 */
export const ticketVisitorKey = (ticketId: string, email: string): string =>
  `t-${ticketId}-${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 24)}`;

/**
 * A conversation link for the holder of `email` to continue `ticket` in the live chat: the
 * ticket's visitor for that address is stored (its email verified — only that mailbox gets
 * the link — and the ticket's number, so what they write lands in this ticket), and a link
 * to it is signed. Called in the transaction that queues the email carrying the link.
 */
export async function ticketConversationLink(
  client: PoolClient,
  target: ConversationLinkTarget,
  ticket: { id: string; number: number },
  email: string,
  now: Date,
): Promise<string> {
  const address = email.trim().toLowerCase();
  const visitor = ticketVisitorKey(ticket.id, address);
  const { rows } = await client.query<{ token_version: number }>(
    `INSERT INTO livechat_visitors (account, visitor, profile, verified) VALUES ($1, $2, $3, true)
     ON CONFLICT (account, visitor) DO UPDATE SET updated_at = now()
     RETURNING token_version`,
    [target.livechatAccount, visitor, JSON.stringify({ email: address, ticket: ticket.number })],
  );
  const version = (rows[0] as { token_version: number }).token_version;
  const key = await livechatTokenKey(client, target.livechatAccount, target.tokenSecret);
  const token = signConversationLink(
    {
      account: target.livechatAccount,
      visitor,
      version,
      expiresAt: new Date(now.getTime() + CONVERSATION_LINK_DAYS * 86_400_000),
    },
    key,
  );
  return conversationLinkUrl(target.publicUrl, target.livechatAccount, token);
}

/**
 * The bytes of a base64url text, or null unless the text is their one canonical encoding.
 * Node's decoder ignores stray characters, padding and the unused low bits of the last
 * character, so several texts decode to the same bytes: a signed token altered in those bits
 * would still verify. Every reader of a signed token here decodes through this.
 */
export function decodeBase64url(text: string): Buffer | null {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
