import { z } from 'zod';

/**
 * The parts of a Bot API `Update` (core.telegram.org/bots/api#update) this adapter reads.
 * Loose objects: Telegram adds fields often, and an unknown field must never turn an
 * update into an error. Only what we map is validated.
 */
export const TgUser = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().max(1000).default(''),
  last_name: z.string().max(1000).optional(),
  username: z.string().max(255).optional(),
  language_code: z.string().max(35).optional(),
});
export type TgUser = z.infer<typeof TgUser>;

export const TgChat = z.looseObject({
  id: z.number().int(),
  type: z.string().max(50),
  title: z.string().optional(),
  username: z.string().optional(),
});

const FileBase = {
  file_id: z.string().min(1).max(1000),
  file_unique_id: z.string().max(1000).optional(),
  file_size: z.number().int().nonnegative().optional(),
};
const TgPhotoSize = z.looseObject({
  ...FileBase,
  width: z.number().optional(),
  height: z.number().optional(),
});
const TgNamedFile = z.looseObject({
  ...FileBase,
  file_name: z.string().max(1000).optional(),
  mime_type: z.string().max(255).optional(),
});
const TgSticker = z.looseObject({
  ...FileBase,
  emoji: z.string().max(50).optional(),
  is_animated: z.boolean().optional(),
  is_video: z.boolean().optional(),
});
const TgLocation = z.looseObject({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
});

/** A message as it can appear in `reply_to_message` (one level deep: Telegram does not nest further). */
const MessageFields = {
  message_id: z.number().int(),
  date: z.number().int().nonnegative(),
  chat: TgChat,
  from: TgUser.optional(),
  sender_chat: TgChat.optional(),
  text: z.string().max(100_000).optional(),
  caption: z.string().max(100_000).optional(),
  photo: z.array(TgPhotoSize).max(50).optional(),
  document: TgNamedFile.optional(),
  audio: TgNamedFile.extend({ title: z.string().optional(), performer: z.string().optional() }).optional(),
  voice: TgNamedFile.optional(),
  video: TgNamedFile.optional(),
  video_note: TgNamedFile.optional(),
  animation: TgNamedFile.optional(),
  sticker: TgSticker.optional(),
  location: TgLocation.optional(),
  venue: z
    .looseObject({ location: TgLocation, title: z.string().max(500), address: z.string().max(1000) })
    .optional(),
  contact: z
    .looseObject({
      phone_number: z.string().min(1).max(64),
      first_name: z.string().max(1000).default(''),
      last_name: z.string().max(1000).optional(),
      user_id: z.number().int().optional(),
    })
    .optional(),
  edit_date: z.number().int().optional(),
  /** Bot API 7.0+: who the original author was. */
  forward_origin: z.looseObject({ type: z.string(), date: z.number().optional() }).optional(),
  /** Before Bot API 7.0. */
  forward_date: z.number().optional(),
};

export const TgReplied = z.looseObject({ message_id: z.number().int(), chat: TgChat.optional() });

export const TgMessage = z.looseObject({ ...MessageFields, reply_to_message: TgReplied.optional() });
export type TgMessage = z.infer<typeof TgMessage>;

export const TgCallbackQuery = z.looseObject({
  id: z.string().min(1).max(255),
  from: TgUser,
  data: z.string().max(2000).optional(),
  message: z.looseObject({ message_id: z.number().int(), chat: TgChat }).optional(),
});

/**
 * An update: `update_id` plus at most one of the optional members. Members we do not read
 * stay in the loose object and are reported as ignored by name.
 */
export const TgUpdate = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: TgMessage.optional(),
  edited_message: TgMessage.optional(),
  channel_post: z.unknown().optional(),
  edited_channel_post: z.unknown().optional(),
  callback_query: TgCallbackQuery.optional(),
});
export type TgUpdate = z.infer<typeof TgUpdate>;

/** Just enough to know which update this is, even when its content does not parse. */
export const TgUpdateId = z.looseObject({ update_id: z.number().int().nonnegative() });

/**
 * What a body from Telegram turned out to be: an update in our shape, an update whose
 * content does not match it (dead-lettered under its id), or no update at all (no
 * `update_id`: refused).
 */
export type ReadUpdate =
  | { kind: 'update'; updateId: number; update: TgUpdate; raw: unknown }
  | { kind: 'malformed'; updateId: number; reason: string; raw: unknown }
  | { kind: 'not-an-update'; error: z.ZodError };

/**
 * Reads a body with one parse when it is a well-formed update (every webhook but the
 * rare broken one); only a body that fails is parsed again, for its id alone.
 */
export function readUpdate(raw: unknown): ReadUpdate {
  const parsed = TgUpdate.safeParse(raw);
  if (parsed.success) return { kind: 'update', updateId: parsed.data.update_id, update: parsed.data, raw };
  const id = TgUpdateId.safeParse(raw);
  if (!id.success) return { kind: 'not-an-update', error: id.error };
  const reason = `the update does not match the Bot API shape: ${parsed.error.issues[0]?.message}`;
  return { kind: 'malformed', updateId: id.data.update_id, reason, raw };
}
