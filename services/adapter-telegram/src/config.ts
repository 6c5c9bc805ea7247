import { AccountName } from '@omni/contracts';
import { z } from 'zod';

const apiRoot = (url: string) => z.string().url().default(url);
const secret = z.string().min(1);

/** One bot: `channels.telegram[i]` of the YAML file (README, "Configuration"). */
export const TelegramAccount = z.strictObject({
  account: AccountName,
  token: secret,
  secretToken: secret.optional(),
  mode: z.enum(['webhook', 'polling']).default('webhook'),
  /** Public base URL; when set, setWebhook is called on start with our explicit path. */
  webhookBaseUrl: z.string().url().optional(),
  apiRoot: apiRoot('https://api.telegram.org'),
  /** Largest attachment stored, bytes (the Bot API's getFile serves at most 20 MB). */
  maxAttachmentBytes: z
    .number()
    .int()
    .positive()
    .default(20 * 1024 * 1024),
  /** Group and supergroup messages are acknowledged and ignored unless this is true. */
  acceptGroupChats: z.boolean().default(false),
  /** Long-polling wait per getUpdates call (polling mode). */
  pollingTimeoutSeconds: z.number().int().min(0).max(50).default(25),
});
export type TelegramAccount = z.infer<typeof TelegramAccount>;
