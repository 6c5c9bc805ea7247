import { z } from 'zod';

/**
 * VK Callback API / Bots Long Poll event envelope (dev.vk.com, "Callback API"): the same
 * shape arrives by both transports. Parsed leniently: unknown fields pass, each event's
 * object is validated by `normalize.ts` for the kinds we map.
 */
export const VkEvent = z.object({
  type: z.string().min(1).max(100),
  object: z.unknown().optional(),
  group_id: z.number().int().optional(),
  event_id: z.string().max(200).optional(),
  v: z.string().max(20).optional(),
  secret: z.string().max(1000).optional(),
});
export type VkEvent = z.infer<typeof VkEvent>;

const Int = z.number().int();

const PhotoSize = z.object({
  url: z.string().max(4096).optional(),
  src: z.string().max(4096).optional(),
  type: z.string().max(8).optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});

export const VkAttachment = z
  .object({
    type: z.string().max(64),
    photo: z
      .object({ sizes: z.array(PhotoSize).max(50).default([]) })
      .passthrough()
      .optional(),
    doc: z
      .object({
        url: z.string().max(4096).optional(),
        title: z.string().max(1000).optional(),
        ext: z.string().max(50).optional(),
        size: z.number().optional(),
      })
      .passthrough()
      .optional(),
    audio_message: z
      .object({
        link_mp3: z.string().max(4096).optional(),
        link_ogg: z.string().max(4096).optional(),
        duration: z.number().optional(),
      })
      .passthrough()
      .optional(),
    sticker: z
      .object({ sticker_id: Int.optional(), images: z.array(PhotoSize).max(50).optional() })
      .passthrough()
      .optional(),
    graffiti: z
      .object({ url: z.string().max(4096).optional() })
      .passthrough()
      .optional(),
    video: z
      .object({ owner_id: Int.optional(), id: Int.optional(), title: z.string().max(1000).optional() })
      .passthrough()
      .optional(),
    audio: z
      .object({ artist: z.string().max(1000).optional(), title: z.string().max(1000).optional() })
      .passthrough()
      .optional(),
    wall: z
      .object({
        owner_id: Int.optional(),
        from_id: Int.optional(),
        to_id: Int.optional(),
        id: Int.optional(),
        text: z.string().max(100_000).optional(),
      })
      .passthrough()
      .optional(),
    link: z
      .object({ url: z.string().max(4096).optional(), title: z.string().max(1000).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type VkAttachment = z.infer<typeof VkAttachment>;

interface Message {
  id?: number;
  date: number;
  peer_id?: number;
  from_id: number;
  text?: string;
  out?: number;
  conversation_message_id?: number;
  /** Set on messages the community sent: the `random_id` given to messages.send. */
  random_id?: number;
  attachments?: VkAttachment[];
  fwd_messages?: Message[];
  reply_message?: Message;
  geo?: { coordinates?: { latitude: number; longitude: number }; place?: { title?: string } };
  payload?: string;
}

export const VkMessage: z.ZodType<Message> = z.lazy(() =>
  z.object({
    id: Int.optional(),
    date: Int,
    peer_id: Int.optional(),
    from_id: Int,
    text: z.string().max(100_000).optional(),
    out: Int.optional(),
    conversation_message_id: Int.optional(),
    random_id: Int.optional(),
    attachments: z.array(VkAttachment).max(100).optional(),
    fwd_messages: z.array(VkMessage).max(100).optional(),
    reply_message: VkMessage.optional(),
    geo: z
      .object({
        coordinates: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
        place: z
          .object({ title: z.string().max(1000).optional() })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
    payload: z.string().max(5000).optional(),
  }),
);
export type VkMessage = Message;

/** `message_new` since API 5.103 wraps the message with the client's capabilities. */
export const MessageNewObject = z.object({ message: VkMessage, client_info: z.unknown().optional() });

export const MessageEventObject = z.object({
  user_id: Int,
  peer_id: Int,
  event_id: z.string().max(200),
  payload: z.unknown().optional(),
  conversation_message_id: Int.optional(),
});

export const MessageAllowDenyObject = z.object({ user_id: Int, key: z.string().optional() });
export const MessageReadObject = z.object({
  from_id: Int,
  peer_id: Int,
  read_message_id: Int.optional(),
  conversation_message_id: Int.optional(),
});
