import { z } from 'zod';

/** Every channel the platform ingests. A new channel is one literal here and one adapter folder. */
export const CHANNELS = ['email', 'telegram', 'viber', 'facebook', 'vk', 'webform'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

/** Operator-chosen account name; it appears in URLs, so it is kept URL-safe. */
export const AccountName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only');
export type AccountName = z.infer<typeof AccountName>;
