import { type Bus, DLQ_HEADERS } from '@omni/bus';
import { type AttachmentRef, dlqTopic, errorMessage, OmniError, TOPICS } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import { type Logger, PlatformError, publishInbound, storeRemoteFile } from '@omni/service-kit';
import type { Telegram } from 'telegraf';
import { ZodError } from 'zod';
import { callBotApi } from './bot-api';
import { normalizeUpdate, type PendingFile } from './normalize';
import { TgUpdate } from './update.schema';

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
  /** Failed file downloads per update (in memory: a retry usually reaches the same replica). */
  const failures = new Map<string, number>();
  return async function processUpdate(
    acc: TelegramAccountRuntime,
    raw: unknown,
    updateId: number,
  ): Promise<UpdateOutcome> {
    const accLog = log.child({ account: acc.account, updateId });
    const parsed = TgUpdate.safeParse(raw);
    if (!parsed.success)
      return deadLetter(
        acc,
        raw,
        updateId,
        `the update does not match the Bot API shape: ${parsed.error.issues[0]?.message}`,
      );
    const result = normalizeUpdate(parsed.data, {
      account: acc.account,
      receivedAt: now(),
      acceptGroupChats: acc.acceptGroupChats,
    });
    if (result.status === 'ignored') {
      accLog.debug({ reason: result.reason }, 'update acknowledged and ignored');
      return 'ignored';
    }
    // A file that keeps failing must not hold the chat forever: after a few tries the
    // message goes out with that attachment marked skipped.
    const key = `${acc.account}:${updateId}`;
    const giveUpOnFiles = (failures.get(key) ?? 0) >= MAX_FILE_ATTEMPTS;
    const attachments: AttachmentRef[] = [];
    try {
      for (const f of result.files) attachments.push(await fetchFile(acc, f, giveUpOnFiles));
    } catch (err) {
      const count = (failures.get(key) ?? 0) + 1;
      failures.delete(key); // re-inserted last: the map keeps the most recent failures
      failures.set(key, count);
      if (failures.size > 1000) failures.delete(failures.keys().next().value as string);
      throw err;
    }
    failures.delete(key);
    const message = { ...result.message, content: { ...result.message.content, attachments } };
    try {
      await publishInbound(bus, [message]);
    } catch (err) {
      // Our normalizer produced something the contract refuses: a bug no retry fixes.
      if (err instanceof ZodError)
        return deadLetter(
          acc,
          raw,
          updateId,
          `the normalized message is not valid: ${err.issues[0]?.message}`,
        );
      throw err;
    }
    accLog.debug({ messageId: message.id, kind: message.content.kind }, 'update published');
    return 'published';
  };

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
      if (!giveUp || (err instanceof OmniError && err.code === 'blob-store-unavailable')) throw err;
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
      throw new OmniError('blob-store-unavailable', `storing an attachment failed: ${errorMessage(err)}`, {
        retriable: true,
        cause: err,
      });
    }
  }

  async function deadLetter(
    acc: TelegramAccountRuntime,
    raw: unknown,
    updateId: number,
    reason: string,
  ): Promise<UpdateOutcome> {
    try {
      await bus.publish(dlqTopic(TOPICS.inbound), [
        {
          key: `telegram:${acc.account}:${updateId}`,
          value: { channel: 'telegram', account: acc.account, reason, payload: raw },
          headers: {
            [DLQ_HEADERS.reason]: reason.slice(0, 500),
            [DLQ_HEADERS.failedAt]: now().toISOString(),
            // Never consumed: the adapter itself gave up on it before publishing.
            [DLQ_HEADERS.sourceTopic]: TOPICS.inbound,
            [DLQ_HEADERS.groupId]: 'adapter-telegram',
          },
        },
      ]);
    } catch (err) {
      throw new OmniError(
        'bus-unavailable',
        `the dead-letter topic did not accept the update: ${errorMessage(err)}`,
        { retriable: true, cause: err },
      );
    }
    log.warn({ account: acc.account, updateId, reason }, 'update dead-lettered');
    return 'dead-lettered';
  }
}

export type ProcessUpdate = ReturnType<typeof createUpdateProcessor>;
