import { AllowList, forbiddenRange, judgeAddress, parseIpLiteral } from '../src';

const none = new AllowList();
const rangeOf = (text: string) => {
  const verdict = judgeAddress(text, none);
  return verdict.allowed ? 'allowed' : verdict.range;
};

describe('address classifier', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['192.0.0.192', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
  ])('IPv4 and metadata: %s is %s', (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it.each([
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    ['100::1', 'discard'],
    ['64:ff9b:1::1', 'rfc6052'],
    ['4000::1', 'not-global-unicast'],
    // IPv4-compatible (deprecated): outside 2000::/3, refused whatever it embeds.
    ['::7f00:1', 'not-global-unicast'],
    ['::808:808', 'not-global-unicast'],
  ])('IPv6: %s is %s', (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it.each([
    // IPv4-mapped addresses are the IPv4 address itself.
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['0:0:0:0:0:ffff:a9fe:a9fe', 'metadata'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:0:7f00:1', 'rfc6145(loopback)'],
    ['64:ff9b::7f00:1', 'rfc6052(loopback)'],
    ['64:ff9b::a9fe:a9fe', 'rfc6052(metadata)'],
    ['64:ff9b::c0a8:101', 'rfc6052(private)'],
    ['2002:7f00:1::', '6to4(loopback)'],
    ['2002:c0a8:101::1', '6to4(private)'],
    ['2002:a9fe:a9fe::', '6to4(metadata)'],
  ])('IPv6 carrying an IPv4 address is judged by it: %s is %s', (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '2606:4700:4700::1111',
    '2a00:1450:4001:82a::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:808:808::1',
  ])('public: %s is allowed', (address) => {
    expect(judgeAddress(address, none)).toMatchObject({ allowed: true, via: 'public' });
  });

  it.each([
    ['2130706433', '127.0.0.1'],
    ['0177.0.0.1', '127.0.0.1'],
    ['0x7f.1', '127.0.0.1'],
    ['0x7f000001', '127.0.0.1'],
    ['017700000001', '127.0.0.1'],
    ['127.1', '127.0.0.1'],
    ['127.0.0.1.', '127.0.0.1'],
    ['0', '0.0.0.0'],
    ['[::1]', '::1'],
    ['[::ffff:127.0.0.1]', '127.0.0.1'],
    ['0xa9.0xfe.0xa9.0xfe', '169.254.169.254'],
  ])('odd literal %s is read as %s', (literal, canonical) => {
    expect(parseIpLiteral(literal)?.toString()).toBe(canonical);
    expect(judgeAddress(literal, none).allowed).toBe(false);
  });

  it.each([
    ['http://2130706433/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://①②⑦.0.0.1/', '127.0.0.1'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[0:0:0:0:0:0:0:1]/', '[::1]'],
    ['http://0/', '0.0.0.0'],
  ])('a URL parser canonicalizes %s to %s, which is refused', (url, hostname) => {
    const host = new URL(url).hostname;
    expect(host).toBe(hostname);
    expect(judgeAddress(host, none).allowed).toBe(false);
  });

  it('reads names as names, not addresses', () => {
    for (const name of ['example.com', 'localhost', '1.2.3.4.example', 'x']) {
      expect(parseIpLiteral(name)).toBeUndefined();
    }
    expect(judgeAddress('example.com', none)).toEqual({
      allowed: false,
      address: 'example.com',
      range: 'unparseable',
    });
  });

  it('forbiddenRange is undefined exactly for public unicast', () => {
    expect(forbiddenRange(parseIpLiteral('8.8.4.4') as NonNullable<ReturnType<typeof parseIpLiteral>>)).toBe(
      undefined,
    );
  });
});

describe('allowlist', () => {
  it('opens single addresses and CIDRs, nothing next to them', () => {
    const allow = new AllowList(['127.0.0.1/32', '::1', '10.20.0.0/16']);
    expect(judgeAddress('127.0.0.1', allow)).toMatchObject({ allowed: true, via: 'allowlist' });
    expect(judgeAddress('::ffff:127.0.0.1', allow)).toMatchObject({ allowed: true, via: 'allowlist' });
    expect(judgeAddress('127.0.0.2', allow).allowed).toBe(false);
    expect(judgeAddress('::1', allow)).toMatchObject({ allowed: true, via: 'allowlist' });
    expect(judgeAddress('::2', allow).allowed).toBe(false);
    expect(judgeAddress('10.20.3.4', allow)).toMatchObject({ allowed: true, via: 'allowlist' });
    expect(judgeAddress('10.21.0.1', allow).allowed).toBe(false);
    expect(judgeAddress('169.254.169.254', allow)).toMatchObject({ allowed: false, range: 'metadata' });
  });

  it('reads an IPv4-mapped CIDR as the IPv4 network', () => {
    const allow = new AllowList(['::ffff:10.0.0.0/104']);
    expect(judgeAddress('10.9.9.9', allow).allowed).toBe(true);
    expect(judgeAddress('11.0.0.1', allow)).toMatchObject({ allowed: true, via: 'public' });
  });

  it('matches host names exactly and *.suffix names below the suffix', () => {
    const allow = new AllowList(['Receiver.Internal', '*.svc.cluster.local']);
    expect(allow.hasName('receiver.internal')).toBe(true);
    expect(allow.hasName('RECEIVER.internal.')).toBe(true);
    expect(allow.hasName('evil-receiver.internal')).toBe(false);
    expect(allow.hasName('receiver.internal.evil.example')).toBe(false);
    expect(allow.hasName('hooks.default.svc.cluster.local')).toBe(true);
    expect(allow.hasName('svc.cluster.local')).toBe(false);
    expect(allow.hasName('evilsvc.cluster.local')).toBe(false);
  });

  it('refuses entries that are neither, naming every one', () => {
    expect(() => new AllowList(['10.0.0.0/33', 'http://x', '127.0.0.1', 'a b'])).toThrow(
      'not an address, CIDR or host name: "10.0.0.0/33", "http://x", "a b"',
    );
    expect(new AllowList([]).isEmpty).toBe(true);
    expect(new AllowList([' ']).isEmpty).toBe(true);
  });
});
