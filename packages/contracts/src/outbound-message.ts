import { z } from 'zod';
import { AttachmentRef } from './attachment';
import { AccountName, Channel } from './channels';

export const OUTBOUND_VERSION = 1 as const;

/**
 * A reply leaving through a channel adapter. Written to the outbox with the reply in one
 * transaction and relayed to `omni.outbound.<channel>.v1`.
 */
export const OutboundMessage = z.object({
  version: z.literal(OUTBOUND_VERSION),
  /** Our message id (the stored outbound message). */
  id: z.string().uuid(),
  ticketId: z.string().uuid(),
  ticketNumber: z.number().int().positive(),
  channel: Channel,
  account: AccountName,
  recipient: z.object({
    /** Platform user id / email address of the customer. */
    externalId: z.string().min(1).max(320),
    externalChatId: z.string().max(255).optional(),
    email: z.string().max(320).optional(),
  }),
  content: z.object({
    text: z.string().max(1_000_000),
    html: z.string().max(5_000_000).optional(),
    attachments: z.array(AttachmentRef).max(100).default([]),
  }),
  thread: z
    .object({
      subject: z.string().max(2000).optional(),
      inReplyTo: z.string().max(998).optional(),
      references: z.array(z.string().max(998)).max(500).optional(),
      replyToExternalId: z.string().max(255).optional(),
    })
    .default({}),
  /**
   * Buttons offered under the text (a satisfaction survey's scale), rendered natively by the
   * channel's adapter: a Telegram inline keyboard, a Viber keyboard, Messenger/Instagram quick
   * replies, a VK keyboard, WhatsApp reply buttons or a list. A press comes back as an inbound
   * `postback` whose `payload` (or, on Viber, text) is the choice's `payload`. Never set for
   * channels without buttons (email): those get links in the text.
   */
  choices: z
    .array(
      z.object({
        /** What the button says (short: WhatsApp allows 20 characters). */
        label: z.string().min(1).max(20),
        /** What comes back when it is pressed (Telegram allows 64 bytes of callback data). */
        payload: z.string().min(1).max(64),
      }),
    )
    .min(1)
    .max(10)
    .optional(),
  /** Sent automatically (acknowledgement): emails carry `Auto-Submitted: auto-replied`. */
  automatic: z.boolean().default(false),
  /**
   * The channel's reply window (`replyWindowHours`) had closed when the reply was accepted,
   * and the account's configuration keeps replies possible (`replyWindowExtensions`): the
   * adapter sends it that way (a Messenger `HUMAN_AGENT` tag, a WhatsApp template).
   */
  outsideWindow: z.boolean().optional(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type OutboundMessage = z.infer<typeof OutboundMessage>;
export type OutboundMessageInput = z.input<typeof OutboundMessage>;
