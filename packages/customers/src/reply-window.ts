import { CHANNELS, type Channel, channelTraits } from '@omni/contracts';
import { named, type PoolClient } from '@omni/db';
import { customerAndMergedIds } from './customer.queries';
import type { ReplyChannelConfig } from './reply-channel';

/** How long after the customer's last message one account takes a reply. */
export interface AccountReplyWindow {
  /** The platform's window for free-form replies (`traits.replyWindowHours`). */
  hours: number;
  /**
   * Past it, replies are still taken up to this many hours (null: at any time) because the
   * account configures a way (`traits.replyWindowExtensions`); undefined: no way past it.
   */
  extendedHours: number | null | undefined;
}

/** Per channel with a reply window, per account: its window. */
export type ReplyWindows = Readonly<Partial<Record<Channel, Readonly<Record<string, AccountReplyWindow>>>>>;

/**
 * The reply windows of the configured accounts, from the traits and the accounts' own
 * settings (the first extension that applies) — read loosely (only the keys the traits
 * name), so the ticket API needs no adapter's schema. An account the configuration does not list has the bare window.
 */
export function replyWindows(channels: ReplyChannelConfig): ReplyWindows {
  const windows: Partial<Record<Channel, Record<string, AccountReplyWindow>>> = {};
  for (const channel of CHANNELS) {
    const traits = channelTraits(channel);
    if (traits.replyWindowHours === null) continue;
    const byAccount: Record<string, AccountReplyWindow> = {};
    for (const entry of channels[channel] ?? []) {
      const applies = (traits.replyWindowExtensions ?? []).find((ext) => {
        const set = entry[ext.accountKey];
        if (set === undefined || set === null || set === false) return false;
        return ext.value === undefined || set === ext.value;
      });
      byAccount[entry.account] = { hours: traits.replyWindowHours, extendedHours: applies?.hours };
    }
    windows[channel] = byAccount;
  }
  return windows;
}

/** Whether a reply is taken now, and how: inside the window, past it by the account's setting, or not. */
export type WindowVerdict =
  | { open: true; outsideWindow: boolean }
  | { open: false; detail: string; lastMessageAt: Date | null };

/**
 * Judges a reply to `recipient` on a channel and account against the reply window: the
 * time since the customer's (or a customer merged into them) last inbound message there
 * from that sender, by the platform's clock (`sent_at`: Meta counts from when the person
 * wrote). Channels without a window always pass.
 */
export async function judgeReplyWindow(
  client: PoolClient,
  windows: ReplyWindows,
  reply: { channel: Channel; account: string; customerId: string; recipientExternalId: string; now: Date },
): Promise<WindowVerdict> {
  const traits = channelTraits(reply.channel);
  if (traits.replyWindowHours === null) return { open: true, outsideWindow: false };
  const window = windows[reply.channel]?.[reply.account] ?? {
    hours: traits.replyWindowHours,
    extendedHours: undefined,
  };
  // The newest match of each of the customer's ids, read backwards along the customer's index.
  // As one filter over `customer_id = ANY(…)`, PostgreSQL read every message of the channel
  // instead (by the (ticket_id, channel) index) wherever the statistics did not say otherwise
  // (a new database before autovacuum's first ANALYZE): 311 buffers a reply at 5,000 messages in
  // `pnpm bench e2e`, against 10 this way, whatever the table's size.
  const { rows } = await client.query<{ last: Date | null }>(
    named(
      `SELECT max(m.sent_at) AS last FROM unnest(${customerAndMergedIds('$3')}) AS c(id)
        CROSS JOIN LATERAL (
          SELECT sent_at FROM messages
           WHERE customer_id = c.id AND direction = 'inbound' AND channel = $1 AND account = $2
             AND sender->>'externalId' = $4
           ORDER BY sent_at DESC LIMIT 1) m`,
      [reply.channel, reply.account, reply.customerId, reply.recipientExternalId],
    ),
  );
  const last = rows[0]?.last ?? null;
  const ageHours = last ? (reply.now.getTime() - last.getTime()) / 3_600_000 : Number.POSITIVE_INFINITY;
  if (ageHours <= window.hours) return { open: true, outsideWindow: false };
  const { extendedHours } = window;
  if (extendedHours === null || (extendedHours !== undefined && ageHours <= extendedHours))
    return { open: true, outsideWindow: true };
  const label = traits.label;
  const since = last
    ? `the customer last wrote on ${label} ${describeAge(ageHours)} ago`
    : `the customer never wrote on ${label} here`;
  const limit =
    extendedHours === undefined
      ? `${label} takes replies for ${window.hours} hours after the customer's last message, and this account configures no way past it`
      : `${label} takes replies for ${window.hours} hours after the customer's last message, ${extendedHours} hours with this account's setting`;
  return { open: false, detail: `${since}; ${limit}`, lastMessageAt: last };
}

function describeAge(hours: number): string {
  if (hours < 48) return `${Math.floor(hours)} hours`;
  return `${Math.floor(hours / 24)} days`;
}
