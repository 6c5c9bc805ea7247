import { z } from 'zod';

/** An attachment as it travels in messages: stored bytes are referenced by `blobId`. */
export const AttachmentRef = z.object({
  /** Blob id in the BlobStore once downloaded; absent when the file was skipped. */
  blobId: z.string().uuid().optional(),
  name: z.string().max(512),
  mimeType: z.string().max(255),
  size: z.number().int().nonnegative(),
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Inline part (`cid:` image in an email, a sticker). */
  contentId: z.string().max(998).optional(),
  /** Why the file was not stored (too big, forbidden type, download failed). Never dropped silently. */
  skipped: z.string().max(500).optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;
