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
