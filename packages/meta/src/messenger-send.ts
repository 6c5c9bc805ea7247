import { type Channel, ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { PlatformError, ReplyProgress, type SendResult, splitText } from '@omni/service-kit';
import { isOutsideWindow } from './graph-client';
import type { MessengerClient } from './messenger-client';
import { OMNI_METADATA_PREFIX } from './messenger-normalize';
import type { SentLog } from './sent-log';

/** What the sender needs of an account (Facebook Page, Instagram account). */
export interface MessengerSendAccount {
  account: string;
  /** Tag for replies outside the 24-hour window (HUMAN_AGENT); absent: such replies fail permanently. */
  messageTag?: string;
}

interface Part {
  body: Record<string, unknown>;
  file?: { data: Buffer; name: string; mimeType: string };
}

/**
 * A reply → Send API calls: the text (split at the platform's limit: Messenger 2000,
 * Instagram 1000 characters; the choices as quick replies on its last part) and each attachment (uploaded with the message).
 * `messaging_type: RESPONSE` inside the 24-hour window; outside it (the ticket API said so,
 * `outsideWindow`, or Meta answers that it closed) the account's `messageTag`, or a
 * permanent failure saying so. Parts already sent are remembered across retries of the
 * same message, so a retry after a partial failure doubles nothing.
 */
export function createMessengerSender<A extends MessengerSendAccount>(deps: {
  channel: Channel;
  maxText: number;
  accounts: ReadonlyMap<string, A>;
  clients: ReadonlyMap<string, MessengerClient>;
  blobs: BlobStore;
  /** Remembers mid → our id so delivery and read events can name our message. */
  sentLog?: SentLog;
  /** Parts already sent, across retries (shared with the outbound consumer, which forgets finished replies). */
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  const progress = deps.progress ?? new ReplyProgress();

  return async function send(message) {
    const account = deps.accounts.get(message.account);
    const client = deps.clients.get(message.account);
    if (!account || !client)
      throw new PlatformError(
        ERROR_CODES.unknownAccount,
        `no ${deps.channel} account named "${message.account}"`,
        {
          retriable: false,
        },
      );
    const parts = await buildParts(message, deps.blobs, deps.maxText);
    let tagged = message.outsideWindow === true && account.messageTag !== undefined;
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
        if (!isOutsideWindow(err) || tagged) throw err;
        if (!account.messageTag) {
          throw new PlatformError(
            platformErrorCode(deps.channel, 'outside-window'),
            `the 24-hour messaging window is closed and no messageTag is configured for this ${deps.channel} account`,
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

function withTag(body: Record<string, unknown>, account: MessengerSendAccount): Record<string, unknown> {
  return { ...body, messaging_type: 'MESSAGE_TAG', tag: account.messageTag };
}

async function buildParts(message: OutboundMessage, blobs: BlobStore, maxText: number): Promise<Part[]> {
  const metadata = `${OMNI_METADATA_PREFIX}${message.id}`;
  const texts = splitText(message.content.text, maxText);
  // Choices as quick replies on the last text part; a tap comes back as a message with `quick_reply.payload`.
  const quickReplies = message.choices?.map((c) => ({
    content_type: 'text',
    title: c.label,
    payload: c.payload,
  }));
  const parts: Part[] = texts.map((text, i) => ({
    body: {
      message: {
        text,
        metadata,
        ...(quickReplies && i === texts.length - 1 ? { quick_replies: quickReplies } : {}),
      },
    },
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
