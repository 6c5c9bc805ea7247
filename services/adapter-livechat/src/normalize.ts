import { type AttachmentRef, type IdentityClaim, type InboundMessageInput, messageId } from '@omni/contracts';
import type { VisitorMessage } from './livechat.schema';

/** What a visitor said about themselves (the pre-chat form) or the site vouched for (a verified user). */
export interface VisitorProfile {
  name?: string;
  email?: string;
  phone?: string;
  topic?: string;
  locale?: string;
  /**
   * The number of the ticket this visitor continues (a web-form ticket's link in a reply
   * email): what they write names it, so it lands in that ticket.
   */
  ticket?: number;
}

export interface Visitor {
  account: string;
  /** `a-<random>` (anonymous) or `u-<userId>` (verified): the sender id on every message. */
  key: string;
  /** The site signed the user id (`userHash`): its identity and contacts are verified. */
  verified: boolean;
  profile: VisitorProfile;
}

export interface LivechatContext {
  receivedAt: Date;
  topics: ReadonlyArray<{ id: string; label: string }>;
  /** The message's files, already stored (blob ids). */
  attachments?: AttachmentRef[];
}

/** The id of a visitor message in /v1: the same `clientMessageId` twice is the same message. */
export const visitorMessageId = (visitor: Visitor, clientMessageId: string): string =>
  messageId('livechat', visitor.account, visitorExternalId(visitor, clientMessageId));

const visitorExternalId = (visitor: Visitor, clientMessageId: string) => `${visitor.key}:${clientMessageId}`;

/**
 * A visitor message → an `InboundMessage`. Pure: no I/O, no clock. The visitor's `livechat`
 * identity is verified only when the site vouched for the user (`userHash`); so are the
 * contacts that came with it. What an anonymous visitor typed stays an unverified claim: it
 * can attach to a customer, never merge two.
 */
export function normalizeVisitorMessage(
  visitor: Visitor,
  message: VisitorMessage,
  ctx: LivechatContext,
): InboundMessageInput {
  const { profile, verified } = visitor;
  const identities: IdentityClaim[] = [{ kind: 'livechat', value: visitor.key, verified }];
  if (profile.email) identities.push({ kind: 'email', value: profile.email, verified });
  if (profile.phone) identities.push({ kind: 'phone', value: profile.phone, verified });
  const topic = profile.topic
    ? { id: profile.topic, label: ctx.topics.find((t) => t.id === profile.topic)?.label }
    : undefined;
  const at = ctx.receivedAt.toISOString();
  const externalId = visitorExternalId(visitor, message.clientMessageId);
  return {
    version: 1,
    id: messageId('livechat', visitor.account, externalId),
    channel: 'livechat',
    account: visitor.account,
    externalId,
    direction: 'inbound',
    sentAt: at,
    receivedAt: at,
    sender: {
      externalId: visitor.key,
      displayName: profile.name,
      email: profile.email,
      phone: profile.phone,
      locale: profile.locale,
    },
    identities,
    thread: profile.ticket ? { ticketToken: profile.ticket } : {},
    content: visitorContent(message.text, ctx.attachments ?? []),
    topic,
    flags: {},
  };
}

/** Text, or files with the text as their caption; a file alone is named in the text agents read. */
function visitorContent(text: string, attachments: AttachmentRef[]): InboundMessageInput['content'] {
  if (attachments.length === 0) return { kind: 'text', text, attachments };
  const images = attachments.every((a) => a.mimeType.startsWith('image/'));
  const named = attachments.map((a) => `[${images ? 'image' : 'file'}: ${a.name}]`).join(' ');
  return { kind: images ? 'image' : 'file', text: text || named, attachments };
}
