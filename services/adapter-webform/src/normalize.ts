import { createHash } from 'node:crypto';
import { type AttachmentRef, type IdentityClaim, type InboundMessageInput, messageId } from '@omni/contracts';
import type { Submission } from './webform.schema';

export interface WebformContext {
  account: string;
  receivedAt: Date;
  /** Configured topics: the label travels with the id so routing and agents see it. */
  topics: ReadonlyArray<{ id: string; label: string }>;
  /** Files already stored in the BlobStore, in the order the customer attached them. */
  attachments?: AttachmentRef[];
  /** The language the page was shown in (BCP 47), so replies can use it. */
  locale?: string;
  /**
   * The page's submission id was already used for a different content (a form restored by
   * the back button and edited): the fingerprint is added so the edit is not taken for a retry.
   */
  reusedSubmissionId?: boolean;
}

/**
 * A submission → an `InboundMessage`. Pure: no I/O, no clock (the receive time is passed in).
 * The contact details were typed by the customer, so they are unverified claims: they can
 * attach to a customer but never merge two.
 */
export function normalizeSubmission(s: Submission, ctx: WebformContext): InboundMessageInput {
  const attachments = ctx.attachments ?? [];
  const hash = submissionFingerprint(ctx.account, s, attachments);
  let externalId = `hash:${hash}`;
  if (s.submissionId)
    externalId = `sub:${s.submissionId}${ctx.reusedSubmissionId ? `:${hash.slice(0, 16)}` : ''}`;
  const identities: IdentityClaim[] = [];
  if (s.email) identities.push({ kind: 'email', value: s.email, verified: false });
  if (s.phone) identities.push({ kind: 'phone', value: s.phone, verified: false });
  const topic = s.topic ? { id: s.topic, label: ctx.topics.find((t) => t.id === s.topic)?.label } : undefined;
  const at = ctx.receivedAt.toISOString();
  return {
    version: 1,
    id: messageId('webform', ctx.account, externalId),
    channel: 'webform',
    account: ctx.account,
    externalId,
    direction: 'inbound',
    sentAt: at,
    receivedAt: at,
    sender: {
      externalId: (s.email ?? s.phone ?? '').toLowerCase(),
      displayName: s.name,
      email: s.email,
      phone: s.phone,
      locale: ctx.locale,
    },
    identities,
    thread: { subject: s.subject || undefined },
    content: { kind: 'form', text: s.message, attachments },
    topic,
    flags: {},
  };
}

/** What the customer sent, as a hash: without a submission id, the same content posted twice is one message. */
export function submissionFingerprint(account: string, s: Submission, attachments: AttachmentRef[]): string {
  const files = attachments.map((a) => a.sha256 ?? a.name);
  const parts = [account, s.email ?? '', s.phone ?? '', s.topic ?? '', s.subject ?? '', s.message, ...files];
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
