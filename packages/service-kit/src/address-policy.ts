import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * Why an address may not be the target of a request made on a user's behalf. The names of
 * ipaddr.js's special ranges, plus `metadata` (cloud instance-metadata endpoints, some of
 * them in otherwise public space) and `not-global-unicast` (IPv6 outside 2000::/3).
 */
export type ForbiddenRange = string;

export type AddressVerdict =
  | { allowed: true; address: string; via: 'public' | 'allowlist' }
  | { allowed: false; address: string; range: ForbiddenRange };

/**
 * Instance-metadata endpoints of the clouds. Most already sit in a forbidden range
 * (169.254.169.254 link-local, fd00:ec2::254 unique-local, 100.100.100.200 CGNAT), but
 * Azure's wire server is public space, and naming them all makes the refusal say what it is.
 */
const METADATA_ADDRESSES = [
  '169.254.169.254', // AWS, GCP, Azure IMDS, OpenStack, DigitalOcean, Oracle
  '169.254.170.2', // AWS ECS task metadata
  'fd00:ec2::254', // AWS IMDS over IPv6
  '100.100.100.200', // Alibaba Cloud
  '168.63.129.16', // Azure wire server
  '192.0.0.192', // Oracle Cloud (classic)
].map((a) => ipaddr.parse(a).toNormalizedString());

/** IPv6 ranges whose last 32 bits (or, for 6to4, bits 16–47) are an IPv4 address we reach through them. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * The IPv4 address an IPv6 one carries, for the forms that reach it: IPv4-mapped
 * (`::ffff:a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) and 6to4
 * (`2002:aabb:ccdd::`). Undefined for every other address.
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = address.range();
  const parts = address.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (range === 'ipv4Mapped' || range === 'rfc6145' || address.match(NAT64_WELL_KNOWN)) {
    return fromWords(parts[6] ?? 0, parts[7] ?? 0);
  }
  if (range === '6to4') return fromWords(parts[1] ?? 0, parts[2] ?? 0);
  return undefined;
}

/**
 * The range that forbids `address`, or undefined when it is a public unicast address.
 * Public means what ipaddr.js calls `unicast` and, for IPv6, inside 2000::/3; an IPv6
 * address that carries an IPv4 one is judged by the IPv4 address it reaches.
 */
export function forbiddenRange(address: Address): ForbiddenRange | undefined {
  if (METADATA_ADDRESSES.includes(address.toNormalizedString())) return 'metadata';
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? undefined : range;
  }
  const v6 = address as ipaddr.IPv6;
  const v4 = embeddedIPv4(v6);
  if (v4) {
    const inner = forbiddenRange(v4);
    return inner === undefined ? undefined : `${v6.range()}(${inner})`;
  }
  const range = v6.range();
  if (range !== 'unicast') return range;
  return v6.match(GLOBAL_UNICAST_V6) ? undefined : 'not-global-unicast';
}

/**
 * An IP address written as a URL host or a resolver's answer, in any form Node or a URL
 * parser accepts: dotted, decimal (`2130706433`), octal (`0177.0.0.1`), hex (`0x7f.1`),
 * short (`127.1`), bracketed IPv6, with a zone id or a trailing dot. Undefined for a name.
 */
export function parseIpLiteral(host: string): Address | undefined {
  let text = host.trim();
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  text = text.replace(/\.+$/, '');
  if (!ipaddr.isValid(text)) return undefined;
  const parsed = ipaddr.parse(text);
  // One canonical form: `::ffff:127.0.0.1` is 127.0.0.1 for the allowlist too.
  return parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
    ? (parsed as ipaddr.IPv6).toIPv4Address()
    : parsed;
}

/**
 * What an operator allows on top of the public internet: CIDRs (`10.1.0.0/16`), single
 * addresses (`::1`), host names (`receiver.internal`) and name suffixes
 * (`*.svc.cluster.local`). A name is matched as written in the URL, before resolution —
 * allowing a name trusts whatever it resolves to.
 */
export class AllowList {
  private readonly cidrs: Array<[Address, number]> = [];
  private readonly names = new Set<string>();
  private readonly suffixes: string[] = [];

  /** Throws listing every entry that is neither an address, a CIDR nor a host name. */
  constructor(readonly entries: readonly string[] = []) {
    const bad: string[] = [];
    for (const raw of entries) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      if (entry.includes('/')) {
        try {
          const [net, bits] = ipaddr.parseCIDR(entry);
          this.cidrs.push(canonicalCidr(net, bits));
        } catch {
          bad.push(raw);
        }
        continue;
      }
      const literal = parseIpLiteral(entry);
      if (literal) {
        this.cidrs.push([literal, literal.kind() === 'ipv4' ? 32 : 128]);
      } else if (/^\*\.[a-z0-9.-]+$/.test(entry)) {
        this.suffixes.push(entry.slice(1));
      } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?$/.test(entry)) {
        this.names.add(entry.replace(/\.$/, ''));
      } else {
        bad.push(raw);
      }
    }
    if (bad.length > 0) {
      throw new Error(`not an address, CIDR or host name: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
    }
  }

  get isEmpty(): boolean {
    return this.cidrs.length === 0 && this.names.size === 0 && this.suffixes.length === 0;
  }

  hasAddress(address: Address): boolean {
    return this.cidrs.some(([net, bits]) => net.kind() === address.kind() && address.match(net, bits));
  }

  hasName(hostname: string): boolean {
    const name = hostname.toLowerCase().replace(/\.+$/, '');
    return this.names.has(name) || this.suffixes.some((s) => name.endsWith(s));
  }
}

/** `::ffff:10.0.0.0/104` is 10.0.0.0/8, so that mapped addresses match either way they are written. */
function canonicalCidr(net: Address, bits: number): [Address, number] {
  if (net.kind() === 'ipv6' && (net as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(net as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return [net, bits];
}

/** The verdict on one address (a literal host or a resolver's answer) under an allowlist. */
export function judgeAddress(text: string, allow: AllowList): AddressVerdict {
  const address = parseIpLiteral(text);
  if (!address) return { allowed: false, address: text, range: 'unparseable' };
  const shown = address.toString();
  if (allow.hasAddress(address)) return { allowed: true, address: shown, via: 'allowlist' };
  const range = forbiddenRange(address);
  return range === undefined
    ? { allowed: true, address: shown, via: 'public' }
    : { allowed: false, address: shown, range };
}
