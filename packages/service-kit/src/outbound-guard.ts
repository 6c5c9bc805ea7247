import { promises as dns, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { ERROR_CODES, OmniError } from '@omni/contracts';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { type AddressVerdict, AllowList, judgeAddress, parseIpLiteral } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Name → addresses, as `dns.lookup(name, { all: true })` answers. Injected by tests, which never ask a real DNS server. */
export type ResolveHost = (hostname: string) => Promise<ResolvedAddress[]>;

const systemResolve: ResolveHost = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

/** RFC 6761: `localhost` and every `*.localhost` name are loopback — answered here, never asked of a DNS server. */
const LOCALHOST: ResolvedAddress[] = [
  { address: '127.0.0.1', family: 4 },
  { address: '::1', family: 6 },
];
const isLocalhostName = (name: string) => name === 'localhost' || name.endsWith('.localhost');

export const OUTBOUND_REFUSED = ERROR_CODES.outboundRefused;

/** A request on a user's behalf that the outbound policy refused before any connection was made. Never retriable. */
export class OutboundRefusedError extends OmniError {
  constructor(
    readonly host: string,
    readonly verdict: Extract<AddressVerdict, { allowed: false }> | { allowed: false; range: 'scheme' },
  ) {
    const what =
      'address' in verdict
        ? `${host === verdict.address ? host : `${host} (${verdict.address})`} is in the ${verdict.range} range`
        : `${host} is not an http(s) URL`;
    super(OUTBOUND_REFUSED, `refused by the outbound address policy: ${what}`, {
      retriable: false,
      details: { host, range: verdict.range, ...('address' in verdict ? { address: verdict.address } : {}) },
    });
    this.name = 'OutboundRefusedError';
  }
}

/** The refusal somewhere in an error's cause chain (fetch wraps it: `TypeError: fetch failed`). */
export function outboundRefusal(err: unknown): OutboundRefusedError | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof OutboundRefusedError) return e;
  }
  return undefined;
}

export interface OutboundGuardOptions {
  /** `OMNI_OUTBOUND_ALLOW`: addresses, CIDRs and host names allowed although private (internal receivers, tests' loopback). */
  allow?: readonly string[];
  /** Default: the system resolver (`dns.lookup`). */
  resolve?: ResolveHost;
  /** TCP (and TLS) connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * Outbound HTTP made on a user's behalf — webhook deliveries, files at URLs a platform
 * payload names — may only reach the public internet (and what the allowlist adds):
 * never loopback, private, link-local, CGNAT, multicast, reserved or metadata addresses.
 *
 * The check runs **on the resolved address at connect time**, in the connector of the
 * dispatcher every request of {@link fetch} goes through: a name is resolved once, every
 * answer is judged, and the socket connects to exactly the answers judged (so DNS
 * rebinding between a check and the connection is impossible); a literal address is
 * judged before the connector runs. Each redirect hop is a new connection through the
 * same connector, so a redirect to a forbidden address is refused too. {@link checkUrl}
 * judges a URL when it is registered, to refuse early with a clear answer.
 */
export class OutboundGuard {
  readonly allow: AllowList;
  readonly dispatcher: Agent;
  /** `fetch` whose every connection is judged. Only http(s) URLs; a refusal rejects with `TypeError` caused by {@link OutboundRefusedError}. */
  readonly fetch: typeof fetch;
  private readonly resolve: ResolveHost;

  constructor(opts: OutboundGuardOptions = {}) {
    this.allow = new AllowList(opts.allow ?? []);
    this.resolve = opts.resolve ?? systemResolve;
    const connectNow = buildConnector({ lookup: this.lookup, timeout: opts.connectTimeoutMs ?? 10_000 });
    this.dispatcher = new Agent({
      connect: (options, callback) => {
        // Node connects to a literal address without calling `lookup`: judge it here.
        if (parseIpLiteral(options.hostname)) {
          const verdict = judgeAddress(options.hostname, this.allow);
          if (!verdict.allowed) {
            callback(new OutboundRefusedError(options.hostname, verdict), null);
            return;
          }
        }
        connectNow(options, callback);
      },
    });
    const guarded = async (input: string | URL, init?: RequestInit): Promise<Response> => {
      const url = new URL(input);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new OutboundRefusedError(url.protocol, { allowed: false, range: 'scheme' });
      }
      const response = await undiciFetch(url, {
        ...(init as Parameters<typeof undiciFetch>[1]),
        dispatcher: this.dispatcher,
      });
      // undici's Response is the WHATWG class global fetch returns, from the package rather than Node's copy.
      return response as unknown as Response;
    };
    this.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      if (typeof input !== 'string' && !(input instanceof URL)) {
        return Promise.reject(
          new TypeError('the outbound guard fetches URLs (string or URL), not Request objects'),
        );
      }
      return guarded(input, init);
    }) as typeof fetch;
  }

  /**
   * Judges a URL before it is stored (a webhook subscription): rejects with
   * {@link OutboundRefusedError} when it is not http(s), names a forbidden address, or names
   * a host any of whose addresses is forbidden. A name that does not resolve now passes —
   * it is judged again at every connection.
   */
  async checkUrl(url: string): Promise<void> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new OutboundRefusedError(parsed.protocol, { allowed: false, range: 'scheme' });
    }
    await this.resolveJudged(parsed.hostname.replace(/^\[|\]$/g, '')).catch((err: unknown) => {
      if (err instanceof OutboundRefusedError) throw err;
    });
  }

  /** Closes the dispatcher's idle connections (service shutdown). */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /**
   * Every address `host` stands for, each judged; throws {@link OutboundRefusedError} when any
   * is forbidden (an answer mixing public and private addresses is how rebinding is tried).
   */
  private async resolveJudged(host: string): Promise<ResolvedAddress[]> {
    const literal = parseIpLiteral(host);
    if (literal) {
      const verdict = judgeAddress(host, this.allow);
      if (!verdict.allowed) throw new OutboundRefusedError(host, verdict);
      return [{ address: literal.toString(), family: literal.kind() === 'ipv4' ? 4 : 6 }];
    }
    const name = host.toLowerCase().replace(/\.+$/, '');
    if (this.allow.hasName(name)) return this.resolve(name);
    const answers = isLocalhostName(name) ? LOCALHOST : await this.resolve(name);
    for (const answer of answers) {
      const verdict = judgeAddress(answer.address, this.allow);
      if (!verdict.allowed) throw new OutboundRefusedError(host, verdict);
    }
    return answers;
  }

  /** `net.connect`'s lookup: the socket connects only to addresses that were just judged. */
  private readonly lookup: LookupFunction = (hostname, options: LookupOptions, callback) => {
    this.resolveJudged(hostname).then(
      (answers) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const usable = family === 4 || family === 6 ? answers.filter((a) => a.family === family) : answers;
        const first = usable[0];
        if (!first) {
          const err: NodeJS.ErrnoException = new Error(`${hostname} has no address of the wanted family`);
          err.code = 'ENOTFOUND';
          callback(err, '', 0);
        } else if (options.all) {
          callback(null, usable as LookupAddress[]);
        } else {
          callback(null, first.address, first.family);
        }
      },
      (err: NodeJS.ErrnoException) => callback(err, '', 0),
    );
  };
}

let strict: OutboundGuard | undefined;

/** The guard with no allowlist and the system resolver: the default wherever none is passed in. */
export function strictOutboundGuard(): OutboundGuard {
  strict ??= new OutboundGuard();
  return strict;
}
