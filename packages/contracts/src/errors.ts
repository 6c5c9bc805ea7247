/**
 * The one error class that crosses package boundaries: it says what went wrong (`code`),
 * whether trying again can help (`retriable`), and keeps the `cause` chain.
 */
export class OmniError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: string,
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
