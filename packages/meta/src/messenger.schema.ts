import { z } from 'zod';

/**
 * The Messenger Platform webhook payload (developers.facebook.com, "Webhook Events"; for
 * Instagram, "Instagram Platform Webhook Notification Examples"), parsed leniently: unknown
 * fields pass, and each `messaging` item is validated on its own by `messenger-normalize.ts`,
 * so one odd event never rejects its neighbours. Instagram's differences are optional
 * fields here: a reply to a story (`reply_to.story`), read receipts naming a `mid`,
 * `is_unsupported`.
 */
export const WebhookBody = z.object({
  object: z.string(),
  entry: z.array(z.unknown()).max(1000),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

export const Entry = z.object({
  id: z.string().optional(),
  time: z.number().optional(),
  messaging: z.array(z.unknown()).max(1000).optional(),
  /** Handover-protocol standby channel: events another app owns; never customer input for us. */
  standby: z.array(z.unknown()).optional(),
});

const Id = z.union([z.string().min(1).max(255), z.number().transform(String)]);
/** Milliseconds, though some examples send seconds or a numeric string. */
const Timestamp = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d{1,16}$/)
    .transform(Number),
]);

const AttachmentPayload = z
  .object({
    url: z.string().max(4096).optional(),
    title: z.string().max(2000).optional(),
    sticker_id: z.union([z.number(), z.string()]).optional(),
    coordinates: z.object({ lat: z.number(), long: z.number() }).optional(),
  })
  .passthrough();

export const FbAttachment = z.object({
  type: z.string().max(64),
  title: z.string().max(2000).optional(),
  url: z.string().max(4096).optional(),
  payload: AttachmentPayload.nullish(),
});
export type FbAttachment = z.infer<typeof FbAttachment>;

const Referral = z.object({
  ref: z.string().max(2000).optional(),
  source: z.string().max(255).optional(),
  type: z.string().max(255).optional(),
  ad_id: z.string().max(255).optional(),
});

export const MessagingEvent = z.object({
  sender: z.object({ id: Id.optional(), user_ref: z.string().optional() }),
  recipient: z.object({ id: Id.optional() }).optional(),
  timestamp: Timestamp,
  message: z
    .object({
      mid: z.string().min(1).max(255),
      text: z.string().max(100_000).optional(),
      is_echo: z.boolean().optional(),
      app_id: z.union([z.number(), z.string()]).optional(),
      metadata: z.string().max(1000).optional(),
      quick_reply: z.object({ payload: z.string().max(2000) }).optional(),
      reply_to: z
        .object({
          mid: z.string().max(255).optional(),
          /** Instagram: the person answered one of the account's stories. */
          story: z
            .object({ id: z.string().max(255).optional(), url: z.string().max(4096).optional() })
            .optional(),
        })
        .optional(),
      /** Instagram: a message type the API does not expose (a voice call, a poll…). */
      is_unsupported: z.boolean().optional(),
      attachments: z.array(FbAttachment).max(100).optional(),
      is_deleted: z.boolean().optional(),
    })
    .optional(),
  message_edit: z
    .object({
      mid: z.string().min(1).max(255),
      text: z.string().max(100_000).default(''),
      num_edit: z.unknown().optional(),
    })
    .optional(),
  postback: z
    .object({
      mid: z.string().max(255).optional(),
      title: z.string().max(2000).optional(),
      payload: z.string().max(2000).optional(),
      referral: Referral.optional(),
    })
    .optional(),
  referral: Referral.optional(),
  reaction: z
    .object({
      reaction: z.string().max(64).optional(),
      emoji: z.string().max(64).optional(),
      action: z.string().max(32),
      mid: z.string().min(1).max(255),
    })
    .optional(),
  delivery: z
    .object({ mids: z.array(z.string().min(1).max(255)).max(1000).optional(), watermark: Timestamp })
    .optional(),
  /** Messenger names a time (`watermark`); Instagram (`messaging_seen`) the message read (`mid`). */
  read: z.object({ watermark: Timestamp.optional(), mid: z.string().min(1).max(255).optional() }).optional(),
});
export type MessagingEvent = z.infer<typeof MessagingEvent>;
