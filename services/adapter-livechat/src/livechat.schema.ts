import { z } from 'zod';

/** `POST /channels/livechat/{account}/sessions`: starts a visitor session or resumes one. */
export const SessionRequest = z.object({
  /** A token from an earlier session: the same conversation goes on (when it is still valid). */
  visitorToken: z.string().max(2000).optional(),
  name: z.string().trim().max(200).optional(),
  email: z.email().max(320).optional(),
  phone: z
    .string()
    .trim()
    .max(64)
    .regex(/^\+?[0-9 ()-]{5,}$/, 'a phone number: digits, spaces, "+", "(", ")", "-"')
    .optional(),
  topic: z.string().max(100).optional(),
  /** The site's own user id of a logged-in visitor, with `userHash` = hex HMAC-SHA256(userId, identity secret). */
  userId: z.string().min(1).max(255).optional(),
  userHash: z.string().max(128).optional(),
  /** The widget's language (BCP 47), so replies can use it. */
  locale: z.string().max(35).optional(),
});
export type SessionRequest = z.infer<typeof SessionRequest>;

/** A visitor message, as JSON or as one WebSocket frame. `clientMessageId` makes retries one message. */
export const VisitorMessage = z.object({
  text: z.string().trim().min(1),
  clientMessageId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, ".", "_", ":" and "-" only'),
});
export type VisitorMessage = z.infer<typeof VisitorMessage>;

/**
 * The text fields of a multipart `POST …/messages` (files beside them): the text may be empty
 * when a file is sent.
 */
export const VisitorUploadFields = z.object({
  text: z.string().trim().default(''),
  clientMessageId: VisitorMessage.shape.clientMessageId,
});

/** `POST …/receipts` or a frame: the visitor's client got a reply (`delivered`) or showed it (`read`, everything up to it). */
export const Receipt = z.object({
  status: z.enum(['delivered', 'read']),
  /** The reply's id; absent with `read`: everything received so far. */
  id: z.uuid().optional(),
});
export type Receipt = z.infer<typeof Receipt>;

/**
 * `POST …/choices` or a frame: the visitor pressed one of the buttons under a reply (a
 * survey's scale). It reaches the ticket as a `postback`, never as a message of theirs.
 */
export const ChoiceAnswer = z.object({
  /** The reply that offered the choices. */
  id: z.uuid(),
  /** The pressed choice's `payload`. */
  payload: z.string().min(1).max(64),
});
export type ChoiceAnswer = z.infer<typeof ChoiceAnswer>;

/** What the widget sends on its socket. */
export const ClientFrame = z.discriminatedUnion('type', [
  VisitorMessage.extend({ type: z.literal('message') }),
  ChoiceAnswer.extend({ type: z.literal('choice') }),
  Receipt.extend({ type: z.literal('receipt') }),
  z.object({ type: z.literal('typing') }),
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrame>;

/** One message of the conversation as the visitor sees it (history, pushes). */
export interface ConversationEntry {
  id: string;
  direction: 'inbound' | 'outbound';
  text: string;
  /**
   * Files of the message; `url` (relative to the server, absent when the file was not stored)
   * answers the bytes to this visitor's token only (`Authorization: Bearer`).
   */
  attachments: Array<{ name: string; mimeType: string; size: number; url?: string }>;
  /** The agent's name on replies. */
  author: string | null;
  createdAt: string;
  /** Replies only: `sent` (in the conversation), `delivered` (a client got it), `read`. */
  status: 'sent' | 'delivered' | 'read' | null;
  /** The client's id of a visitor message (the widget's pending bubble becomes this entry). */
  clientMessageId: string | null;
  /** Replies offering buttons only (a survey's scale): what each says and sends back. */
  choices?: Array<{ label: string; payload: string }>;
  /** With `choices`: the payload the visitor pressed, null until then (then the buttons are spent). */
  chosen?: string | null;
}

/** What the server sends on a socket. */
export type ServerFrame =
  | { type: 'ready'; conversationId: string }
  | { type: 'message'; message: ConversationEntry }
  | { type: 'accepted'; clientMessageId: string; id: string }
  /** A choice was taken (`payload`: the one recorded, the first pressed) for the reply `id`. */
  | { type: 'chosen'; id: string; payload: string }
  | { type: 'typing' }
  | { type: 'pong' }
  | { type: 'error'; code: string; detail: string; clientMessageId?: string }
  /** The server is going away: connect again (another replica takes over), resuming after the last id seen. */
  | { type: 'reconnect' };
