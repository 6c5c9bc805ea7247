import JSONbig from 'json-bigint';
import { z } from 'zod';

/**
 * Viber's `message_token` (and some timestamps) exceed 2^53: `JSON.parse` would round
 * them, and two different messages could get one id. Integers longer than 15 digits are
 * kept as their exact decimal text; `__proto__`/`constructor` keys are refused.
 */
const lossless = JSONbig({ storeAsString: true, protoAction: 'error', constructorAction: 'error' });

/** Parses JSON text without losing large integers; throws on malformed input. */
export function parseLosslessJson(text: string): unknown {
  try {
    return lossless.parse(text);
  } catch (err) {
    // json-bigint throws plain objects; make it an Error with its message.
    const message =
      typeof err === 'object' && err !== null && 'message' in err
        ? String((err as { message: unknown }).message)
        : String(err);
    throw new SyntaxError(message);
  }
}

/** An integer that may have arrived as exact text (see `parseLosslessJson`). */
const Token = z.union([z.string().regex(/^\d{1,30}$/), z.number().int().nonnegative()]).transform(String);
/** A number that json-bigint may have kept as text because it had more than 15 characters. */
const Num = z.union([
  z.number(),
  z
    .string()
    .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/)
    .transform(Number),
]);

export const ViberUser = z.looseObject({
  id: z.string().min(1).max(255),
  name: z.string().max(1000).optional(),
  avatar: z.string().max(2048).optional(),
  country: z.string().max(10).optional(),
  language: z.string().max(35).optional(),
  api_version: Num.optional(),
});
export type ViberUser = z.infer<typeof ViberUser>;

/** developers.viber.com/docs/api/rest-bot-api/#receive-message-from-user */
export const ViberMessage = z.looseObject({
  type: z.string().max(50),
  text: z.string().max(100_000).optional(),
  media: z.string().max(4096).optional(),
  thumbnail: z.string().max(4096).optional(),
  file_name: z.string().max(1000).optional(),
  size: Num.optional(),
  duration: Num.optional(),
  sticker_id: z.union([z.string(), z.number()]).optional(),
  location: z
    .looseObject({ lat: Num.pipe(z.number().min(-90).max(90)), lon: Num.pipe(z.number().min(-180).max(180)) })
    .optional(),
  contact: z
    .looseObject({
      name: z.string().max(1000).optional(),
      phone_number: z.string().max(64).optional(),
      avatar: z.string().optional(),
    })
    .optional(),
  tracking_data: z.string().max(4096).optional(),
});
export type ViberMessage = z.infer<typeof ViberMessage>;

const Base = {
  timestamp: Num.optional(),
  message_token: Token.optional(),
  chat_hostname: z.string().optional(),
};

export const ViberCallback = z.discriminatedUnion('event', [
  z.looseObject({
    event: z.literal('message'),
    ...Base,
    message_token: Token,
    sender: ViberUser,
    message: ViberMessage,
  }),
  z.looseObject({
    event: z.literal('conversation_started'),
    ...Base,
    user: ViberUser,
    type: z.string().optional(),
    subscribed: z.boolean().optional(),
  }),
  z.looseObject({ event: z.literal('subscribed'), ...Base, user: ViberUser }),
  z.looseObject({ event: z.literal('unsubscribed'), ...Base, user_id: z.string().max(255) }),
  z.looseObject({
    event: z.enum(['delivered', 'seen']),
    ...Base,
    message_token: Token,
    user_id: z.string().max(255).optional(),
  }),
  z.looseObject({
    event: z.literal('failed'),
    ...Base,
    message_token: Token,
    user_id: z.string().max(255).optional(),
    desc: z.string().max(2000).optional(),
  }),
  z.looseObject({ event: z.literal('webhook'), ...Base }),
]);
export type ViberCallback = z.infer<typeof ViberCallback>;

/** The events we know by name; anything else is acknowledged and logged at debug. */
export const KNOWN_EVENTS = [
  'message',
  'conversation_started',
  'subscribed',
  'unsubscribed',
  'delivered',
  'seen',
  'failed',
  'webhook',
] as const;

/** Just the event name. */
export const ViberEventName = z.looseObject({ event: z.string().max(100) });

/** What a body from Viber turned out to be (see `readCallback`). */
export type ReadCallback =
  | { kind: 'callback'; callback: ViberCallback }
  | { kind: 'unknown-event'; event: string }
  | { kind: 'malformed'; event: string; reason: string }
  | { kind: 'not-a-callback' };

/**
 * Reads a body with one parse when it is a callback in our shape (nearly every webhook);
 * only one that fails is parsed again for its event name alone, to tell an event we do not
 * know (acknowledged) from a known one that is broken (dead-lettered) and from no callback
 * at all (refused).
 */
export function readCallback(raw: unknown): ReadCallback {
  const parsed = ViberCallback.safeParse(raw);
  if (parsed.success) return { kind: 'callback', callback: parsed.data };
  const name = ViberEventName.safeParse(raw);
  if (!name.success) return { kind: 'not-a-callback' };
  const { event } = name.data;
  if (!(KNOWN_EVENTS as readonly string[]).includes(event)) return { kind: 'unknown-event', event };
  const reason = `the ${event} callback does not match Viber's shape: ${parsed.error.issues[0]?.message}`;
  return { kind: 'malformed', event, reason };
}
