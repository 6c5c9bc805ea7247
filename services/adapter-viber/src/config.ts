import { AccountName } from '@omni/contracts';
import { z } from 'zod';

const apiRoot = (url: string) => z.string().url().default(url);
const secret = z.string().min(1);

/** One bot: `channels.viber[i]` of the YAML file (README, "Configuration"). */
export const ViberAccount = z.strictObject({
  account: AccountName,
  authToken: secret,
  senderName: z.string().min(1).max(28),
  senderAvatar: z.string().url().optional(),
  webhookBaseUrl: z.string().url().optional(),
  apiRoot: apiRoot('https://chatapi.viber.com'),
  /** Largest media file stored at ingestion, bytes (Viber accepts files up to 50 MB). */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(50 * 1024 * 1024),
});
export type ViberAccount = z.infer<typeof ViberAccount>;
