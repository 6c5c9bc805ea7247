import { type AttachmentRef, OmniError } from '@omni/contracts';
import type { BlobStore } from '@omni/db';

export interface DownloadOptions {
  /** Largest file accepted, bytes; a larger one is recorded as skipped, never half-stored. */
  maxBytes: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  fetchImpl?: typeof fetch;
}

/**
 * Downloads a platform file (links expire, so this happens at ingestion) and stores it.
 * A file that is too big or that the platform refuses (4xx) is recorded on the message as
 * skipped with the reason; a network failure or 5xx is retriable, so the platform's retry
 * of the webhook gets another chance.
 */
export async function storeRemoteFile(
  blobs: BlobStore,
  file: { url: string; name: string; mimeType: string; size?: number },
  opts: DownloadOptions,
): Promise<AttachmentRef> {
  const base = { name: file.name, mimeType: file.mimeType, size: file.size ?? 0 };
  if (file.size !== undefined && file.size > opts.maxBytes) {
    return { ...base, skipped: `larger than the ${opts.maxBytes}-byte limit` };
  }
  const result = await downloadLimited(file.url, opts);
  if (!result.ok) return { ...base, skipped: result.reason };
  const stored = await blobs.put(result.data);
  return { ...base, blobId: stored.id, sha256: stored.sha256, size: stored.size };
}

export async function downloadLimited(
  url: string,
  { maxBytes, timeoutMs = 30_000, headers, fetchImpl = fetch }: DownloadOptions,
): Promise<{ ok: true; data: Buffer } | { ok: false; reason: string }> {
  let response: Response;
  try {
    response = await fetchImpl(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new OmniError('download-failed', `downloading an attachment failed: ${(err as Error).message}`, {
      retriable: true,
      cause: err,
    });
  }
  if (response.status >= 500) {
    throw new OmniError('download-failed', `the platform answered ${response.status} for an attachment`, {
      retriable: true,
    });
  }
  if (!response.ok || !response.body)
    return { ok: false, reason: `the platform answered ${response.status}` };
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body.cancel();
    return { ok: false, reason: `larger than the ${maxBytes}-byte limit` };
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.length;
    if (total > maxBytes) return { ok: false, reason: `larger than the ${maxBytes}-byte limit` };
    chunks.push(Buffer.from(chunk));
  }
  return { ok: true, data: Buffer.concat(chunks) };
}
