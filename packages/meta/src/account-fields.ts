import { z } from 'zod';

/** The Graph API version every call of an account uses (`v21.0`). */
export const GraphVersion = z
  .string()
  .regex(/^v\d+\.\d+$/)
  .default('v21.0');

/** Largest attachment stored at ingestion, bytes (25 MiB unless configured). */
export const MaxAttachmentBytes = z
  .number()
  .int()
  .positive()
  .default(25 * 1024 * 1024);

/** Fetch senders' names and pictures through the Graph API (cached; never blocks ingestion). */
export const FetchProfiles = z.boolean().default(false);
