import { normalizeOrigin } from './form-settings';

export type OriginVerdict =
  /** No Origin header: a server-side API client or an old browser; nothing to check. */
  | { kind: 'none' }
  | { kind: 'same' }
  /** One of the account's allowed origins: answered with CORS headers for it. */
  | { kind: 'allowed'; origin: string }
  | { kind: 'refused'; origin: string };

/**
 * Cross-site posts are accepted only from the account's allowed origins. The form's own
 * page posts same-origin; the host is compared without the scheme because TLS usually
 * ends at a proxy in front of us. `Origin: null` (sandboxed frames, privacy redirects) is refused.
 */
export function checkOrigin(
  header: string | undefined,
  host: string,
  allowed: ReadonlySet<string>,
): OriginVerdict {
  if (header === undefined) return { kind: 'none' };
  const origin = normalizeOrigin(header);
  if (!origin) return { kind: 'refused', origin: header };
  const url = new URL(origin);
  // Parsed with the origin's scheme so a default port written out (`:443`) compares equal.
  if (sameHost(url, host)) return { kind: 'same' };
  if (allowed.has(origin)) return { kind: 'allowed', origin };
  return { kind: 'refused', origin };
}

function sameHost(origin: URL, host: string): boolean {
  try {
    return new URL(`${origin.protocol}//${host}`).host === origin.host;
  } catch {
    return false;
  }
}
