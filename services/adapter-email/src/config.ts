import { AccountName } from '@omni/contracts';
import { z } from 'zod';

const secret = z.string().min(1);

/** One mailbox: `channels.email[i]` of the YAML file (README, "Configuration"). */
export const EmailAccount = z.strictObject({
  account: AccountName,
  address: z.string().min(3),
  imap: z.strictObject({
    host: z.string().min(1),
    port: z.number().int().positive().default(993),
    secure: z.boolean().default(true),
    user: z.string().min(1),
    password: secret,
    mailbox: z.string().default('INBOX'),
  }),
  smtp: z
    .strictObject({
      host: z.string().min(1),
      port: z.number().int().positive().default(465),
      secure: z.boolean().default(true),
      user: z.string().min(1).optional(),
      password: secret.optional(),
    })
    .optional(),
  /** Display name on our replies (`Support <support@example.com>`). */
  fromName: z.string().min(1).max(200).optional(),
  /** Wait with IMAP IDLE when the server supports it; otherwise (or when false) poll. */
  idle: z.boolean().default(true),
  /** Polling interval without IDLE, and the longest IDLE before a re-check. */
  pollIntervalSeconds: z.number().positive().default(60),
  /** Messages fetched and published per batch (one cursor commit each). */
  batchSize: z.number().int().min(1).max(1000).default(50),
  /** A larger message is set aside with a logged reason (its headers are still ingested). */
  maxMessageBytes: z
    .number()
    .int()
    .positive()
    .default(25 * 1024 * 1024),
  /** A larger attachment is recorded as skipped with the reason. */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Off by default: the mailbox is not modified unless configured. */
  markSeen: z.boolean().default(false),
  /** Move ingested messages to this mailbox (off by default). */
  moveTo: z.string().min(1).optional(),
});
export type EmailAccount = z.infer<typeof EmailAccount>;
