import { z } from 'zod';

/**
 * The WhatsApp Business Account webhook (developers.facebook.com, WhatsApp Cloud API,
 * "messages webhook reference"), parsed leniently and in layers: the envelope here, each
 * change's `value` and each message or status on its own in `normalize.ts`, so one odd
 * message never costs its neighbours.
 */
export const WebhookBody = z.object({
  object: z.string(),
  entry: z.array(z.unknown()).max(1000),
});
export type WebhookBody = z.infer<typeof WebhookBody>;

export const Entry = z.object({
  id: z.string().max(64).optional(),
  changes: z.array(z.unknown()).max(1000).default([]),
});

export const Change = z.object({ field: z.string().max(100), value: z.unknown() });

/** A WhatsApp user id: `wa_id` (digits of the phone number) or a business-scoped user id (`US.1349…`). */
const UserId = z.string().min(1).max(200);

export const Contact = z.object({
  profile: z
    .object({ name: z.string().max(500).optional(), username: z.string().max(255).optional() })
    .optional(),
  wa_id: UserId.optional(),
  /** The business-scoped user id (BSUID), sent whether or not the person hides their number. */
  user_id: UserId.optional(),
});

export const Value = z.object({
  messaging_product: z.string().optional(),
  metadata: z.object({
    display_phone_number: z.string().max(64).optional(),
    phone_number_id: z.string().max(64),
  }),
  contacts: z.array(z.unknown()).max(1000).default([]),
  messages: z.array(z.unknown()).max(1000).default([]),
  statuses: z.array(z.unknown()).max(1000).default([]),
  errors: z.array(z.unknown()).max(100).default([]),
});

/** Seconds since the epoch, as a string (the documented form) or a number. */
const Timestamp = z.union([
  z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  z.number().int().nonnegative(),
]);

export const WaError = z.object({
  code: z.number().int(),
  title: z.string().max(1000).optional(),
  message: z.string().max(2000).optional(),
  error_data: z.object({ details: z.string().max(2000).optional() }).optional(),
});
export type WaError = z.infer<typeof WaError>;

const Media = z.object({
  id: z.string().min(1).max(255),
  mime_type: z.string().max(255).optional(),
  sha256: z.string().max(255).optional(),
  caption: z.string().max(100_000).optional(),
  filename: z.string().max(1000).optional(),
  /** Audio recorded in WhatsApp (a voice note). */
  voice: z.boolean().optional(),
  animated: z.boolean().optional(),
});
export type Media = z.infer<typeof Media>;

const SharedContact = z.object({
  name: z
    .object({ formatted_name: z.string().max(1000).optional() })
    .passthrough()
    .optional(),
  phones: z
    .array(z.object({ phone: z.string().max(100).optional(), wa_id: z.string().max(100).optional() }))
    .max(50)
    .optional(),
  emails: z
    .array(z.object({ email: z.string().max(320).optional() }))
    .max(50)
    .optional(),
});

export const Message = z.object({
  /** The sender's wa_id; absent for a person who hides their number (then `from_user_id`). */
  from: UserId.optional(),
  from_user_id: UserId.optional(),
  id: z.string().min(1).max(255),
  timestamp: Timestamp,
  type: z.string().min(1).max(64),
  text: z.object({ body: z.string().max(100_000) }).optional(),
  image: Media.optional(),
  audio: Media.optional(),
  voice: Media.optional(),
  video: Media.optional(),
  document: Media.optional(),
  sticker: Media.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().max(1000).optional(),
      address: z.string().max(1000).optional(),
      url: z.string().max(4096).optional(),
    })
    .optional(),
  contacts: z.array(SharedContact).max(50).optional(),
  interactive: z
    .object({
      type: z.string().max(64),
      button_reply: z.object({ id: z.string().max(2000), title: z.string().max(2000) }).optional(),
      list_reply: z
        .object({
          id: z.string().max(2000),
          title: z.string().max(2000),
          description: z.string().max(2000).optional(),
        })
        .optional(),
    })
    .optional(),
  /** A quick-reply button of a template message. */
  button: z.object({ payload: z.string().max(2000).optional(), text: z.string().max(2000) }).optional(),
  reaction: z.object({ message_id: z.string().max(255), emoji: z.string().max(64).optional() }).optional(),
  context: z
    .object({
      from: z.string().max(200).optional(),
      id: z.string().max(255).optional(),
      forwarded: z.boolean().optional(),
      frequently_forwarded: z.boolean().optional(),
    })
    .optional(),
  errors: z.array(WaError).max(20).optional(),
});
export type Message = z.infer<typeof Message>;

export const Status = z.object({
  /** The wamid of our message. */
  id: z.string().min(1).max(255),
  status: z.string().max(32),
  timestamp: Timestamp,
  recipient_id: UserId.optional(),
  recipient_user_id: UserId.optional(),
  /** What we attached to the send (`omni:<our message id>`), echoed back. */
  biz_opaque_callback_data: z.string().max(512).optional(),
  errors: z.array(WaError).max(20).optional(),
});
export type Status = z.infer<typeof Status>;
