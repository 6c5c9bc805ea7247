import { ERROR_CODES, type OutboundMessage } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { PlatformError, ReplyProgress, type SendResult, splitText } from '@omni/service-kit';
import { Input, type Telegram } from 'telegraf';
import { callBotApi } from './telegram-api';

/** Telegram's limit for one text message. */
const MAX_TEXT = 4096;

/**
 * A reply → Bot API calls: the text (split at Telegram's limit) with `reply_parameters` on
 * the first part and the choices as an inline keyboard on the last, then each stored attachment (`sendPhoto` for JPEG/PNG/WebP, else
 * `sendDocument`). Parts already sent are remembered across retries (`progress`).
 */
export function createSender(deps: {
  bots: ReadonlyMap<string, Telegram>;
  blobs: BlobStore;
  progress?: ReplyProgress;
}): (message: OutboundMessage) => Promise<SendResult> {
  const progress = deps.progress ?? new ReplyProgress();
  return async function send(message) {
    const bot = deps.bots.get(message.account);
    if (!bot)
      throw new PlatformError(ERROR_CODES.unknownAccount, `no Telegram account named "${message.account}"`, {
        retriable: false,
      });
    const chatId = message.recipient.externalChatId ?? message.recipient.externalId;
    const replyTo = replyParameters(message, chatId);
    const parts = replyParts(message);
    const lastText = parts.findLastIndex((p) => p.kind === 'text');
    return progress.send(message.id, parts, async (part, index) => {
      const extra = {
        ...(index === 0 && replyTo ? { reply_parameters: replyTo } : {}),
        ...(index === lastText && message.choices ? { reply_markup: inlineKeyboard(message.choices) } : {}),
      };
      const sent = await sendPart(bot, chatId, part, extra);
      return `${sent.chat.id}:${sent.message_id}`;
    });
  };

  async function sendPart(bot: Telegram, chatId: string, part: ReplyPart, extra: object) {
    if (part.kind === 'text')
      return callBotApi('sendMessage', () => bot.sendMessage(chatId, part.text, extra));
    const data = await deps.blobs.get(part.blobId);
    if (!data)
      throw new PlatformError(
        ERROR_CODES.attachmentMissing,
        `attachment ${part.blobId} is not in the blob store`,
        {
          retriable: false,
        },
      );
    const file = Input.fromBuffer(data, part.name);
    if (part.asPhoto) return callBotApi('sendPhoto', () => bot.sendPhoto(chatId, file, extra));
    return callBotApi('sendDocument', () => bot.sendDocument(chatId, file, extra));
  }
}

type ReplyPart =
  | { kind: 'text'; text: string }
  | { kind: 'file'; blobId: string; name: string; asPhoto: boolean };

/** The text (split at Telegram's length limit) then each stored attachment. */
function replyParts(message: OutboundMessage): ReplyPart[] {
  const parts: ReplyPart[] = [];
  for (const text of splitText(message.content.text, MAX_TEXT)) parts.push({ kind: 'text', text });
  for (const a of message.content.attachments) {
    if (!a.blobId) continue;
    parts.push({
      kind: 'file',
      blobId: a.blobId,
      name: a.name,
      asPhoto: /^image\/(jpeg|png|webp)$/.test(a.mimeType),
    });
  }
  return parts;
}

/** Choices as an inline keyboard: one row (a rating scale reads left to right); a press arrives as a `callback_query`. */
function inlineKeyboard(choices: NonNullable<OutboundMessage['choices']>) {
  return { inline_keyboard: [choices.map((c) => ({ text: c.label, callback_data: c.payload }))] };
}

/** `replyToExternalId` is `<chat id>:<message id>`; only a message of the same chat can be replied to. */
function replyParameters(message: OutboundMessage, chatId: string) {
  const ref = message.thread.replyToExternalId?.split(':');
  if (ref?.length !== 2 || ref[0] !== chatId) return undefined;
  const id = Number(ref[1]);
  return Number.isSafeInteger(id) ? { message_id: id, allow_sending_without_reply: true } : undefined;
}
