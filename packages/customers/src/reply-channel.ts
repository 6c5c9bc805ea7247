import type { Channel } from '@omni/contracts';
import type { PoolClient } from '@omni/db';

/**
 * Where replies can leave when the customer wrote through a channel that cannot carry
 * them: a web form has no way back, so its tickets are answered by email.
 */
export interface ReplyChannelSettings {
  /** The configured `channels.email` accounts, in configuration order. */
  emailAccounts: readonly string[];
  /** Web-form account → the email account its replies leave from (`replyEmailAccount`). */
  webformReplyAccounts: Readonly<Record<string, string>>;
}

/** The part of the configuration's `channels` block the choice needs. */
export interface ReplyChannelConfig {
  email: ReadonlyArray<{ account: string }>;
  webform: ReadonlyArray<{ account: string; replyEmailAccount?: string }>;
}

/**
 * The settings from the configuration's `channels` block. A `replyEmailAccount` naming no
 * configured email account fails the start rather than every reply later.
 */
export function replyChannelSettings(channels: ReplyChannelConfig): ReplyChannelSettings {
  const emailAccounts = channels.email.map((e) => e.account);
  const webformReplyAccounts: Record<string, string> = {};
  for (const w of channels.webform) {
    if (!w.replyEmailAccount) continue;
    if (!emailAccounts.includes(w.replyEmailAccount))
      throw new Error(
        `channels.webform[${w.account}].replyEmailAccount: no email account "${w.replyEmailAccount}" is configured`,
      );
    webformReplyAccounts[w.account] = w.replyEmailAccount;
  }
  return { emailAccounts, webformReplyAccounts };
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
 * through the channel the customer wrote on, except a web form, which has no consumer —
 * its replies go by email to the address typed in the form (else the customer's other
 * email identity, verified first) from the form's `replyEmailAccount` or the first email
 * account. Without an address or an email account the reply is refused, never queued
 * forever.
 */
export async function chooseReplyRoute(
  client: PoolClient,
  source: ReplySource,
  settings: ReplyChannelSettings,
): Promise<ReplyRoute | ReplyRefusal> {
  if (source.channel !== 'webform') {
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
  const account = settings.webformReplyAccounts[source.account] ?? settings.emailAccounts[0];
  if (!account)
    return {
      refused:
        'this customer can only be reached by web form, which cannot carry replies, and no email account is configured to answer it',
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
      refused:
        'this customer can only be reached by web form, which cannot carry replies, and no email address is known for them',
    };
  return {
    channel: 'email',
    account,
    recipient: { externalId: address, email: address },
    rerouted: true,
  };
}
