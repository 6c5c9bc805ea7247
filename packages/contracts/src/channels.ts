import { z } from 'zod';

/**
 * What the rest of the platform needs to know about a channel, as data: threading,
 * reply routing, the API and the CLI read it here, because they must not import the
 * adapters. The adapter itself (its config schema, routes, build) is its folder under
 * `services/` and its `ChannelDefinition` in the registry (`services/channels`).
 */
export interface ChannelTraits {
  /** How people call it (messages, listings): `web form`, `Facebook Messenger`. */
  readonly label: string;
  /**
   * How threading picks the ticket of a message that names none (no email reply headers,
   * no `[#<number>]` token): `continuous` — a chat, the customer's open ticket on the same
   * channel and account goes on (a resolved one inside the reopen window is reopened);
   * `per-message` — every such message opens a new ticket (a new email thread, each
   * web-form submission).
   */
  readonly conversation: 'continuous' | 'per-message';
  /**
   * Where a reply to this channel's customer leaves: through the channel itself; by email,
   * from the email account named by the channel account's `accountKey` (else the first
   * email account) to the customer's address; or nowhere.
   */
  readonly replies:
    | { readonly via: 'same-channel' }
    | { readonly via: 'email'; readonly accountKey: string }
    | { readonly via: 'none' };
  /** Hours after the customer's last message in which the platform takes a reply (Messenger: 24); null: no window. */
  readonly replyWindowHours: number | null;
  /**
   * What an account's configuration can do about a closed window: a reply is still taken
   * when the account has one of these settings (the first that applies counts). The
   * ticket API reads them from the configuration, never from the adapter; the reply then
   * carries `outsideWindow` and the adapter sends it the way that setting says (a message
   * tag, an approved template). Absent: a closed window refuses every reply.
   */
  readonly replyWindowExtensions?: readonly ReplyWindowExtension[];
  /**
   * Whether the adapter renders `OutboundMessage.choices` as native buttons (a satisfaction
   * survey's scale) and reports a press as a `postback`; without them a survey carries links
   * to the signed rating page instead.
   */
  readonly buttons: boolean;
  /** What the platform tells about our replies after they were sent. */
  readonly reports: { readonly delivered: boolean; readonly read: boolean };
  /**
   * The identity kind of the platform's own user ids (verified by the platform), or null
   * when the channel identifies people by contacts only (email, phone). `scope: account`:
   * the id is only meaningful within one account (Messenger's page-scoped ids), so the
   * stored value is prefixed with the account.
   */
  readonly userIdentity: { readonly kind: string; readonly scope: 'platform' | 'account' } | null;
}

/** One account setting that keeps replies possible after the platform's reply window. */
export interface ReplyWindowExtension {
  /** The key of the channel's account configuration (`messageTag`, `windowTemplate`). */
  readonly accountKey: string;
  /** Only when the key has this value (`HUMAN_AGENT`); absent: any value it may have. */
  readonly value?: string;
  /** Hours after the customer's last message in which a reply is taken with it; null: at any time. */
  readonly hours: number | null;
}

/**
 * Every channel the platform ingests, with its traits. Adding a channel is one entry here
 * (the compiler then asks for it wherever a channel must be handled), its adapter folder,
 * and one line in the registry of `services/channels` — see that package's README for the
 * whole list, guarded by tests. Order matters only for listings (OpenAPI enums).
 */
export const CHANNEL_TRAITS = {
  email: {
    label: 'email',
    conversation: 'per-message',
    replies: { via: 'same-channel' },
    replyWindowHours: null,
    buttons: false,
    reports: { delivered: false, read: false },
    userIdentity: null,
  },
  telegram: {
    label: 'Telegram',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: null,
    buttons: true,
    reports: { delivered: false, read: false },
    userIdentity: { kind: 'telegram', scope: 'platform' },
  },
  viber: {
    label: 'Viber',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: null,
    buttons: true,
    reports: { delivered: true, read: true },
    userIdentity: { kind: 'viber', scope: 'platform' },
  },
  facebook: {
    label: 'Facebook Messenger',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: 24,
    // HUMAN_AGENT: a person answers within 7 days; Meta puts no time limit on the other tags.
    replyWindowExtensions: [
      { accountKey: 'messageTag', value: 'HUMAN_AGENT', hours: 7 * 24 },
      { accountKey: 'messageTag', hours: null },
    ],
    buttons: true,
    reports: { delivered: true, read: true },
    userIdentity: { kind: 'facebook', scope: 'account' },
  },
  vk: {
    label: 'VK',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: null,
    buttons: true,
    reports: { delivered: false, read: true },
    userIdentity: { kind: 'vk', scope: 'platform' },
  },
  webform: {
    label: 'web form',
    conversation: 'per-message',
    replies: { via: 'email', accountKey: 'replyEmailAccount' },
    replyWindowHours: null,
    buttons: false,
    reports: { delivered: false, read: false },
    userIdentity: null,
  },
  whatsapp: {
    label: 'WhatsApp',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    // The customer service window; after it only an approved template may be sent.
    replyWindowHours: 24,
    replyWindowExtensions: [{ accountKey: 'windowTemplate', hours: null }],
    buttons: true,
    reports: { delivered: true, read: true },
    // wa_id (the phone number WhatsApp verified) or, for people who hide it, the business-scoped user id.
    userIdentity: { kind: 'whatsapp', scope: 'platform' },
  },
  instagram: {
    label: 'Instagram Direct',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: 24,
    replyWindowExtensions: [{ accountKey: 'messageTag', value: 'HUMAN_AGENT', hours: 7 * 24 }],
    buttons: true,
    reports: { delivered: false, read: true },
    // Instagram-scoped ids (IGSID) are only meaningful within one Instagram account.
    userIdentity: { kind: 'instagram', scope: 'account' },
  },
  max: {
    label: 'MAX',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: null,
    // `choices` become an inline keyboard of callback buttons; a press is a `message_callback`.
    buttons: true,
    reports: { delivered: false, read: false },
    // MAX user ids are global to the platform (the same person has one id for every bot).
    userIdentity: { kind: 'max', scope: 'platform' },
  },
  livechat: {
    label: 'live chat',
    conversation: 'continuous',
    replies: { via: 'same-channel' },
    replyWindowHours: null,
    // `choices` travel with the reply to the widget, which shows them as rating buttons.
    buttons: true,
    // delivered: a visitor's client acknowledged the reply; read: the visitor saw it.
    reports: { delivered: true, read: true },
    // The visitor key (`a-<random>` anonymous, `u-<userId>` a user the site signed) is the account's own.
    userIdentity: { kind: 'livechat', scope: 'account' },
  },
} as const satisfies Record<string, ChannelTraits>;

export type Channel = keyof typeof CHANNEL_TRAITS;
/** The channel names, in the order of the table. */
export const CHANNELS = Object.keys(CHANNEL_TRAITS) as [Channel, ...Channel[]];
export const Channel = z.enum(CHANNELS);

/** The traits of one channel, widened to the interface (for code that handles any channel). */
export function channelTraits(channel: Channel): ChannelTraits {
  return CHANNEL_TRAITS[channel];
}

/** Operator-chosen account name; it appears in URLs, so it is kept URL-safe. */
export const AccountName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only');
export type AccountName = z.infer<typeof AccountName>;
