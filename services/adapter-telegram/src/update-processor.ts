import type { Bus } from '@omni/bus';
import { type AttachmentRef, ERROR_CODES, errorMessage, hasErrorCode, OmniError } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  AttemptCounter,
  deadLetterIntake,
  type IntakeContext,
  type Logger,
  PlatformError,
  publishNormalized,
  storeRemoteFile,
} from '@omni/service-kit';
import type { Telegram } from 'telegraf';
import { normalizeUpdate, type PendingFile } from './normalize';
import type { ReadUpdate } from './telegram.schema';
import { callBotApi } from './telegram-api';

export interface TelegramAccountRuntime {
  account: string;
  bot: Telegram;
  maxAttachmentBytes: number;
  acceptGroupChats: boolean;
}

export interface UpdateProcessorDeps {
  bus: Bus;
  blobs: BlobStore;
  log: Logger;
  now: () => Date;
}

/** Tries of a file download before the message is published without it. */
export const MAX_FILE_ATTEMPTS = 5;

export type UpdateOutcome = 'published' | 'ignored' | 'dead-lettered';

/**
 * One update from the webhook or from getUpdates: normalized, its files fetched and
 * stored, published. Resolves only once the bus holds the outcome; throws only what a
 * retry can fix (bus down, a download that failed on the network), because Telegram holds
 * the chat until an update is acknowledged. What no retry can fix goes to the DLQ of
 * `omni.inbound.v1` with the reason.
 */
export function createUpdateProcessor({ bus, blobs, log, now }: UpdateProcessorDeps) {
  const intake: IntakeContext = { bus, channel: 'telegram', log, now };
  const downloads = new AttemptCounter(MAX_FILE_ATTEMPTS);
  return async function processUpdate(
    acc: TelegramAccountRuntime,
    read: Exclude<ReadUpdate, { kind: 'not-an-update' }>,
  ): Promise<UpdateOutcome> {
    const { updateId } = read;
    const key = `telegram:${acc.account}:${updateId}`;
    if (read.kind === 'malformed') {
      await deadLetterIntake(intake, { account: acc.account, reason: read.reason, payload: read.raw, key });
      return 'dead-lettered';
    }
    const result = normalizeUpdate(read.update, {
      account: acc.account,
      receivedAt: now(),
      acceptGroupChats: acc.acceptGroupChats,
    });
    if (result.status === 'ignored') {
      // Fields, not a child logger: a child per update was ~2% of a webhook's CPU, for debug lines.
      log.debug({ account: acc.account, updateId, reason: result.reason }, 'update acknowledged and ignored');
      return 'ignored';
    }
    // A file that keeps failing must not hold the chat forever: after a few tries the
    // message goes out with that attachment marked skipped.
    const giveUpOnFiles = downloads.exhausted(key);
    const attachments: AttachmentRef[] = [];
    try {
      for (const f of result.files) attachments.push(await fetchFile(acc, f, giveUpOnFiles));
    } catch (err) {
      downloads.failed(key);
      throw err;
    }
    downloads.succeeded(key);
    const message = { ...result.message, content: { ...result.message.content, attachments } };
    const { deadLettered } = await publishNormalized(intake, [message]);
    if (deadLettered > 0) return 'dead-lettered';
    log.debug(
      { account: acc.account, updateId, messageId: message.id, kind: message.content.kind },
      'update published',
    );
    const query = read.update.callback_query;
    if (query) await answerCallback(acc, query.id);
    return 'published';
  };

  /**
   * A button press is answered once it is safely published, so the client stops its spinner.
   * A failed answer is only logged: the press itself is kept, and Telegram drops unanswered
   * queries on its own.
   */
  async function answerCallback(acc: TelegramAccountRuntime, queryId: string): Promise<void> {
    try {
      await callBotApi('answerCallbackQuery', () => acc.bot.answerCbQuery(queryId));
    } catch (err) {
      log.warn({ account: acc.account, err: errorMessage(err) }, 'answering a callback query failed');
    }
  }

  /** getFile, then download within the size limit; a refusal is kept on the message as `skipped`. */
  async function fetchFile(
    acc: TelegramAccountRuntime,
    f: PendingFile,
    giveUp: boolean,
  ): Promise<AttachmentRef> {
    try {
      return await downloadFile(acc, f);
    } catch (err) {
      // Our own store failing is never a reason to drop the file.
      if (!giveUp || hasErrorCode(err, ERROR_CODES.blobStoreUnavailable)) throw err;
      log.warn(
        { account: acc.account, err: errorMessage(err) },
        'file kept failing; the message goes out without it',
      );
      return {
        name: f.name,
        mimeType: f.mimeType,
        size: f.size ?? 0,
        skipped: `download failed ${MAX_FILE_ATTEMPTS} times: ${errorMessage(err)}`.slice(0, 500),
      };
    }
  }

  async function downloadFile(acc: TelegramAccountRuntime, f: PendingFile): Promise<AttachmentRef> {
    const base = { name: f.name, mimeType: f.mimeType, size: f.size ?? 0 };
    if (f.size !== undefined && f.size > acc.maxAttachmentBytes) {
      return { ...base, skipped: `larger than the ${acc.maxAttachmentBytes}-byte limit` };
    }
    let url: string;
    try {
      const info = await callBotApi('getFile', () => acc.bot.getFile(f.fileId));
      if (!info.file_path)
        return { ...base, skipped: 'Telegram gave no file path (the file is not downloadable)' };
      url = (await acc.bot.getFileLink(info)).toString();
    } catch (err) {
      if (err instanceof PlatformError && !err.retriable)
        return { ...base, skipped: `Telegram refused the file: ${err.message}` };
      throw err;
    }
    try {
      return await storeRemoteFile(
        blobs,
        { url, name: f.name, mimeType: f.mimeType, size: f.size },
        // The link is the account's configured apiRoot plus Telegram's file path: trusted
        // configuration (like every Bot API call), not a URL a payload chose.
        { maxBytes: acc.maxAttachmentBytes, fetchImpl: fetch },
      );
    } catch (err) {
      if (err instanceof OmniError) throw err;
      // The blob store (database) failed: worth a retry, so Telegram is told to come back.
      throw new OmniError(
        ERROR_CODES.blobStoreUnavailable,
        `storing an attachment failed: ${errorMessage(err)}`,
        {
          retriable: true,
          cause: err,
        },
      );
    }
  }
}

export type ProcessUpdate = ReturnType<typeof createUpdateProcessor>;
