import type { Bus } from '@omni/bus';
import type { InboundMessageInput } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  deadLetterIntake,
  type IntakeContext,
  type Logger,
  type OutboundGuard,
  PlatformError,
  publishNormalized,
  withStoredFiles,
} from '@omni/service-kit';
import { z } from 'zod';
import type { MaxAccount } from './config';
import { HANDLED_UPDATES, MaxKnownUpdate, MaxUpdateHead } from './max.schema';
import type { MaxClient } from './max-api';
import { ignoredReason, normalizeUpdate, type PendingFile } from './normalize';
import type { StoppedDialogs } from './stopped-dialogs';

export interface MaxAccountRuntime {
  cfg: MaxAccount;
  client: MaxClient;
}

export interface UpdateProcessorDeps {
  bus: Bus;
  blobs: BlobStore;
  stoppedDialogs: StoppedDialogs;
  log: Logger;
  now: () => Date;
  /** Attachment URLs come from payloads: fetched under this policy. */
  outboundGuard?: OutboundGuard;
}

export type UpdateOutcome = 'published' | 'ignored' | 'dead-lettered' | 'recorded';

const HANDLED: ReadonlySet<string> = new Set(HANDLED_UPDATES);

/** GET /videos/{token} (schema `VideoAttachmentDetails`): the playable URLs, best first. */
const VideoDetails = z.looseObject({
  urls: z.record(z.string(), z.string().nullish()).nullish(),
});
const VIDEO_QUALITIES = ['mp4_1080', 'mp4_720', 'mp4_480', 'mp4_360', 'mp4_240', 'mp4_144'] as const;

/**
 * One update from the webhook or from GET /updates: normalized, its files stored, published
 * (or the dialog's state recorded). Resolves only once the outcome is kept; throws only
 * what a retry can fix (bus, database, MAX or a file server unreachable), so MAX redelivers
 * or the poller re-reads the batch. What no retry can fix goes to the DLQ of
 * `omni.inbound.v1` with the reason.
 */
export function createUpdateProcessor(deps: UpdateProcessorDeps) {
  const { bus, blobs, stoppedDialogs, log, now } = deps;
  const intake: IntakeContext = { bus, channel: 'max', log, now };

  return async function processUpdate(acc: MaxAccountRuntime, raw: unknown): Promise<UpdateOutcome> {
    const account = acc.cfg.account;
    const head = MaxUpdateHead.safeParse(raw);
    const key = `max:${account}:${head.data?.update_type ?? 'unknown'}:${head.data?.timestamp ?? ''}`;
    if (!head.success) {
      const reason = `not a MAX update (update_type, timestamp): ${head.error.issues[0]?.message}`;
      await deadLetterIntake(intake, { account, reason, payload: raw, key });
      return 'dead-lettered';
    }
    const accLog = log.child({ account, updateType: head.data.update_type });
    if (!HANDLED.has(head.data.update_type)) {
      accLog.debug({ reason: ignoredReason(head.data.update_type) }, 'update acknowledged and ignored');
      return 'ignored';
    }
    const parsed = MaxKnownUpdate.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const reason = `the ${head.data.update_type} update does not match the MAX Bot API shape: ${issue?.path.join('.')} ${issue?.message}`;
      await deadLetterIntake(intake, { account, reason, payload: raw, key });
      return 'dead-lettered';
    }
    const result = normalizeUpdate(parsed.data, {
      account,
      receivedAt: now(),
      acceptGroupChats: acc.cfg.acceptGroupChats,
    });
    if (result.status === 'ignored') {
      accLog.debug({ reason: result.reason }, 'update acknowledged and ignored');
      return 'ignored';
    }
    const at = new Date(parsed.data.timestamp);
    if (result.status === 'stopped') {
      await stoppedDialogs.stopped(account, result.userId, at);
      accLog.info({ userId: result.userId }, 'the customer stopped the bot: replies to them will fail');
      return 'recorded';
    }
    const message = await withFiles(acc, result.message, result.files);
    const { deadLettered } = await publishNormalized(intake, [message]);
    if (result.started) await stoppedDialogs.started(account, result.started.userId, at);
    if (result.callbackId) await answerCallback(acc, result.callbackId, accLog);
    if (deadLettered > 0) return 'dead-lettered';
    accLog.debug({ messageId: message.id, kind: message.content.kind }, 'update published');
    return 'published';
  };

  async function withFiles(
    acc: MaxAccountRuntime,
    message: InboundMessageInput,
    files: PendingFile[],
  ): Promise<InboundMessageInput> {
    const located = await Promise.all(files.map((f) => locate(acc, f)));
    const stored = await withStoredFiles(
      blobs,
      message,
      located.flatMap((f) => ('url' in f ? [f] : [])),
      { maxBytes: acc.cfg.maxAttachmentBytes, outbound: deps.outboundGuard, timeoutMs: 30_000, log },
    );
    // Files MAX would not locate keep their place on the message, marked skipped with the reason.
    const skipped = located.flatMap((f) => ('skipped' in f ? [f] : []));
    if (skipped.length === 0) return stored;
    const attachments = [
      ...(stored.content.attachments ?? []),
      ...skipped.map((f) => ({ name: f.name, mimeType: f.mimeType, size: 0, skipped: f.skipped })),
    ];
    return { ...stored, content: { ...stored.content, attachments } };
  }

  /** A video's playable URL (GET /videos/{token}); a refusal is kept as the reason it is skipped. */
  async function locate(
    acc: MaxAccountRuntime,
    f: PendingFile,
  ): Promise<
    | { url: string; name: string; mimeType: string; size?: number }
    | { name: string; mimeType: string; skipped: string }
  > {
    if (f.source === 'url') return f;
    try {
      const details = VideoDetails.parse(
        await acc.client.call('GET', `/videos/${encodeURIComponent(f.token)}`),
      );
      const url = VIDEO_QUALITIES.map((q) => details.urls?.[q]).find((u) => typeof u === 'string' && u);
      if (url) return { url, name: f.name, mimeType: f.mimeType };
      return { name: f.name, mimeType: f.mimeType, skipped: 'MAX names no playable URL for this video' };
    } catch (err) {
      if (err instanceof PlatformError && !err.retriable)
        return {
          name: f.name,
          mimeType: f.mimeType,
          skipped: `MAX refused the video: ${err.message}`.slice(0, 500),
        };
      if (err instanceof z.ZodError)
        return {
          name: f.name,
          mimeType: f.mimeType,
          skipped: 'MAX answered GET /videos without video details',
        };
      throw err;
    }
  }

  /**
   * POST /answers stops the customer's spinner. Best effort: the press is already on the
   * bus, and a late answer helps no one, so a failure is logged rather than retried.
   */
  async function answerCallback(acc: MaxAccountRuntime, callbackId: string, accLog: Logger): Promise<void> {
    try {
      await acc.client.call('POST', '/answers', {
        query: { callback_id: callbackId },
        body: { notification: acc.cfg.callbackNotification },
      });
    } catch (err) {
      accLog.warn({ err: (err as Error).message }, 'answering the button press failed');
    }
  }
}

export type ProcessUpdate = ReturnType<typeof createUpdateProcessor>;
