import { type InboundMessage, InboundMessage as InboundSchema } from '@omni/contracts';
import { readEmail } from '../src/read-email';
import { MemoryBlobStore } from './memory-blob-store';

/** The receipt time of every message read in unit tests. */
export const RECEIVED = new Date('2025-06-01T00:00:00Z');

/**
 * One raw message read by the same code the IMAP watcher and the MIME route run, for the
 * account `support` (support@example.com), and checked against the contract.
 */
export async function readTestMail(
  raw: Buffer,
  blobs = new MemoryBlobStore(),
  maxAttachmentBytes = 10_000_000,
): Promise<InboundMessage> {
  const input = await readEmail(
    raw,
    {
      account: 'support',
      receivedAt: RECEIVED,
      ownAddresses: new Set(['support@example.com']),
      ownMessageIdDomain: 'example.com',
    },
    { blobs, maxAttachmentBytes },
  );
  return InboundSchema.parse(input);
}
