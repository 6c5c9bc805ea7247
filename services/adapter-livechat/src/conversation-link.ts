import { readConversationLink } from '@omni/customers';
import { z } from 'zod';
import type { ConversationRepository } from './conversation.repository';
import type { Visitor } from './normalize';

// Signing lives in @omni/customers: the tickets service signs links too (web-form replies).
export {
  CONVERSATION_LINK_DAYS,
  type ConversationLinkClaims,
  conversationLinkUrl,
  readConversationLink,
  signConversationLink,
} from '@omni/customers';

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
