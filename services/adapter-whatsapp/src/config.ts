import { AccountName } from '@omni/contracts';
import { GraphVersion, MaxAttachmentBytes } from '@omni/meta';
import { z } from 'zod';

const secret = z.string().min(1);

/**
 * An approved message template sent instead of a reply once the 24-hour customer service
 * window has closed (only templates may start a conversation then). Its body parameters
 * `{{1}}`, `{{2}}`… are filled, in order, with what `bodyParameters` names.
 */
export const WindowTemplate = z.strictObject({
  /** The template's name as approved in WhatsApp Manager. */
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, 'lower-case letters, digits and "_" only'),
  /** Its language code (`en_US`, `ru`). */
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/),
  /** `reply-text`: the agent's text (on one line, shortened); `ticket-number`: the ticket's number. */
  bodyParameters: z
    .array(z.enum(['reply-text', 'ticket-number']))
    .max(10)
    .default([]),
});
export type WindowTemplate = z.infer<typeof WindowTemplate>;

/** One business phone number: `channels.whatsapp[i]` of the YAML file (README). */
export const WhatsAppAccount = z.strictObject({
  account: AccountName,
  /** The Cloud API's id of the business phone number (not the number itself). */
  phoneNumberId: z.string().regex(/^\d{1,32}$/, 'the numeric phone number ID of WhatsApp Manager'),
  /** A system user's access token with whatsapp_business_messaging. */
  accessToken: secret,
  appSecret: secret,
  verifyToken: secret,
  apiRoot: z.string().url().default('https://graph.facebook.com'),
  graphVersion: GraphVersion,
  /** Sent instead of a reply after the 24-hour window; absent: the ticket API refuses such replies (409). */
  windowTemplate: WindowTemplate.optional(),
  /** Largest media file stored at ingestion, bytes (the Cloud API's own limit is 100 MB for documents). */
  maxAttachmentBytes: MaxAttachmentBytes,
});
export type WhatsAppAccount = z.infer<typeof WhatsAppAccount>;
