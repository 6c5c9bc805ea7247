import {
  type AttachmentRef,
  ERROR_CODES,
  hasErrorCode,
  type InboundMessageInput,
  OmniError,
} from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import type { Logger } from 'pino';
import { type OutboundGuard, outboundRefusal, strictOutboundGuard } from './outbound-guard';

export interface DownloadOptions {
  /** Largest file accepted, bytes; a larger one is recorded as skipped, never half-stored. */
  maxBytes: number;
  timeoutMs?: number;
  headers?: Record<string, string>;
  /**
   * The policy a URL taken from a payload is fetched under (every connection judged, see
   * OutboundGuard). Default: no allowlist.
   */
  outbound?: OutboundGuard;
  /** Replaces the guarded fetch: only for URLs built from trusted configuration (a platform's API root), or tests. */
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
  { maxBytes, timeoutMs = 30_000, headers, outbound, fetchImpl }: DownloadOptions,
): Promise<{ ok: true; data: Buffer } | { ok: false; reason: string }> {
  const get = fetchImpl ?? (outbound ?? strictOutboundGuard()).fetch;
  let response: Response;
  try {
    response = await get(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    // A forbidden address stays forbidden: the file is skipped, as when the platform refuses it.
    const refused = outboundRefusal(err);
    if (refused) return { ok: false, reason: refused.message };
    throw new OmniError(
      ERROR_CODES.downloadFailed,
      `downloading an attachment failed: ${(err as Error).message}`,
      {
        retriable: true,
        cause: err,
      },
    );
  }
  if (response.status >= 500) {
    throw new OmniError(
      ERROR_CODES.downloadFailed,
      `the platform answered ${response.status} for an attachment`,
      {
        retriable: true,
      },
    );
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

/**
 * The files of a message, stored: for platforms whose webhook must be answered now
 * (Facebook, VK). A file the platform will not give us (refused, gone, network failure)
 * is recorded on the message as skipped with the reason rather than failing the webhook;
 * a storage failure fails it (5xx), so the platform retries and nothing is lost.
 */
export async function withStoredFiles(
  blobs: BlobStore,
  message: InboundMessageInput,
  files: ReadonlyArray<{ url: string; name: string; mimeType: string; size?: number }>,
  opts: DownloadOptions & { log: Logger },
): Promise<InboundMessageInput> {
  if (files.length === 0) return message;
  const attachments = await Promise.all(
    files.map(async (file): Promise<AttachmentRef> => {
      try {
        return await storeRemoteFile(blobs, file, opts);
      } catch (err) {
        if (hasErrorCode(err, ERROR_CODES.downloadFailed)) {
          opts.log.warn({ account: message.account, err }, 'attachment download failed; recorded as skipped');
          return {
            name: file.name,
            mimeType: file.mimeType,
            size: 0,
            skipped: `download failed: ${err.message}`.slice(0, 500),
          };
        }
        throw new OmniError(ERROR_CODES.blobStoreUnavailable, 'storing an attachment failed', {
          retriable: true,
          cause: err,
        });
      }
    }),
  );
  return { ...message, content: { ...message.content, attachments } };
}
