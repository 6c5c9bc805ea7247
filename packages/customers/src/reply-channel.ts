import { AccountName, CHANNELS, type Channel, channelTraits } from '@omni/contracts';
import type { PoolClient } from '@omni/db';
import { z } from 'zod';
import type { ConversationLinkTarget } from './conversation-link';
import { type ReplyWindows, replyWindows } from './reply-window';

/**
 * Where replies can leave when the customer wrote through a channel that cannot carry
 * them (its traits say `replies.via: 'email'`, as a web form's do): its tickets are
 * answered by email.
 */
export interface ReplyChannelSettings {
  /** The configured `channels.email` accounts, in configuration order. */
  emailAccounts: readonly string[];
  /** Per channel whose replies leave by email: its account → the email account named by `replies.accountKey`. */
  replyAccounts: Readonly<Partial<Record<Channel, Readonly<Record<string, string>>>>>;
  /** Per channel with a reply window, per account: how long after the customer's last message a reply is taken. */
  windows: ReplyWindows;
  /**
   * Per channel whose replies leave by email, per account: the live chat account the reply
   * email links to, so the customer can continue there (absent: no link).
   */
  conversationLinks: Readonly<Partial<Record<Channel, Readonly<Record<string, ConversationLinkTarget>>>>>;
}

/**
 * The part of the configuration's `channels` block the choice needs: the accounts, and in
 * the channels whose replies leave by email the key naming that account. Read loosely
 * (a process that does not host a channel validates only this much of its section).
 */
export type ReplyChannelConfig = Partial<
  Record<Channel, ReadonlyArray<{ account: string } & Readonly<Record<string, unknown>>>>
>;

/**
 * The settings from the configuration's `channels` block. A reply account naming no
 * configured email account fails the start rather than every reply later.
 */
export function replyChannelSettings(channels: ReplyChannelConfig): ReplyChannelSettings {
  const emailAccounts = (channels.email ?? []).map((e) => e.account);
  const replyAccounts: Partial<Record<Channel, Record<string, string>>> = {};
  const conversationLinks: Partial<Record<Channel, Record<string, ConversationLinkTarget>>> = {};
  for (const channel of CHANNELS) {
    const replies = channelTraits(channel).replies;
    if (replies.via !== 'email') continue;
    const named = z.looseObject({ account: AccountName, [replies.accountKey]: AccountName.optional() });
    const byAccount: Record<string, string> = {};
    for (const entry of channels[channel] ?? []) {
      const parsed = named.parse(entry) as { account: string } & Record<string, string | undefined>;
      const emailAccount = parsed[replies.accountKey];
      if (!emailAccount) continue;
      if (!emailAccounts.includes(emailAccount))
        throw new Error(
          `channels.${channel}[${parsed.account}].${replies.accountKey}: no email account "${emailAccount}" is configured`,
        );
      byAccount[parsed.account] = emailAccount;
    }
    replyAccounts[channel] = byAccount;
    conversationLinks[channel] = linkTargets(channel, channels);
  }
  return { emailAccounts, replyAccounts, windows: replyWindows(channels), conversationLinks };
}

const LinkedLivechat = z.looseObject({
  account: AccountName,
  tokenSecret: z.string().min(16).optional(),
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
});
const LinkChoice = z.looseObject({
  account: AccountName,
  conversationLink: z
    .union([z.literal(false), z.strictObject({ livechatAccount: AccountName.optional() })])
    .optional(),
});

/**
 * Which live chat account each account of `channel` links its reply emails to: the one its
 * `conversationLink.livechatAccount` names (it must exist and have a `publicUrl`, or the
 * start fails), else the live chat account of the same name when it has a `publicUrl`;
 * `conversationLink: false` turns it off.
 */
function linkTargets(channel: Channel, channels: ReplyChannelConfig): Record<string, ConversationLinkTarget> {
  const livechat = new Map((channels.livechat ?? []).map((e) => [e.account, LinkedLivechat.parse(e)]));
  const targets: Record<string, ConversationLinkTarget> = {};
  for (const entry of channels[channel] ?? []) {
    const { account, conversationLink } = LinkChoice.parse(entry);
    if (conversationLink === false) continue;
    const named = conversationLink?.livechatAccount;
    const chat = livechat.get(named ?? account);
    if (named && !chat)
      throw new Error(
        `channels.${channel}[${account}].conversationLink.livechatAccount: no live chat account "${named}" is configured`,
      );
    if (named && !chat?.publicUrl)
      throw new Error(
        `channels.${channel}[${account}].conversationLink: live chat account "${named}" has no publicUrl to link to`,
      );
    if (!chat?.publicUrl) continue;
    targets[account] = {
      livechatAccount: chat.account,
      tokenSecret: chat.tokenSecret,
      publicUrl: chat.publicUrl,
    };
  }
  return targets;
}

/** A reply's way out: the channel and account it leaves through and the address it goes to. */
export interface ReplyRoute {
  channel: Channel;
  account: string;
  recipient: { externalId: string; email?: string; externalChatId?: string };
  /** The customer wrote through another channel (a web form) that cannot carry the reply. */
  rerouted: boolean;
}

/** No way to reach the customer: `detail` says why, for a 409 problem or a skip reason. */
export interface ReplyRefusal {
  refused: string;
}

/** The message a reply answers: its channel, account and sender, as the customer wrote it. */
export interface ReplySource {
  channel: Channel;
  account: string;
  customerId: string;
  sender: { externalId?: string; email?: string };
  chatId?: string | null;
}

/**
 * The one rule for where a reply (a person's or an automatic acknowledgement) leaves:
 * through the channel the customer wrote on when its traits say it carries replies;
 * otherwise by email, to the address the customer gave (else their other email identity,
 * verified first), from the account the channel's config names or the first email account.
 * Without an address or an email account the reply is refused, never queued forever.
 */
export async function chooseReplyRoute(
  client: PoolClient,
  source: ReplySource,
  settings: ReplyChannelSettings,
): Promise<ReplyRoute | ReplyRefusal> {
  const replies = channelTraits(source.channel).replies;
  if (replies.via === 'same-channel') {
    if (!source.sender.externalId) return { refused: 'the message has no sender to reply to' };
    return {
      channel: source.channel,
      account: source.account,
      recipient: {
        externalId: source.sender.externalId,
        externalChatId: source.chatId ?? undefined,
        email: source.sender.email,
      },
      rerouted: false,
    };
  }
  const name = channelTraits(source.channel).label;
  if (replies.via === 'none')
    return { refused: `this customer can only be reached by ${name}, which cannot carry replies` };
  const account = settings.replyAccounts[source.channel]?.[source.account] ?? settings.emailAccounts[0];
  if (!account)
    return {
      refused: `this customer can only be reached by ${name}, which cannot carry replies, and no email account is configured to answer it`,
    };
  let address = source.sender.email?.trim().toLowerCase();
  if (!address) {
    const { rows } = await client.query<{ value: string }>(
      `SELECT i.value FROM identities i
        WHERE i.kind = 'email' AND i.customer_id IN (
          SELECT id FROM customers WHERE id = $1 OR merged_into = $1
          UNION SELECT merged_into FROM customers WHERE id = $1 AND merged_into IS NOT NULL)
        ORDER BY i.verified DESC, i.created_at DESC LIMIT 1`,
      [source.customerId],
    );
    address = rows[0]?.value;
  }
  if (!address)
    return {
      refused: `this customer can only be reached by ${name}, which cannot carry replies, and no email address is known for them`,
    };
  return {
    channel: 'email',
    account,
    recipient: { externalId: address, email: address },
    rerouted: true,
  };
}
