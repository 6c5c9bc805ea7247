import { createHash } from 'node:crypto';
import type { Bus } from '@omni/bus';
import type { AttachmentRef } from '@omni/contracts';
import type { BlobStore } from '@omni/db';
import {
  BoundedMap,
  type FileProblem,
  type Logger,
  publishNormalized,
  RateLimiter,
  type ReceivedFile,
} from '@omni/service-kit';
import type { FormSettings } from './form-settings';
import { normalizeSubmission, submissionFingerprint } from './normalize';
import { fill, formatSize, type Texts } from './texts';
import { checkSubmission, HONEYPOT_FIELD } from './webform.schema';

export interface IntakeInput {
  /** The posted fields (JSON object, urlencoded or multipart fields). */
  body: unknown;
  files: ReceivedFile[];
  rejected: FileProblem[];
  truncated: string[];
  ip: string;
  lang: string;
}

export type IntakeOutcome =
  | { kind: 'accepted'; id: string; duplicate: boolean }
  | { kind: 'invalid'; errors: Record<string, string> }
  | { kind: 'rate-limited'; retryAfterSeconds: number; message: string };

/**
 * One account's submissions from any transport (JSON, urlencoded, multipart): honeypot,
 * validation, rate limits, attachments into the BlobStore, publish. Nothing is stored
 * before the whole submission is known to be acceptable, and a retry of an accepted
 * submission (same id) is answered again without counting or publishing twice.
 */
export class WebformIntake {
  private readonly perIp: RateLimiter;
  private readonly perContact: RateLimiter;
  /** Message ids accepted lately (bounded): double clicks and retries answer without a second publish. */
  private readonly accepted = new BoundedMap<string, true>(10_000);
  /** Page submission id → fingerprint of the content first accepted with it (bounded, per replica). */
  private readonly pageIds = new BoundedMap<string, string>(10_000);
  private readonly inFlight = new Map<string, Promise<IntakeOutcome>>();

  constructor(
    private readonly settings: FormSettings,
    private readonly deps: { bus: Bus; blobs: BlobStore | undefined; log: Logger; now: () => Date },
  ) {
    const { perIp, perContact } = settings.account.rateLimit;
    this.perIp = new RateLimiter(perIp.max, perIp.windowSeconds * 1000);
    this.perContact = new RateLimiter(perContact.max, perContact.windowSeconds * 1000);
  }

  /** Files are refused outright when there is nowhere to store them. */
  get maxFiles(): number {
    return this.deps.blobs ? this.settings.account.attachments.maxFiles : 0;
  }

  async submit(input: IntakeInput): Promise<IntakeOutcome> {
    const t = this.settings.texts(input.lang);
    const account = this.settings.account;
    const fields = (input.body ?? {}) as Record<string, unknown>;
    const honeypot =
      typeof input.body === 'object' && input.body !== null ? fields[HONEYPOT_FIELD] : undefined;
    if (typeof honeypot === 'string' && honeypot.trim() !== '') {
      this.deps.log.info({ account: account.account, reason: 'honeypot' }, 'submission refused');
      return { kind: 'invalid', errors: { [HONEYPOT_FIELD]: t.errorHoneypot } };
    }

    const checked = checkSubmission(
      input.body,
      account.topics.map((topic) => topic.id),
      t,
    );
    const errors = checked.ok ? {} : { ...checked.errors };
    for (const field of input.truncated) errors[field] ??= fill(t.errorTooLong, { max: 20_000 });
    if (input.rejected.length > 0)
      errors.attachments = input.rejected.map((p) => describeFile(p, this.settings, t)).join(' ');
    if (!checked.ok || Object.keys(errors).length > 0) return { kind: 'invalid', errors };
    const submission = checked.submission;

    const hashed: AttachmentRef[] = input.files.map((f) => ({
      name: f.name,
      mimeType: f.mimeType,
      size: f.data.length,
      sha256: createHash('sha256').update(f.data).digest('hex'),
    }));
    const fingerprint = submissionFingerprint(account.account, submission, hashed);
    const pageId = submission.submissionId;
    const first = pageId === undefined ? undefined : this.pageIds.get(pageId);
    const reusedSubmissionId = first !== undefined && first !== fingerprint;
    const context = {
      account: account.account,
      topics: account.topics,
      locale: input.lang,
      reusedSubmissionId,
    };
    const id = normalizeSubmission(submission, {
      ...context,
      receivedAt: this.deps.now(),
      attachments: hashed,
    }).id;
    if (this.accepted.has(id)) return { kind: 'accepted', id, duplicate: true };
    const running = this.inFlight.get(id);
    if (running) return running;

    const work = (async (): Promise<IntakeOutcome> => {
      const now = this.deps.now().getTime();
      const contacts = [submission.email?.toLowerCase(), submission.phone?.replace(/\D/g, '')].filter(
        (c): c is string => !!c,
      );
      const limited = [
        this.perIp.check(input.ip, now),
        ...contacts.map((c) => this.perContact.check(c, now)),
      ].find((r) => !r.ok);
      if (limited && !limited.ok) {
        this.deps.log.info({ account: account.account, reason: 'rate-limit' }, 'submission refused');
        const minutes = Math.ceil(limited.retryAfterMs / 60_000);
        return {
          kind: 'rate-limited',
          retryAfterSeconds: Math.ceil(limited.retryAfterMs / 1000),
          message: fill(t.errorRate, { minutes }),
        };
      }
      const blobs = this.deps.blobs;
      const attachments: AttachmentRef[] = [];
      for (const [i, file] of input.files.entries()) {
        // maxFiles is 0 without a store, so a file here always has one.
        const stored = await (blobs as BlobStore).put(file.data);
        attachments.push({
          ...hashed[i],
          name: file.name,
          mimeType: file.mimeType,
          size: stored.size,
          blobId: stored.id,
          sha256: stored.sha256,
        });
      }
      const {
        published: [message],
      } = await publishNormalized({ ...this.deps, channel: 'webform' }, [
        normalizeSubmission(submission, { ...context, receivedAt: this.deps.now(), attachments }),
      ]);
      this.perIp.record(input.ip, now);
      for (const c of contacts) this.perContact.record(c, now);
      this.accepted.set(id, true);
      if (pageId !== undefined && !reusedSubmissionId) this.pageIds.set(pageId, fingerprint);
      this.deps.log.debug(
        { account: account.account, messageId: message?.id, files: attachments.length },
        'submission accepted',
      );
      return { kind: 'accepted', id, duplicate: false };
    })();
    this.inFlight.set(id, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(id);
    }
  }
}

function describeFile(p: FileProblem, settings: FormSettings, t: Texts): string {
  const a = settings.account.attachments;
  const size = (bytes: number) => formatSize(bytes, t);
  switch (p.reason) {
    case 'type':
      return fill(t.errorFileType, { file: p.file });
    case 'size':
      return fill(t.errorFileSize, { file: p.file, max: size(a.maxFileBytes) });
    case 'total':
      return fill(t.errorFileTotal, { file: p.file, max: size(a.maxTotalBytes) });
    case 'count':
      return fill(t.errorFileCount, { file: p.file, max: a.maxFiles });
    case 'disabled':
      return fill(t.errorFilesDisabled, { file: p.file });
  }
}
