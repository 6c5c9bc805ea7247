import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema.js';

export type OmniClient = Client<paths>;

export interface OmniClientOptions {
  /** Where the ticket API listens, e.g. `https://omni.example.com` (no `/v1`). */
  baseUrl: string;
  /** An API key (`pnpm omni api-keys create`). */
  apiKey: string;
  /** A fetch of your own (tests, proxies); the global one by default. */
  fetch?: (input: Request) => Promise<Response>;
}

/**
 * A typed client of the ticket API: every path, parameter, body and answer is typed from
 * the API's own OpenAPI document (`src/schema.ts`), so a breaking API change is a compile
 * error in the integrator's code, not a surprise in production. Errors are the API's
 * problems (`error.type` is a `ProblemType`).
 *
 *   const omni = createOmniClient({ baseUrl, apiKey });
 *   const { data, error } = await omni.GET('/v1/tickets', { params: { query: { status: 'open' } } });
 */
export function createOmniClient(opts: OmniClientOptions): OmniClient {
  return createClient<paths>({
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${opts.apiKey}` },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
}
