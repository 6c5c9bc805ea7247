import { platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';

export interface VkClientOptions {
  apiRoot: string;
  apiVersion: string;
  accessToken: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Wait before retrying flood-control errors (9, 29). */
  rateLimitDelayMs?: number;
}

const VkErrorBody = z.object({
  error: z.object({ error_code: z.number(), error_msg: z.string().default('') }),
});

/**
 * VK API error codes (dev.vk.com, "Errors"): 1 unknown, 6 too many requests per second,
 * 9 flood control, 10 internal server error, 29 rate limit — worth retrying. Everything
 * else (5 authorization, 7 permission, 100 parameters, 900 blacklisted, 901 no permission
 * to write to this user, 902 privacy settings, 914 message too long…) is permanent.
 */
const TRANSIENT = new Set([1, 6, 9, 10, 29]);

export function vkError(code: number, message: string, rateLimitDelayMs = 30_000): PlatformError {
  const retryAfterMs =
    code === 6 ? Math.min(1000, rateLimitDelayMs) : code === 9 || code === 29 ? rateLimitDelayMs : undefined;
  return new PlatformError(platformErrorCode('vk', code), `VK API error ${code}: ${message}`.slice(0, 2000), {
    retriable: TRANSIENT.has(code),
    retryAfterMs,
  });
}

/** Calls VK API methods: `POST {apiRoot}/method/{name}` with form parameters, `access_token` and `v`. */
export class VkClient {
  private readonly fetchImpl: typeof fetch;
  constructor(private readonly opts: VkClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  async call(method: string, params: Record<string, string | number | undefined>): Promise<unknown> {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, String(v));
    form.set('access_token', this.opts.accessToken);
    form.set('v', this.opts.apiVersion);
    const json = await this.request(`${this.opts.apiRoot.replace(/\/$/, '')}/method/${method}`, {
      method: 'POST',
      body: form,
    });
    const error = VkErrorBody.safeParse(json);
    if (error.success)
      throw vkError(error.data.error.error_code, error.data.error.error_msg, this.opts.rateLimitDelayMs);
    if (typeof json !== 'object' || json === null || !('response' in json)) {
      throw new PlatformError(
        platformErrorCode('vk', 'bad-response'),
        `VK ${method} answered without a response`,
        {
          retriable: true,
        },
      );
    }
    return (json as { response: unknown }).response;
  }

  /** A multipart upload to a URL VK handed out (documented upload flow). */
  async upload(
    url: string,
    field: string,
    file: { data: Buffer; name: string; mimeType: string },
  ): Promise<unknown> {
    const form = new FormData();
    form.append(field, new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
    const json = await this.request(url, { method: 'POST', body: form });
    const error = VkErrorBody.safeParse(json);
    if (error.success)
      throw vkError(error.data.error.error_code, error.data.error.error_msg, this.opts.rateLimitDelayMs);
    return json;
  }

  /** A plain GET returning JSON (the long-poll server). */
  async getJson(url: string, timeoutMs: number, signal?: AbortSignal): Promise<unknown> {
    return this.request(url, { method: 'GET' }, timeoutMs, signal);
  }

  private async request(
    url: string,
    init: RequestInit,
    timeoutMs = this.opts.timeoutMs ?? 20_000,
    signal?: AbortSignal,
  ): Promise<unknown> {
    // One controller per request, linked to the caller's signal and removed after: a
    // long-poll loop must not pile listeners on its long-lived signal.
    const controller = new AbortController();
    const abort = () => controller.abort();
    const timer = setTimeout(abort, timeoutMs);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await this.exchange(url, { ...init, signal: controller.signal });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', abort);
    }
  }

  private async exchange(url: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    try {
      response = await this.fetchImpl(url, init);
    } catch (err) {
      throw new PlatformError(
        platformErrorCode('vk', 'unreachable'),
        `VK did not answer: ${(err as Error).message}`,
        {
          retriable: true,
          cause: err,
        },
      );
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) {
      throw new PlatformError(
        platformErrorCode('vk-http', response.status),
        `VK answered ${response.status}`,
        {
          retriable: true,
        },
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new PlatformError(
        platformErrorCode('vk-http', response.status),
        `VK answered ${response.status} without JSON`,
        {
          retriable: response.ok,
        },
      );
    }
  }
}
