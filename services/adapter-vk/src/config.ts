import { AccountName } from '@omni/contracts';
import { z } from 'zod';

const apiRoot = (url: string) => z.string().url().default(url);
const secret = z.string().min(1);

/** One community: `channels.vk[i]` of the YAML file (README). */
export const VkAccount = z
  .strictObject({
    account: AccountName,
    groupId: z.number().int().positive(),
    accessToken: secret,
    /** Callback API secret; required in `callback` mode. */
    secret: secret.optional(),
    /** Callback API confirmation string; required in `callback` mode. */
    confirmation: z.string().min(1).optional(),
    apiRoot: apiRoot('https://api.vk.com'),
    apiVersion: z
      .string()
      .regex(/^\d+\.\d+$/)
      .default('5.199'),
    /** `callback`: VK posts to our URL; `longpoll`: Bots Long Poll, for servers without a public URL. */
    mode: z.enum(['callback', 'longpoll']).default('callback'),
    /** Fetch senders' names through users.get (cached; never blocks ingestion). */
    fetchProfiles: z.boolean().default(false),
    /** Largest attachment stored at ingestion, bytes. */
    maxAttachmentBytes: z
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
  })
  .refine((a) => a.mode === 'longpoll' || (a.secret !== undefined && a.confirmation !== undefined), {
    message: 'callback mode needs both `secret` and `confirmation`',
    path: ['secret'],
  });
export type VkAccount = z.infer<typeof VkAccount>;
