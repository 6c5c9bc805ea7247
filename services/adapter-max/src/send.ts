import { ERROR_CODES, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { PlatformError, ReplyProgress, type SendResult, splitText } from '@omni/service-kit';
import { z } from 'zod';
import type { MaxClient } from './max-api';
import type { StoppedDialogs } from './stopped-dialogs';

/** NewMessageBody.text: at most 4000 characters. */
export const MAX_TEXT = 4000;

const Sent = z.looseObject({ message: z.looseObject({ body: z.looseObject({ mid: z.string() }) }) });
const UploadEndpoint = z.looseObject({ url: z.string().url(), token: z.string().nullish() });

/**
 * A reply → POST /messages: to `user_id` (the customer's dialog with the bot) or `chat_id`
 * (a group chat), the text split at MAX's 4000-character limit, the first part linked as a
 * reply when the reply names a message; then each stored attachment as a message of its
 * own (MAX takes a file as the only attachment of a message): POST /uploads → upload →
 * send with the token. Choices (a survey's scale) ride on the last text part as an
 * `inline_keyboard` of callback buttons; a press comes back as `message_callback`.
 * Parts already sent are remembered across retries (`progress`).
 * A customer who stopped the bot is refused here with that reason.
 */
export function createSender(deps: {
  clients: ReadonlyMap<string, MaxClient>;
  blobs: BlobStore;
  stoppedDialogs: StoppedDialogs;
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  const progress = deps.progress ?? new ReplyProgress();
  return async function send(message) {
    const client = deps.clients.get(message.account);
    if (!client)
      throw new PlatformError(ERROR_CODES.unknownAccount, `no MAX account named "${message.account}"`, {
        retriable: false,
      });
    const target = recipient(message);
    if ('user_id' in target) {
      const stoppedAt = await deps.stoppedDialogs.stoppedAt(message.account, target.user_id);
      if (stoppedAt) throw botStoppedError(stoppedAt);
    }
    const parts = replyParts(message);
    const replyTo = message.thread.replyToExternalId;
    const lastText = parts.findLastIndex((p) => p.kind === 'text');
    return progress.send(message.id, parts, async (part, index) => {
      const link = index === 0 && replyTo ? { type: 'reply', mid: replyTo } : undefined;
      const keyboard = index === lastText && message.choices ? [inlineKeyboard(message.choices)] : undefined;
      const body =
        part.kind === 'text'
          ? { text: part.text, link, attachments: keyboard }
          : { attachments: [await uploaded(client, deps.blobs, part)], link };
      const sent = Sent.parse(await client.call('POST', '/messages', { query: target, body }));
      return sent.message.body.mid;
    });
  };
}

/** dev.max.ru "Клавиатура в сообщениях": at most 7 buttons in a row (30 rows, 210 buttons). */
export const MAX_BUTTONS_PER_ROW = 7;

/**
 * Choices as an `inline_keyboard` attachment (schema `InlineKeyboardAttachmentRequest`):
 * `callback` buttons in one row (a rating scale reads left to right), wrapped at MAX's 7
 * per row; the button's `payload` comes back as the `message_callback` update's
 * `callback.payload`.
 */
function inlineKeyboard(choices: NonNullable<OutboundMessage['choices']>) {
  const buttons = choices.map((c) => ({ type: 'callback', text: c.label, payload: c.payload }));
  const rows: (typeof buttons)[] = [];
  for (let i = 0; i < buttons.length; i += MAX_BUTTONS_PER_ROW)
    rows.push(buttons.slice(i, i + MAX_BUTTONS_PER_ROW));
  return { type: 'inline_keyboard', payload: { buttons: rows } };
}

/** Why a reply to a customer who stopped the bot cannot go out. */
export function botStoppedError(stoppedAt: Date): PlatformError {
  return new PlatformError(
    platformErrorCode('max', 'bot-stopped'),
    `the customer stopped the bot in MAX (${stoppedAt.toISOString()}); a reply reaches them only after they start it again`,
    { retriable: false },
  );
}

function recipient(message: OutboundMessage): { user_id: number } | { chat_id: number } {
  const chat = message.recipient.externalChatId;
  const id = Number(chat ?? message.recipient.externalId);
  if (!Number.isSafeInteger(id))
    throw new PlatformError(
      ERROR_CODES.badRecipient,
      `"${chat ?? message.recipient.externalId}" is not a MAX id`,
      {
        retriable: false,
      },
    );
  return chat ? { chat_id: id } : { user_id: id };
}

type ReplyPart =
  | { kind: 'text'; text: string }
  | { kind: 'file'; blobId: string; name: string; mimeType: string; type: UploadType };

type UploadType = 'image' | 'video' | 'audio' | 'file';

/** POST /uploads' types by what their multipart upload accepts (docs-api, POST /uploads); anything else is a file. */
function uploadType(mimeType: string): UploadType {
  if (/^image\/(jpeg|png|gif|tiff|bmp|heic)$/.test(mimeType)) return 'image';
  if (/^video\/(mp4|quicktime|x-matroska|webm)$/.test(mimeType)) return 'video';
  if (/^audio\/(mpeg|mp3|wav|x-wav|mp4|x-m4a|aac|ogg)$/.test(mimeType)) return 'audio';
  return 'file';
}

function replyParts(message: OutboundMessage): ReplyPart[] {
  // The schema's maxLength counts characters; should MAX count UTF-16 units instead, a part
  // heavy with emoji (two units each) is split once more so that it fits either way.
  const texts = splitText(message.content.text, MAX_TEXT).flatMap((t) =>
    t.length > MAX_TEXT ? splitText(t, MAX_TEXT / 2) : [t],
  );
  const parts: ReplyPart[] = texts.map((text) => ({ kind: 'text', text }));
  for (const a of message.content.attachments) {
    if (!a.blobId) continue;
    parts.push({
      kind: 'file',
      blobId: a.blobId,
      name: a.name,
      mimeType: a.mimeType,
      type: uploadType(a.mimeType),
    });
  }
  return parts;
}

/** POST /uploads?type= → multipart upload (field `data`) → the attachment that names the upload. */
async function uploaded(
  client: MaxClient,
  blobs: BlobStore,
  part: Extract<ReplyPart, { kind: 'file' }>,
): Promise<{ type: string; payload: unknown }> {
  const data = await blobs.get(part.blobId);
  if (!data)
    throw new PlatformError(
      ERROR_CODES.attachmentMissing,
      `attachment ${part.name} is not in the blob store`,
      {
        retriable: false,
      },
    );
  const endpoint = UploadEndpoint.parse(
    await client.call('POST', '/uploads', { query: { type: part.type } }),
  );
  const result = await client.upload(endpoint.url, { data, name: part.name, mimeType: part.mimeType });
  // An image upload answers with its `photos` tokens (the payload as is); a file with `{ token }`;
  // a video's or an audio's token comes with the upload URL (UploadEndpoint.token).
  if (part.type === 'image') return { type: 'image', payload: result };
  const uploadedToken = z.looseObject({ token: z.string().min(1) }).safeParse(result).data?.token;
  const token = part.type === 'file' ? (uploadedToken ?? endpoint.token) : (endpoint.token ?? uploadedToken);
  if (!token)
    throw new PlatformError(platformErrorCode('max', 'bad-response'), 'the upload answered without a token', {
      retriable: false,
    });
  return { type: part.type, payload: { token } };
}
