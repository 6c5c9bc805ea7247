import { AccountName } from '@omni/contracts';
import { AttachmentLimits } from '@omni/service-kit';
import { z } from 'zod';

const Rate = z.strictObject({
  max: z.number().int().positive(),
  windowSeconds: z.number().int().positive(),
});

const LivechatTopic = z.strictObject({
  id: z.string().min(1).max(100),
  /** The label that travels with the message (routing, agents); shown when no `labels` entry fits. */
  label: z.string().min(1).max(500),
  /** The label in the visitor's words, per widget language: `{ ru: "Оплата", en: "Payment" }`. */
  labels: z.record(z.string(), z.string().min(1).max(500)).optional(),
});

/** One live-chat account: `channels.livechat[i]` of the YAML file (README, "Configuration"). */
export const LivechatAccount = z.strictObject({
  account: AccountName,
  /**
   * The secret the site signs its logged-in users with: `userHash` = hex HMAC-SHA256 of
   * `userId` under it. Absent: every visitor is anonymous (a `userId` is ignored).
   */
  identitySecret: z.string().min(16).optional(),
  /**
   * The key visitor tokens are signed with. Absent: one generated at first start and kept
   * in PostgreSQL, shared by every replica. Changing it signs every visitor out.
   */
  tokenSecret: z.string().min(16).optional(),
  /** Widget language: `ru`, `en`, or `auto` (the browser's choice between them). */
  language: z.enum(['ru', 'en', 'auto']).default('auto'),
  /** Sites allowed to embed the widget (CSP frame-ancestors) and call the API cross-site. Empty: our own pages only. */
  allowedOrigins: z.array(z.string()).default([]),
  /** Overrides of any widget string, per language: `{ ru: { title: "Чат с поддержкой" } }` (keys: README). */
  texts: z.record(z.string(), z.record(z.string(), z.string().max(2000))).default({}),
  /**
   * A reply the visitor has not read this many seconds after it reached the conversation is
   * sent by email (with the other unread ones, as one message) when the visitor left an
   * address, with a link back to the conversation. `0` or `false`: never.
   */
  offlineEmailDelaySeconds: z
    .union([
      z.literal(false),
      z
        .number()
        .int()
        .min(0)
        .max(30 * 86_400),
    ])
    .default(600)
    .transform((v) => (v === false ? 0 : v)),
  /** The `channels.email` account those emails leave from; absent: the first email account. */
  offlineEmailAccount: AccountName.optional(),
  /**
   * Where visitors reach this service (`https://chat.example.com`): the base of the link
   * back to the conversation in those emails. Absent: the email carries the replies only.
   */
  publicUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Topics the pre-chat form offers (the same shape as the web form's). */
  topics: z.array(LivechatTopic).default([]),
  /** Files a visitor may send (multipart `POST …/messages`): the web form's limits and defaults. */
  attachments: AttachmentLimits.prefault({}),
  limits: z
    .strictObject({
      /** Characters in one visitor message. */
      maxMessageChars: z.number().int().positive().max(100_000).default(5000),
      /** Open sockets of one visitor (tabs, devices); one more is refused. */
      maxSocketsPerVisitor: z.number().int().positive().default(5),
      /** A socket that sends nothing for this long is closed (the widget reconnects when used). */
      idleTimeoutSeconds: z.number().int().positive().default(1800),
      /** Per replica, in memory. */
      messagesPerVisitor: Rate.default({ max: 30, windowSeconds: 60 }),
      sessionsPerIp: Rate.default({ max: 30, windowSeconds: 600 }),
    })
    .prefault({}),
});
export type LivechatAccount = z.infer<typeof LivechatAccount>;
