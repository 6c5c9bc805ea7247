import { AccountName } from '@omni/contracts';
import { z } from 'zod';

/** One bot: `channels.max[i]` of the YAML file (README, "Configuration"). */
export const MaxAccount = z
  .strictObject({
    account: AccountName,
    /** The bot's token (business.max.ru → Chat bots → Settings), sent in the `Authorization` header. */
    token: z.string().min(1),
    /**
     * Sent by MAX in `X-Max-Bot-Api-Secret` on every webhook request (POST /subscriptions:
     * 5–256 characters of A–Z, a–z, 0–9, `_` and `-`). Required in webhook mode.
     */
    secret: z
      .string()
      .regex(/^[\w-]{5,256}$/, '5–256 characters of A–Z, a–z, 0–9, "_" and "-" (as MAX accepts it)')
      .optional(),
    /** `webhook`: MAX posts updates to us; `polling`: GET /updates, for servers without a public HTTPS URL. */
    mode: z.enum(['webhook', 'polling']).default('webhook'),
    /** Public base URL; when set, POST /subscriptions is called on start with our explicit path. */
    webhookBaseUrl: z.string().url().optional(),
    apiRoot: z.string().url().default('https://platform-api2.max.ru'),
    /** Largest attachment stored at ingestion, bytes. */
    maxAttachmentBytes: z
      .number()
      .int()
      .positive()
      .default(50 * 1024 * 1024),
    /** Group chat messages are acknowledged and ignored unless this is true. */
    acceptGroupChats: z.boolean().default(false),
    /** The one-time notification shown when a customer presses a callback button (POST /answers). */
    callbackNotification: z.string().min(1).max(200).default('✓'),
    /** Long-polling wait per GET /updates call (polling mode; MAX allows 0–90). */
    pollingTimeoutSeconds: z.number().int().min(0).max(90).default(30),
  })
  .refine((a) => a.mode === 'polling' || a.secret !== undefined, {
    message: 'webhook mode needs `secret` (it proves an update came from MAX)',
    path: ['secret'],
  });
export type MaxAccount = z.infer<typeof MaxAccount>;
