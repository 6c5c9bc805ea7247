import { platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';

export interface GraphClientOptions {
  apiRoot: string;
  graphVersion: string;
  /** A Page, Instagram or WhatsApp system-user access token. */
  accessToken: string;
  /**
   * Where the token goes: the `access_token` query parameter (the Messenger Platform's
   * examples) or `Authorization: Bearer` (the Cloud API's). Graph takes both.
   */
  tokenIn?: 'query' | 'header';
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Wait before retrying a rate-limited call when Meta names no time (tests shorten it). */
  rateLimitDelayMs?: number;
}

export const GraphErrorBody = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_data: z.unknown().optional(),
    fbtrace_id: z.string().optional(),
  }),
});
export type GraphErrorDetail = z.infer<typeof GraphErrorBody>['error'];

/**
 * Meta's error codes are one space across its products (developers.facebook.com, "Graph API
 * error handling"; WhatsApp Cloud API "Error codes"). Worth retrying: 1 unknown/temporary,
 * 2 service unavailable, 131000 something went wrong, 131016 service overloaded, 133004
 * server temporarily unavailable — and the rate limits below.
 */
const TRANSIENT_CODES = new Set([1, 2, 131000, 131016, 133004]);
/**
 * Rate limits: 4 application, 17 user, 32 page, 341 application limit, 613 calls per time,
 * 80007 WhatsApp business account, 130429 Cloud API throughput, 131056 pair rate (one
 * business number to one person: about one message every 6 seconds).
 */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80007, 130429, 131056]);
/**
 * The Send API's subcodes (with code 10 or 100) for "the 24-hour standard messaging window has
 * closed for this person": Messenger's, and Instagram's (`IGApiException`, HTTP 403).
 */
export const OUTSIDE_WINDOW_SUBCODES = [2018278, 2534022] as const;

/**
 * The Graph API over `fetch`: one call with the token, a deadline, and Graph errors turned
 * into a `PlatformError` naming Meta's code (`graph-<code>[-<subcode>]`) and whether to retry.
 */
/**
 * An id from a webhook as a Graph path segment. `encodeURIComponent` throws on a lone
 * surrogate, which a forged or broken payload may carry (a WhatsApp media id was a 500): it
 * becomes U+FFFD first, and the API then refuses the id as unknown like any other bad id.
 */
export function graphPathSegment(id: string): string {
  return encodeURIComponent(
    id.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );
}

export class GraphClient {
  protected readonly fetchImpl: typeof fetch;
  constructor(protected readonly opts: GraphClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** `{apiRoot}/{graphVersion}/{path}` with the token; JSON answer, or a PlatformError. */
  async call(path: string, init: RequestInit): Promise<unknown> {
    const base = `${this.opts.apiRoot.replace(/\/$/, '')}/${this.opts.graphVersion}/${path}`;
    const headers = new Headers(init.headers);
    let url = base;
    if (this.opts.tokenIn === 'header') headers.set('authorization', `Bearer ${this.opts.accessToken}`);
    else
      url = `${base}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(this.opts.accessToken)}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        ...init,
        headers,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 20_000),
      });
    } catch (err) {
      throw new PlatformError(
        platformErrorCode('graph', 'unreachable'),
        `the Graph API did not answer: ${(err as Error).message}`,
        { retriable: true, cause: err },
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PlatformError(
        platformErrorCode('graph-http', response.status),
        `the Graph API answered ${response.status} without JSON`,
        { retriable: response.status >= 500 || response.status === 429 },
      );
    }
    const error = GraphErrorBody.safeParse(json);
    if (!response.ok || error.success) {
      throw graphError(
        response.status,
        error.success ? error.data.error : undefined,
        this.opts.rateLimitDelayMs ?? 30_000,
      );
    }
    return json;
  }

  /** A JSON POST. */
  postJson(path: string, body: unknown): Promise<unknown> {
    return this.call(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }
}

/** A Graph error → a PlatformError whose code names Meta's code (and subcode). */
export function graphError(
  status: number,
  e: GraphErrorDetail | undefined,
  rateLimitDelayMs = 30_000,
): PlatformError {
  if (!e?.code) {
    return new PlatformError(
      platformErrorCode('graph-http', status),
      e?.message || `the Graph API answered ${status}`,
      { retriable: status >= 500 || status === 429 },
    );
  }
  return metaError(e.code, e.error_subcode, e.message, { status, rateLimitDelayMs, details: detailsOf(e) });
}

/**
 * Meta's error code (from an API answer or a webhook's `errors[]`) → a PlatformError:
 * retriable for the transient codes and rate limits (waiting `rateLimitDelayMs` for the
 * latter), permanent for everything else, with Meta's text kept.
 */
export function metaError(
  code: number,
  subcode: number | undefined,
  message: string,
  opts: { status?: number; rateLimitDelayMs?: number; details?: string } = {},
): PlatformError {
  const rateLimited = RATE_LIMIT_CODES.has(code);
  const retriable = TRANSIENT_CODES.has(code) || rateLimited || ((opts.status ?? 0) >= 500 && code !== 190);
  const what = rateLimited
    ? 'rate limited'
    : code === 190
      ? 'the access token is invalid or expired'
      : 'refused';
  const text = [message, opts.details].filter(Boolean).join(' — ');
  return new PlatformError(
    platformErrorCode('graph', code, ...(subcode ? [subcode] : [])),
    `Graph API ${what} (code ${code}${subcode ? `/${subcode}` : ''}): ${text}`.slice(0, 2000),
    { retriable, retryAfterMs: rateLimited ? (opts.rateLimitDelayMs ?? 30_000) : undefined },
  );
}

/** `error_data.details` (the Cloud API's explanation), when there is one. */
function detailsOf(e: GraphErrorDetail): string | undefined {
  const data = e.error_data;
  if (data && typeof data === 'object' && 'details' in data && typeof data.details === 'string')
    return data.details.slice(0, 1000);
  return undefined;
}

/** The Send API (Messenger, Instagram) said the 24-hour window is closed. */
export function isOutsideWindow(err: unknown): boolean {
  if (!(err instanceof PlatformError)) return false;
  return OUTSIDE_WINDOW_SUBCODES.some(
    (sub) =>
      err.code === platformErrorCode('graph', 10, sub) || err.code === platformErrorCode('graph', 100, sub),
  );
}
