import { z } from 'zod';
import { AttachmentRef } from './attachment';
import { AccountName, Channel } from './channels';
import { IdentityClaim } from './identity';

export const INBOUND_VERSION = 1 as const;

/** What kind of content the customer sent; `text` is always filled with a readable rendering. */
export const ContentKind = z.enum([
  'text',
  'image',
  'video',
  'audio',
  'voice',
  'file',
  'sticker',
  'location',
  'contact',
  'postback',
  'reaction',
  'email',
  'form',
  'other',
]);
export type ContentKind = z.infer<typeof ContentKind>;

export const Sender = z.object({
  /** The sender's id on the platform (chat user id, PSID, email address, form contact). */
  externalId: z.string().min(1).max(320),
  /** Shown to agents; never used to identify anyone. */
  displayName: z.string().max(500).optional(),
  username: z.string().max(255).optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(64).optional(),
  /** BCP 47 language tag as the platform reports it. */
  locale: z.string().max(35).optional(),
  /** ISO 3166 country code as the platform reports it (Viber). */
  country: z.string().max(10).optional(),
  avatarUrl: z.string().max(2048).optional(),
});
export type Sender = z.infer<typeof Sender>;

/** Threading hints: everything the threading service needs to pick the ticket. */
export const ThreadInfo = z.object({
  /** Platform chat/conversation id (Telegram chat.id, VK peer_id…). */
  externalChatId: z.string().max(255).optional(),
  /** Email Message-ID (without angle brackets). */
  messageId: z.string().max(998).optional(),
  inReplyTo: z.string().max(998).optional(),
  references: z.array(z.string().max(998)).max(500).optional(),
  /** Subject with Re:/Fwd: prefixes normalized away. */
  subject: z.string().max(2000).optional(),
  /** Our ticket number found as `[#<number>]` in the subject. */
  ticketToken: z.number().int().positive().optional(),
  /** External id of the message this one replies to or quotes. */
  replyToExternalId: z.string().max(255).optional(),
  /** Email recipients, so threading can tell participants from strangers. */
  recipients: z
    .object({
      to: z.array(z.string().max(320)).max(500).optional(),
      cc: z.array(z.string().max(320)).max(500).optional(),
      deliveredTo: z.array(z.string().max(320)).max(50).optional(),
    })
    .optional(),
});
export type ThreadInfo = z.infer<typeof ThreadInfo>;

export const Location = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  title: z.string().max(500).optional(),
  address: z.string().max(1000).optional(),
});

export const Content = z.object({
  kind: ContentKind,
  /** Plain text (for an email reply: the new text, quoted history removed). */
  text: z.string().max(1_000_000),
  /** Sanitized HTML, when the channel has it. */
  html: z.string().max(5_000_000).optional(),
  /** The full plain body including quoted history, when it differs from `text`. */
  fullText: z.string().max(2_000_000).optional(),
  attachments: z.array(AttachmentRef).max(100).default([]),
  location: Location.optional(),
  /** Payload of a postback / quick reply button. */
  payload: z.string().max(2000).optional(),
});
export type Content = z.infer<typeof Content>;

export const Topic = z.object({ id: z.string().min(1).max(100), label: z.string().max(500).optional() });

export const InboundFlags = z.object({
  /** Out-of-office or other automatic reply: never auto-answer it. */
  autoReply: z.boolean().optional(),
  bounce: z.boolean().optional(),
  /** Mailing list or bulk mail. */
  list: z.boolean().optional(),
  /** An edit of a message already sent (same externalId). */
  edited: z.boolean().optional(),
  /** Our own message seen again (email from our address, a platform echo). */
  ownMessage: z.boolean().optional(),
  forwarded: z.boolean().optional(),
  /**
   * The message broke its format where the reading depended on it (a multipart whose boundary
   * never occurs, text before the headers, a sender address that cannot be read) and was read
   * the lenient way: what it shows may differ from what the sender meant, so its raw form is
   * kept at `rawRef`.
   */
  malformed: z.boolean().optional(),
  /**
   * Fields (`content.text`, `sender.displayName`, …) in which the adapter replaced characters
   * no database keeps or no text should carry — NUL, other C0 controls but tab, LF and CR,
   * unpaired UTF-16 surrogates — with U+FFFD (in ids, followed by a hash of the original).
   */
  textRepaired: z.array(z.string().max(200)).max(100).optional(),
});

/**
 * One message from a customer, normalized from any channel. Published by adapters on
 * `omni.inbound.v1`, consumed by threading.
 */
export const InboundMessage = z.object({
  version: z.literal(INBOUND_VERSION),
  /** Deterministic UUIDv5 of channel, account and externalId (see `messageId`). */
  id: z.string().uuid(),
  channel: Channel,
  account: AccountName,
  /** The platform's own id of the message: the idempotency key. */
  externalId: z.string().min(1).max(998),
  /** `outbound` for echoes of replies sent by us or by an agent in the platform's own UI. */
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  /** When the customer sent it (the platform's clock). */
  sentAt: z.iso.datetime({ offset: true }),
  /** When the adapter received it. */
  receivedAt: z.iso.datetime({ offset: true }),
  sender: Sender,
  identities: z.array(IdentityClaim).max(20),
  thread: ThreadInfo.default({}),
  content: Content,
  topic: Topic.optional(),
  flags: InboundFlags.default({}),
  /** Where the raw payload is kept, if it is (blob id). */
  rawRef: z.string().max(255).optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;
/** The shape adapters build (defaults may be left out). */
export type InboundMessageInput = z.input<typeof InboundMessage>;
