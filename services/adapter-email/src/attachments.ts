import { createHash } from 'node:crypto';
import type { AttachmentRef } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import type { Attachment } from 'mailparser';

/** Types a helpdesk must not hand to agents' machines: recorded as skipped, never stored. */
const FORBIDDEN_EXTENSIONS =
  /\.(?:exe|com|bat|cmd|scr|pif|msi|msp|vbs|vbe|jse?|wsf|wsh|hta|cpl|jar|ps1|lnk|reg)$/i;
const FORBIDDEN_TYPES = new Set([
  'application/x-msdownload',
  'application/x-msdos-program',
  'application/x-ms-installer',
  'application/hta',
]);
const MAX_REFS = 100;

/**
 * Stores a message's parts (attachments and inline `cid:` images) in the BlobStore. A part
 * that is too big or of a forbidden type is recorded with the reason; a part identical to
 * one already on the message (same bytes) is listed once. The BlobStore is
 * content-addressed, so the same file in many messages is stored once.
 */
export async function storeAttachments(
  parts: Attachment[],
  blobs: BlobStore,
  maxBytes: number,
): Promise<AttachmentRef[]> {
  const refs: AttachmentRef[] = [];
  const seen = new Set<string>();
  for (const [i, part] of parts.entries()) {
    if (refs.length === MAX_REFS - 1 && parts.length > MAX_REFS) {
      refs.push({
        name: `${parts.length - i} more parts`,
        mimeType: 'application/octet-stream',
        size: 0,
        skipped: `more than ${MAX_REFS} attachments`,
      });
      break;
    }
    const mimeType = (part.contentType || 'application/octet-stream').toLowerCase().slice(0, 255);
    const name = (part.filename?.trim() || defaultName(i, mimeType)).slice(0, 512);
    const contentId = part.cid ? part.cid.replace(/^<|>$/g, '').slice(0, 998) : undefined;
    const base: AttachmentRef = { name, mimeType, size: part.size, ...(contentId ? { contentId } : {}) };
    if (FORBIDDEN_EXTENSIONS.test(name) || FORBIDDEN_TYPES.has(mimeType)) {
      refs.push({ ...base, skipped: 'forbidden file type' });
      continue;
    }
    if (part.size > maxBytes) {
      refs.push({ ...base, skipped: `larger than the ${maxBytes}-byte limit` });
      continue;
    }
    const sha256 = createHash('sha256').update(part.content).digest('hex');
    if (seen.has(sha256)) continue;
    seen.add(sha256);
    const stored = await blobs.put(part.content);
    refs.push({ ...base, blobId: stored.id, sha256: stored.sha256, size: stored.size });
  }
  return refs;
}

function defaultName(index: number, mimeType: string): string {
  const ext = mimeType === 'message/rfc822' ? '.eml' : mimeType.startsWith('text/') ? '.txt' : '';
  return `part-${index + 1}${ext}`;
}
