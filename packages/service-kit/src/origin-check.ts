export type OriginVerdict =
  /** No Origin header: a server-side API client or an old browser; nothing to check. */
  | { kind: 'none' }
  | { kind: 'same' }
  /** One of the account's allowed origins: answered with CORS headers for it. */
  | { kind: 'allowed'; origin: string }
  | { kind: 'refused'; origin: string };

/**
 * Cross-site requests (a web form's posts, a live chat's API calls) are accepted only from
 * the account's allowed origins. A page of ours calls same-origin: its host is ours — the `Host` header, or the `X-Forwarded-Host` a
 * proxy in front of us sets (a browser cannot add that header to a cross-site post without
 * a preflight we refuse). The scheme is not compared because TLS usually ends at that
 * proxy. `Origin: null` (sandboxed frames, privacy redirects) is refused.
 */
export function checkOrigin(
  header: string | undefined,
  hosts: ReadonlyArray<string | undefined>,
  allowed: ReadonlySet<string>,
): OriginVerdict {
  if (header === undefined) return { kind: 'none' };
  const origin = normalizeOrigin(header);
  if (!origin) return { kind: 'refused', origin: header };
  const url = new URL(origin);
  // Parsed with the origin's scheme so a default port written out (`:443`) compares equal.
  if (hosts.some((host) => host !== undefined && sameHost(url, host))) return { kind: 'same' };
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

/** Our host as the request names it: `Host`, and the first `X-Forwarded-Host` if a proxy set one. */
export function requestHosts(headers: Record<string, string | string[] | undefined>, host: string): string[] {
  const forwarded = headers['x-forwarded-host'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first ? [host, first] : [host];
}

/** `scheme://host[:port]` of an http(s) URL, or undefined for anything else. */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}
