import { errorMessage, platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { Telegram, TelegramError } from 'telegraf';

/**
 * The Bot API calls this adapter makes, through telegraf's `Telegram` client (typed calls,
 * multipart uploads, the token redacted from network errors). telegraf's own polling and
 * webhook handling are not used: its polling confirms a batch even when handlers failed,
 * and its default webhook path depends on the Node version.
 */
export function createBotApi(token: string, apiRoot: string): Telegram {
  // `webhookReply: false`: every call is a real request whose result we can check.
  return new Telegram(token, { apiRoot, webhookReply: false });
}

/**
 * A failed Bot API call as a `PlatformError`: 429 is retried after the platform's
 * `retry_after`, 5xx and network failures are retried, a 403 ("bot was blocked by the
 * user", "user is deactivated") and other 4xx are permanent.
 */
export function toPlatformError(err: unknown, method: string): PlatformError {
  if (err instanceof TelegramError) {
    const code = err.code;
    const retryAfter = err.parameters?.retry_after;
    const retriable = code === 429 || code >= 500;
    return new PlatformError(platformErrorCode('telegram', code), `${method}: ${err.description}`, {
      retriable,
      retryAfterMs: retryAfter !== undefined ? retryAfter * 1000 : undefined,
      cause: err,
    });
  }
  return new PlatformError(platformErrorCode('telegram', 'network'), `${method}: ${errorMessage(err)}`, {
    retriable: true,
    cause: err,
  });
}

/** Runs one call, wrapping its failure. */
export async function callBotApi<T>(method: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toPlatformError(err, method);
  }
}
