/**
 * The codes of our own errors, declared once: code is compared against these constants,
 * never against a string typed again elsewhere. A platform's refusal carries the
 * platform's own code instead (`PlatformErrorCode`).
 */
export const ERROR_CODES = {
  /** The message bus did not accept a record in time (retriable: the platform or consumer retries). */
  busUnavailable: 'bus-unavailable',
  /** Storing bytes (attachments, raw messages) failed (retriable). */
  blobStoreUnavailable: 'blob-store-unavailable',
  /** The mapping of a platform's receipt to our message could not be read (retriable). */
  receiptLookupFailed: 'receipt-lookup-failed',
  /** A platform file could not be downloaded (network, 5xx: retriable). */
  downloadFailed: 'download-failed',
  /** A request on a user's behalf to an address the outbound policy forbids (never retriable). */
  outboundRefused: 'outbound-refused',
  /** A reply with neither text nor a stored attachment: nothing to send. */
  emptyReply: 'empty-reply',
  /** A reply names an account this adapter has no configuration for. */
  unknownAccount: 'unknown-account',
  /** A reply's attachment is not in the blob store. */
  attachmentMissing: 'attachment-missing',
  /** A reply's recipient is not an address the platform can take. */
  badRecipient: 'bad-recipient',
  /** An email account without SMTP cannot send replies. */
  noSmtp: 'no-smtp',
  /** A send failed with an error that carried no code of its own. */
  sendFailed: 'send-failed',
  /** A consumer refused a record for good (it goes to the DLQ). */
  dataRejected: 'data-rejected',
  /** Threading: an identity was attached to another customer concurrently (retriable). */
  identityRace: 'identity-race',
  /** Threading: customers of a batch were merged concurrently (retriable). */
  mergeRace: 'merge-race',
  customerMergedConcurrently: 'customer-merged-concurrently',
  customerNotFound: 'customer-not-found',
  mergeNotFound: 'merge-not-found',
  mergeSelf: 'merge-self',
  customerMerged: 'customer-merged',
  mergeUndone: 'merge-undone',
  mergeSuperseded: 'merge-superseded',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

declare const platformCode: unique symbol;
/**
 * A platform's own error, usually as `<platform>-<its code>` (`telegram-403`, `smtp-550`,
 * `graph-10-2018278`): an open set the platform defines, made only by `platformErrorCode`.
 */
export type PlatformErrorCode = string & { readonly [platformCode]: true };

/** The parts joined with `-`: `platformErrorCode('telegram', 403)` is `telegram-403`. */
export function platformErrorCode(...parts: [string | number, ...Array<string | number>]): PlatformErrorCode {
  return parts.join('-') as PlatformErrorCode;
}

/**
 * The one error class that crosses package boundaries: it says what went wrong (`code`),
 * whether trying again can help (`retriable`), and keeps the `cause` chain.
 */
export class OmniError extends Error {
  readonly code: ErrorCode | PlatformErrorCode;
  readonly retriable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode | PlatformErrorCode,
    message: string,
    opts: { retriable?: boolean; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'OmniError';
    this.code = code;
    this.retriable = opts.retriable ?? false;
    this.details = opts.details;
  }
}

/** True for an `OmniError` with this code. */
export function hasErrorCode(err: unknown, code: ErrorCode): err is OmniError {
  return err instanceof OmniError && err.code === code;
}

/** Unknown errors are assumed transient: retrying a permanent one wastes time, dropping a transient one loses data. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof OmniError) return err.retriable;
  if (typeof err === 'object' && err !== null && 'retriable' in err) {
    return (err as { retriable: unknown }).retriable !== false;
  }
  return true;
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
