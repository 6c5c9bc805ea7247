import { errorMessage, platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';
import { parseLosslessJson } from './viber.schema';

/**
 * Viber REST API calls over plain `fetch` (developers.viber.com/docs/api/rest-bot-api).
 * The `viber-bot` package is not used: its middleware reads a header Node never produces
 * and answers nothing on failure, its client would parse `message_token` with `JSON.parse`
 * (rounding it), and it pulls in a logger and an HTTP stack we do not need. Two calls
 * over fetch are simpler to get right.
 */
export class ViberApi {
  constructor(
    private readonly apiRoot: string,
    private readonly authToken: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** `set_webhook`: Viber calls the URL with a `webhook` event before it answers. */
  async setWebhook(url: string, eventTypes: readonly string[]): Promise<void> {
    await this.call('set_webhook', { url, event_types: eventTypes, send_name: true, send_photo: true });
  }

  /** `send_message`; resolves to the message token (exact decimal text). */
  async sendMessage(body: Record<string, unknown>): Promise<string | undefined> {
    const result = await this.call('send_message', body);
    return result.message_token;
  }

  private async call(method: string, body: Record<string, unknown>): Promise<z.infer<typeof ViberResponse>> {
    let response: Response;
    try {
      response = await this.fetchImpl(
        new URL(`pa/${method}`, this.apiRoot.endsWith('/') ? this.apiRoot : `${this.apiRoot}/`),
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-viber-auth-token': this.authToken },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        },
      );
    } catch (err) {
      throw new PlatformError(platformErrorCode('viber', 'network'), `${method}: ${errorMessage(err)}`, {
        retriable: true,
        cause: err,
      });
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      const retriable = response.status === 429 || response.status >= 500;
      const retryAfter = Number(response.headers.get('retry-after'));
      throw new PlatformError(
        platformErrorCode('viber-http', response.status),
        `${method}: HTTP ${response.status} ${text.slice(0, 200)}`,
        {
          retriable,
          retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
        },
      );
    }
    let parsed: z.infer<typeof ViberResponse>;
    try {
      parsed = ViberResponse.parse(parseLosslessJson(text));
    } catch (err) {
      throw new PlatformError(
        platformErrorCode('viber', 'bad-response'),
        `${method}: the answer is not a Viber response`,
        {
          retriable: true,
          cause: err,
        },
      );
    }
    if (parsed.status !== 0) {
      throw new PlatformError(
        platformErrorCode('viber', parsed.status),
        `${method}: ${parsed.status_message ?? 'failed'} (status ${parsed.status})`,
        {
          retriable: RETRIABLE_STATUSES.has(parsed.status),
        },
      );
    }
    return parsed;
  }
}

/**
 * Statuses worth a retry (developers.viber.com/docs/api/rest-bot-api/#error-codes):
 * 12 tooManyRequests. Every other non-zero status (receiverNotSubscribed,
 * invalidAuthToken, badData, publicAccountBlocked…) fails the same way again.
 */
const RETRIABLE_STATUSES = new Set([12]);

const ViberResponse = z.looseObject({
  status: z.union([z.number(), z.string().transform(Number)]),
  status_message: z.string().optional(),
  message_token: z.union([z.string(), z.number()]).transform(String).optional(),
});
