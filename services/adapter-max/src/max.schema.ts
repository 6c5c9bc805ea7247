import { z } from 'zod';

/**
 * The parts of a MAX Bot API `Update` (max-messenger/api-schema `schema.yaml`, dev.max.ru
 * docs-api "Update") this adapter reads. Loose objects: MAX adds fields, and an unknown
 * field must never turn an update into an error. Only what we map is validated.
 */
export const MaxUser = z.looseObject({
  user_id: z.number().int(),
  first_name: z.string().max(1000).optional(),
  last_name: z.string().max(1000).nullish(),
  /** Older payloads (and the deep-linking example) carry one `name` instead of first/last. */
  name: z.string().max(1000).nullish(),
  username: z.string().max(255).nullish(),
  is_bot: z.boolean().optional(),
});
export type MaxUser = z.infer<typeof MaxUser>;

const Url = z.string().min(1).max(4096);

/** Message attachments by `type` (schema `Attachment`'s discriminator). */
export const MaxAttachment = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('image'),
    payload: z.looseObject({ photo_id: z.number().optional(), token: z.string().optional(), url: Url }),
  }),
  z.looseObject({
    type: z.literal('video'),
    payload: z.looseObject({ url: Url.optional(), token: z.string().min(1).max(1000) }),
  }),
  z.looseObject({
    type: z.literal('audio'),
    payload: z.looseObject({ url: Url, token: z.string().optional() }),
    transcription: z.string().max(100_000).nullish(),
  }),
  z.looseObject({
    type: z.literal('file'),
    payload: z.looseObject({ url: Url, token: z.string().optional() }),
    filename: z.string().max(1000),
    size: z.number().int().nonnegative(),
  }),
  z.looseObject({
    type: z.literal('sticker'),
    payload: z.looseObject({ url: Url, code: z.string().max(255) }),
  }),
  z.looseObject({
    type: z.literal('contact'),
    payload: z.looseObject({
      vcf_info: z.string().max(100_000).nullish(),
      max_info: MaxUser.nullish(),
    }),
  }),
  z.looseObject({
    type: z.literal('location'),
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
  }),
  z.looseObject({
    type: z.literal('share'),
    payload: z.looseObject({ url: z.string().max(4096).nullish() }),
    title: z.string().max(2000).nullish(),
    description: z.string().max(10_000).nullish(),
  }),
  z.looseObject({ type: z.literal('inline_keyboard') }),
]);
export type MaxAttachment = z.infer<typeof MaxAttachment>;

/** Attachment types this adapter does not know yet are kept out of the union, not refused. */
const AnyAttachment = z.looseObject({ type: z.string().max(100) });

export const MaxMessageBody = z.looseObject({
  mid: z.string().min(1).max(255),
  seq: z.number().optional(),
  text: z.string().max(100_000).nullish(),
  attachments: z.array(AnyAttachment).max(100).nullish(),
});

export const MaxMessage = z.looseObject({
  sender: MaxUser.nullish(),
  recipient: z.looseObject({
    chat_id: z.number().int().nullish(),
    chat_type: z.string().max(50),
    user_id: z.number().int().nullish(),
  }),
  /** Milliseconds since the epoch. */
  timestamp: z.number().int().nonnegative(),
  link: z
    .looseObject({
      type: z.string().max(50),
      sender: MaxUser.nullish(),
      chat_id: z.number().int().nullish(),
      message: z.looseObject({ mid: z.string().max(255).optional() }),
    })
    .nullish(),
  body: MaxMessageBody,
});
export type MaxMessage = z.infer<typeof MaxMessage>;

const Base = { timestamp: z.number().int().nonnegative(), user_locale: z.string().max(35).nullish() };

/**
 * An update by `update_type`. Kinds not listed here parse as {@link MaxOtherUpdate} and are
 * reported as ignored by name.
 */
export const MaxKnownUpdate = z.discriminatedUnion('update_type', [
  z.looseObject({ update_type: z.literal('message_created'), message: MaxMessage, ...Base }),
  z.looseObject({ update_type: z.literal('message_edited'), message: MaxMessage, ...Base }),
  z.looseObject({
    update_type: z.literal('message_removed'),
    message_id: z.string().max(255),
    chat_id: z.number().int(),
    user_id: z.number().int(),
    ...Base,
  }),
  z.looseObject({
    update_type: z.literal('message_callback'),
    callback: z.looseObject({
      timestamp: z.number().int().nonnegative(),
      callback_id: z.string().min(1).max(1000),
      payload: z.string().max(2000).nullish(),
      user: MaxUser,
    }),
    message: MaxMessage.nullish(),
    ...Base,
  }),
  z.looseObject({
    update_type: z.literal('bot_started'),
    chat_id: z.number().int(),
    user: MaxUser,
    payload: z.string().max(2000).nullish(),
    ...Base,
  }),
  z.looseObject({
    update_type: z.literal('bot_stopped'),
    chat_id: z.number().int(),
    user: MaxUser,
    ...Base,
  }),
]);
export type MaxKnownUpdate = z.infer<typeof MaxKnownUpdate>;

/** Just enough to know what an update is, even when its content does not parse. */
export const MaxUpdateHead = z.looseObject({
  update_type: z.string().min(1).max(100),
  timestamp: z.number().int().nonnegative(),
});
export type MaxUpdateHead = z.infer<typeof MaxUpdateHead>;

/** The kinds this adapter maps (subscribed to, asked for when polling). */
export const HANDLED_UPDATES = [
  'message_created',
  'message_edited',
  'message_removed',
  'message_callback',
  'bot_started',
  'bot_stopped',
] as const;

/** GET /updates: a page of updates and the marker of the next one. */
export const MaxUpdateList = z.looseObject({
  updates: z.array(z.unknown()).max(1000),
  marker: z.number().int().nullish(),
});
