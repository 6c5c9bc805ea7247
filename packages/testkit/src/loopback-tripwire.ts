import dns from 'node:dns';
import net from 'node:net';

/**
 * Tests never send traffic anywhere but loopback. The tripwire enforces it inside a test
 * process: every TCP connection (plain or TLS: both go through `net.Socket#connect`) to a
 * literal address off loopback is stopped before the socket connects, a name is connected
 * only if it resolves to loopback, and a DNS lookup of a name that is not `localhost` (which
 * would ask the machine's DNS server) is answered ENOTFOUND instead. Each is recorded as a
 * violation, which the jest setup turns into a failure of the test file.
 */
export interface LoopbackTripwire {
  /** What was stopped: `connect <host>:<port>` or `dns <name>`. */
  readonly violations: string[];
  restore(): void;
}

export function isLoopbackAddress(address: string): boolean {
  const text = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (net.isIPv4(text)) return text.startsWith('127.');
  if (!net.isIPv6(text)) return false;
  return text === '::1' || /^(0{1,4}:){0,5}(::)?ffff:127\.|^::ffff:7f[0-9a-f]{2}:/.test(text);
}

/** `localhost` is answered from /etc/hosts; any other name (even `x.localhost`, for glibc) may go to a DNS server. */
const isLocalName = (name: string) => name.toLowerCase() === 'localhost';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;
type Lookup = (hostname: string, options: unknown, callback: LookupCallback) => void;
interface ConnectOptions {
  host?: string;
  port?: number | string;
  path?: string;
  lookup?: Lookup;
}

export function installLoopbackTripwire(): LoopbackTripwire {
  const violations: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;
  const originalPromiseLookup = dns.promises.lookup;

  const refusedName = (hostname: string): NodeJS.ErrnoException => {
    violations.push(`dns ${hostname}`);
    const err: NodeJS.ErrnoException = new Error(
      `loopback tripwire: a test looked up ${hostname}, which would ask a DNS server`,
    );
    err.code = 'ENOTFOUND';
    return err;
  };

  // dns.lookup has several overloads; only the name matters here.
  const guardedLookup = ((hostname: string, ...rest: unknown[]) => {
    const callback = rest[rest.length - 1] as LookupCallback;
    if (!isLocalName(hostname) && net.isIP(hostname) === 0) {
      process.nextTick(() => callback(refusedName(hostname), undefined));
      return;
    }
    return (originalLookup as (...args: unknown[]) => void)(hostname, ...rest);
  }) as typeof dns.lookup;
  dns.lookup = guardedLookup;
  dns.promises.lookup = ((hostname: string, options?: unknown) => {
    if (!isLocalName(hostname) && net.isIP(hostname) === 0) return Promise.reject(refusedName(hostname));
    return (originalPromiseLookup as (h: string, o?: unknown) => Promise<unknown>)(hostname, options);
  }) as typeof dns.promises.lookup;

  net.Socket.prototype.connect = function connect(this: net.Socket, ...given: unknown[]) {
    const args = asOptionsForm(given);
    const options = connectOptions(args);
    if (options && options.path === undefined) {
      const host = options.host ?? 'localhost';
      if (net.isIP(host) !== 0) {
        if (!isLoopbackAddress(host)) {
          violations.push(`connect ${host}:${options.port}`);
          process.nextTick(() =>
            this.destroy(new Error(`loopback tripwire: a test connected to ${host}:${options.port}`)),
          );
          return this;
        }
      } else {
        // A name: Node resolves it with `lookup` right before connecting; judge what it answers.
        const lookup = options.lookup ?? (dns.lookup as unknown as Lookup);
        options.lookup = (hostname, lookupOptions, callback) =>
          lookup(hostname, lookupOptions, (err, address, family) => {
            if (err) return callback(err, address, family);
            const all = Array.isArray(address)
              ? (address as Array<{ address: string }>).map((a) => a.address)
              : [String(address)];
            const off = all.filter((a) => !isLoopbackAddress(a));
            if (off.length > 0) {
              violations.push(`connect ${hostname} (${off.join(', ')}):${options.port}`);
              return callback(
                new Error(`loopback tripwire: ${hostname} resolved to ${off.join(', ')}`),
                undefined,
              );
            }
            callback(null, address, family);
          });
      }
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

  return {
    violations,
    restore() {
      net.Socket.prototype.connect = originalConnect;
      dns.lookup = originalLookup;
      dns.promises.lookup = originalPromiseLookup;
    },
  };
}

/** `connect(port[, host][, cb])` rewritten as `connect({ port, host }[, cb])`, whose options object can carry a lookup. */
function asOptionsForm(args: unknown[]): unknown[] {
  const [first, second] = args;
  if (typeof first !== 'number' && !(typeof first === 'string' && /^\d+$/.test(first))) return args;
  const callback = args.find((a) => typeof a === 'function');
  const options = { port: Number(first), ...(typeof second === 'string' ? { host: second } : {}) };
  return callback ? [options, callback] : [options];
}

/** `connect(options)`, `connect(path)`, or Node's internal normalized `[options, callback]`. */
function connectOptions(args: unknown[]): ConnectOptions | undefined {
  const [first] = args;
  if (Array.isArray(first)) return first[0] as ConnectOptions;
  if (first !== null && typeof first === 'object') return first as ConnectOptions;
  if (typeof first === 'string') return { path: first };
  return undefined;
}
