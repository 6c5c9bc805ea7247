import { platformErrorCode } from '@omni/contracts';
import { PlatformError } from '@omni/service-kit';
import { z } from 'zod';

export interface GraphClientOptions {
  apiRoot: string;
  graphVersion: string;
  pageAccessToken: string;
  fetchImpl?: typeof fetch;
  timeoutMs?: number;
  /** Wait before retrying a rate-limited call: Graph sends no Retry-After, and its limits clear over minutes. */
  rateLimitDelayMs?: number;
}

const GraphErrorBody = z.object({
  error: z.object({
    message: z.string().default(''),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    fbtrace_id: z.string().optional(),
  }),
});

/**
 * Graph error codes worth retrying (developers.facebook.com, "Graph API error handling"):
 * 1 unknown/temporary, 2 service unavailable, 4 app rate limit, 17 user rate limit,
 * 32 page rate limit, 341 application limit, 613 calls-per-time limit.
 */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);
const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613]);
/** Send API: the 24-hour standard messaging window has closed for this person. */
export const OUTSIDE_WINDOW_SUBCODE = 2018278;

export const SendResponse = z.object({ recipient_id: z.string().optional(), message_id: z.string().min(1) });
export const Profile = z.object({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  name: z.string().optional(),
  profile_pic: z.string().optional(),
  locale: z.string().optional(),
});
export type Profile = z.infer<typeof Profile>;

/** The few Graph API calls the adapter makes: Send API messages and user profiles. */
export class GraphClient {
  private readonly fetchImpl: typeof fetch;
  constructor(private readonly opts: GraphClientOptions) {
    this.fetchImpl = opts.fetchImpl ?? fetch;
  }

  /** `POST /me/messages` with a JSON body, or multipart when uploading a file. */
  async sendMessage(
    body: Record<string, unknown>,
    file?: { data: Buffer; name: string; mimeType: string },
  ): Promise<string> {
    let init: RequestInit;
    if (file) {
      const form = new FormData();
      for (const [k, v] of Object.entries(body))
        form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
      form.append('filedata', new Blob([new Uint8Array(file.data)], { type: file.mimeType }), file.name);
      init = { method: 'POST', body: form };
    } else {
      init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    }
    const json = await this.call('me/messages', init);
    const parsed = SendResponse.safeParse(json);
    if (!parsed.success)
      throw new PlatformError(
        platformErrorCode('graph', 'bad-response'),
        'the Send API answered without a message_id',
        {
          retriable: true,
        },
      );
    return parsed.data.message_id;
  }

  async profile(psid: string): Promise<Profile> {
    const json = await this.call(`${encodeURIComponent(psid)}?fields=first_name,last_name,profile_pic`, {
      method: 'GET',
    });
    return Profile.parse(json);
  }

  private async call(path: string, init: RequestInit): Promise<unknown> {
    const sep = path.includes('?') ? '&' : '?';
    const url = `${this.opts.apiRoot.replace(/\/$/, '')}/${this.opts.graphVersion}/${path}${sep}access_token=${encodeURIComponent(this.opts.pageAccessToken)}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        ...init,
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
        {
          retriable: response.status >= 500 || response.status === 429,
        },
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
}

/** A Graph error → a PlatformError whose code names the Graph code (and subcode). */
export function graphError(
  status: number,
  e: z.infer<typeof GraphErrorBody>['error'] | undefined,
  rateLimitDelayMs = 30_000,
): PlatformError {
  if (!e?.code) {
    return new PlatformError(
      platformErrorCode('graph-http', status),
      e?.message || `the Graph API answered ${status}`,
      {
        retriable: status >= 500 || status === 429,
      },
    );
  }
  const code = platformErrorCode('graph', e.code, ...(e.error_subcode ? [e.error_subcode] : []));
  const retriable = TRANSIENT_CODES.has(e.code) || (status >= 500 && e.code !== 190);
  const what = RATE_LIMIT_CODES.has(e.code)
    ? 'rate limited'
    : e.code === 190
      ? 'the page access token is invalid or expired'
      : 'refused';
  return new PlatformError(
    code,
    `Graph API ${what} (code ${e.code}${e.error_subcode ? `/${e.error_subcode}` : ''}): ${e.message}`.slice(
      0,
      2000,
    ),
    {
      retriable,
      retryAfterMs: RATE_LIMIT_CODES.has(e.code) ? rateLimitDelayMs : undefined,
    },
  );
}

export function isOutsideWindow(err: unknown): boolean {
  return (
    err instanceof PlatformError &&
    (err.code === platformErrorCode('graph', 10, OUTSIDE_WINDOW_SUBCODE) ||
      err.code === platformErrorCode('graph', 100, OUTSIDE_WINDOW_SUBCODE))
  );
}
