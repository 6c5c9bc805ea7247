import { z } from 'zod';
import { AccountName, Channel } from './channels';

export const DELIVERY_VERSION = 1 as const;
export const DeliveryStatus = z.enum(['queued', 'sent', 'failed', 'delivered', 'read']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** What an adapter learned about one of our outbound messages; on `omni.delivery.v1`. */
export const DeliveryReport = z.object({
  version: z.literal(DELIVERY_VERSION),
  /** Our outbound message id. */
  messageId: z.string().uuid(),
  ticketId: z.string().uuid().optional(),
  channel: Channel,
  account: AccountName,
  status: DeliveryStatus.exclude(['queued']),
  /** The platform's id of the sent message, when it gave one. */
  externalId: z.string().max(998).optional(),
  error: z
    .object({
      /** The platform's error code (Graph error code, Bot API error_code, SMTP reply code). */
      code: z.string().max(100),
      message: z.string().max(2000),
      retriable: z.boolean(),
    })
    .optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  /**
   * Set when the platform reports by time rather than by message (Messenger read
   * watermarks): the status applies to every outbound message to `recipientExternalId`
   * on this channel and account sent at or before this instant. `messageId` is then the
   * report's own deterministic id and matches no message.
   */
  watermark: z.iso.datetime({ offset: true }).optional(),
  /** The customer the report is about (platform user id), for watermark reports. */
  recipientExternalId: z.string().max(320).optional(),
});
export type DeliveryReport = z.infer<typeof DeliveryReport>;
