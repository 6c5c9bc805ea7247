import { platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';

export interface MaxClientOptions {
  apiRoot: string;
  token: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Wait before retrying a 429 that names no `Retry-After`. */
  rateLimitDelayMs?: number;
}

/** The documented error body: `{ code, message }` (schema `Error`). */
const ErrorBody = z.looseObject({ code: z.string().optional(), message: z.string().optional() });

/**
 * Error keys MAX answers with a 400 that a later try can fix: an uploaded file still being
 * processed cannot be attached yet (docs-api, POST /messages: "try to send a message again").
 */
const NOT_READY = new Set(['attachment.not.ready']);

export type MaxQuery = Record<string, string | number | boolean | undefined | null>;

/**
 * The MAX Bot API over HTTPS (dev.max.ru/docs-api): the token in the `Authorization`
 * header (query-parameter tokens are no longer accepted), JSON in and out, ids as query
 * parameters. Failures become `PlatformError`s: network errors, 429 (after `Retry-After`)
 * and 5xx are retriable; 401, 403 (the customer stopped the bot, no access to the chat),
 * 404 and other 4xx are permanent, with MAX's own `code` and `message`.
 */
export class MaxClient {
  private readonly fetchImpl: typeof fetch;
  constructor(private readonly opts: MaxClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** `METHOD {apiRoot}{path}?query` with the token; resolves with the parsed JSON answer. */
  async call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    opts: { query?: MaxQuery; body?: unknown; signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<unknown> {
    const url = new URL(`${this.opts.apiRoot.replace(/\/$/, '')}${path}`);
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v != null) url.searchParams.set(k, String(v));
    return this.request(
      `${method} ${path}`,
      url.toString(),
      {
        method,
        headers: {
          authorization: this.opts.token,
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      },
      opts,
    );
  }

  /** A multipart upload (field `data`) to the URL POST /uploads handed out. */
  async upload(url: string, file: { data: Buffer; name: string; mimeType: string }): Promise<unknown> {
    const form = new FormData();
    form.append('data', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
    return this.request('upload', url, {
      method: 'POST',
      headers: { authorization: this.opts.token },
      body: form,
    });
  }

  private async request(
    what: string,
    url: string,
    init: RequestInit,
    { signal, timeoutMs = this.opts.timeoutMs ?? 20_000 }: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<unknown> {
    // One controller per request, linked to the caller's: a polling loop must not pile listeners on its signal.
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, timeoutMs);
    signal?.addEventListener('abort', abort, { once: true });
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(url, { ...init, signal: controller.signal });
      text = await response.text();
    } catch (err) {
      throw new PlatformError(
        platformErrorCode('max', 'network'),
        `${what}: MAX did not answer: ${(err as Error).message}`,
        {
          retriable: true,
          cause: err,
        },
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
    const json = parseJson(text);
    if (response.ok) {
      if (json === undefined)
        throw new PlatformError(
          platformErrorCode('max', 'bad-response'),
          `${what}: MAX answered without JSON`,
          {
            retriable: true,
          },
        );
      return json;
    }
    const error = ErrorBody.safeParse(json).data ?? {};
    const detail = [error.code, error.message].filter(Boolean).join(': ') || text.slice(0, 200);
    const retriable = response.status === 429 || response.status >= 500 || NOT_READY.has(error.code ?? '');
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new PlatformError(
      platformErrorCode('max', response.status),
      `${what}: MAX answered ${response.status}${detail ? ` (${detail})` : ''}`.slice(0, 2000),
      {
        retriable,
        retryAfterMs:
          response.status !== 429
            ? undefined
            : Number.isFinite(retryAfter) && retryAfter > 0
              ? retryAfter * 1000
              : (this.opts.rateLimitDelayMs ?? 1000),
      },
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
