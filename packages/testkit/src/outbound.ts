import { OutboundGuard, type ResolveHost } from '@omni/service-kit';

/** What tests allow: their receivers and fake platforms listen on loopback. */
export const LOOPBACK_ALLOW = ['127.0.0.0/8', '::1'] as const;

/**
 * A resolver that answers from a table and never asks a DNS server: a name not in it does
 * not resolve (ENOTFOUND), as a name nobody registered would not.
 */
export function tableResolver(table: Record<string, string[] | (() => string[])> = {}): ResolveHost {
  return async (hostname) => {
    const entry = table[hostname.toLowerCase()];
    if (entry === undefined) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname });
    }
    return (typeof entry === 'function' ? entry() : entry).map((address) => ({
      address,
      family: address.includes(':') ? 6 : 4,
    }));
  };
}

/**
 * The outbound guard tests give services that call loopback receivers and fakes: loopback
 * allowed (as `OMNI_OUTBOUND_ALLOW=127.0.0.0/8,::1` would), names answered from `names`
 * only. Everything else is judged exactly as in production.
 */
export function loopbackOutboundGuard(
  names: Record<string, string[] | (() => string[])> = {},
  allow: readonly string[] = LOOPBACK_ALLOW,
): OutboundGuard {
  return new OutboundGuard({ allow, resolve: tableResolver(names) });
}
