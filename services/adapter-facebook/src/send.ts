import { ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { PlatformError, ReplyProgress, type SendResult, splitText } from '@omni/service-kit';
import type { FacebookAccount } from './config';
import { type GraphClient, isOutsideWindow } from './facebook-api';
import { OMNI_METADATA_PREFIX } from './normalize';
import type { SentLog } from './sent-log';

/** The Send API's limit on a text message. */
export const MAX_TEXT = 2000;

interface Part {
  body: Record<string, unknown>;
  file?: { data: Buffer; name: string; mimeType: string };
}

/**
 * A reply → Send API calls: the text (split at the 2000-character limit) and each
 * attachment (uploaded with the message). `messaging_type: RESPONSE` inside the 24-hour
 * window; when Meta says the window is closed, the configured `messageTag` is used, or
 * the reply fails permanently saying so. Parts already sent are remembered across
 * retries of the same message, so a retry after a partial failure doubles nothing.
 */
export function createSender(deps: {
  accounts: ReadonlyMap<string, FacebookAccount>;
  /** Remembers mid → our id so delivery and read events can name our message. */
  sentLog?: SentLog;
  clients: ReadonlyMap<string, GraphClient>;
  blobs: BlobStore;
  /** Parts already sent, across retries (shared with the outbound consumer, which forgets finished replies). */
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  const progress = deps.progress ?? new ReplyProgress();

  return async function send(message) {
    const account = deps.accounts.get(message.account);
    const client = deps.clients.get(message.account);
    if (!account || !client)
      throw new PlatformError(ERROR_CODES.unknownAccount, `no facebook account named "${message.account}"`, {
        retriable: false,
      });
    const parts = await buildParts(message, deps.blobs);
    let tagged = false;
    return progress.send(message.id, parts, async (part) => {
      const body = {
        recipient: { id: message.recipient.externalId },
        messaging_type: 'RESPONSE',
        ...part.body,
      };
      const startedAt = Date.now();
      let mid: string;
      try {
        mid = await client.sendMessage(tagged ? withTag(body, account) : body, part.file);
      } catch (err) {
        if (!isOutsideWindow(err)) throw err;
        if (!account.messageTag) {
          throw new PlatformError(
            platformErrorCode('facebook', 'outside-window'),
            'the 24-hour messaging window is closed and no messageTag is configured for this page',
            { retriable: false, cause: err },
          );
        }
        tagged = true;
        mid = await client.sendMessage(withTag(body, account), part.file);
      }
      deps.sentLog?.record({ messageId: message.id, mid, psid: message.recipient.externalId, at: startedAt });
      return mid;
    });
  };
}

function withTag(body: Record<string, unknown>, account: FacebookAccount): Record<string, unknown> {
  return { ...body, messaging_type: 'MESSAGE_TAG', tag: account.messageTag };
}

async function buildParts(message: OutboundMessage, blobs: BlobStore): Promise<Part[]> {
  const metadata = `${OMNI_METADATA_PREFIX}${message.id}`;
  const parts: Part[] = splitText(message.content.text, MAX_TEXT).map((text) => ({
    body: { message: { text, metadata } },
  }));
  for (const a of message.content.attachments) {
    if (!a.blobId) continue;
    const data = await blobs.get(a.blobId);
    if (!data)
      throw new PlatformError(
        ERROR_CODES.attachmentMissing,
        `attachment ${a.name} is not in the blob store`,
        {
          retriable: false,
        },
      );
    parts.push({
      body: {
        message: {
          attachment: { type: attachmentType(a.mimeType), payload: { is_reusable: false } },
          metadata,
        },
      },
      file: { data, name: a.name, mimeType: a.mimeType },
    });
  }
  return parts;
}

function attachmentType(mime: string): 'image' | 'video' | 'audio' | 'file' {
  if (mime.startsWith('image/')) return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'file';
}
