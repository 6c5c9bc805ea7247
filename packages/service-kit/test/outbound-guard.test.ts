import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tableResolver as answers } from '@omni/testkit';
import { OUTBOUND_REFUSED, OutboundGuard, type OutboundRefusedError, outboundRefusal } from '../src';

/**
 * Only loopback is ever connected to. Private, link-local and metadata addresses appear as
 * redirect targets, literals and resolver answers; the guard must refuse them before a
 * socket exists, and the test kit's tripwire (jest setup) fails this file if one ever does.
 */
let server: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    // A new connection per request: a kept-alive socket would let a second request skip the connect-time check under test.
    res.setHeader('connection', 'close');
    const redirect = /^\/redirect\?to=(.+)$/.exec(req.url ?? '');
    if (redirect) {
      res.writeHead(302, { location: decodeURIComponent(redirect[1] ?? '') }).end();
      return;
    }
    res.end(`hello ${req.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen.length = 0;
});

async function refusal(promise: Promise<unknown>): Promise<OutboundRefusedError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  const found = outboundRefusal(err);
  if (!found) throw new Error(`expected a refusal, got ${err === undefined ? 'success' : String(err)}`);
  expect(found.code).toBe(OUTBOUND_REFUSED);
  expect(found.retriable).toBe(false);
  return found;
}

describe('without an allowlist (the default)', () => {
  const guard = new OutboundGuard({ resolve: answers({}) });
  afterAll(() => guard.close());

  it.each([
    ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}/`],
    ['::1', (p: number) => `http://[::1]:${p}/`],
    ['localhost', (p: number) => `http://localhost:${p}/`],
    ['decimal 127.0.0.1', (p: number) => `http://2130706433:${p}/`],
    ['octal 127.0.0.1', (p: number) => `http://0177.0.0.1:${p}/`],
    ['IPv4-mapped ::1', (p: number) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['0.0.0.0', (p: number) => `http://0.0.0.0:${p}/`],
  ])('refuses a loopback server at %s before connecting', async (_what, url) => {
    const refused = await refusal(guard.fetch(url(port)));
    expect(refused.message).toMatch(/is in the (loopback|unspecified) range/);
    expect(seen).toEqual([]);
  });

  it('refuses other schemes', async () => {
    const refused = await refusal(guard.fetch('file:///etc/passwd'));
    expect(refused.details).toMatchObject({ range: 'scheme' });
    await refusal(guard.checkUrl('ftp://files.example/x'));
  });

  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://localhost/', 'loopback'],
    ['http://hooks.localhost/', 'loopback'],
    ['http://LOCALHOST./', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://10.0.0.1/', 'private'],
    ['http://192.168.0.10:3000/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://[fd00:ec2::254]/', 'metadata'],
    ['http://100.100.100.200/', 'metadata'],
    ['http://100.64.1.1/', 'carrierGradeNat'],
    ['http://[fe80::1]/', 'linkLocal'],
    ['http://[::ffff:169.254.169.254]/', 'metadata'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'rfc6052(metadata)'],
  ])('refuses to register %s (%s)', async (url, range) => {
    const refused = await refusal(guard.checkUrl(url));
    expect(refused.details).toMatchObject({ range });
  });
});

describe('names are judged by what they resolve to', () => {
  it('refuses a name whose answers include a forbidden address, and passes public or unresolvable ones', async () => {
    const guard = new OutboundGuard({
      resolve: answers({
        'internal.example': ['10.1.2.3'],
        'mixed.example': ['93.184.216.34', '127.0.0.1'],
        'metadata.example': ['169.254.169.254'],
        'v6.example': ['fd12::1'],
        'public.example': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
      }),
    });
    try {
      for (const [host, range] of [
        ['internal.example', 'private'],
        ['mixed.example', 'loopback'],
        ['metadata.example', 'metadata'],
        ['v6.example', 'uniqueLocal'],
      ] as const) {
        const refused = await refusal(guard.checkUrl(`https://${host}/hook`));
        expect(refused.details).toMatchObject({ host, range });
      }
      // Registration only resolves; it never connects, so a public answer costs no traffic.
      await expect(guard.checkUrl('https://public.example/hook')).resolves.toBeUndefined();
      // It may resolve later; every connection is judged anyway.
      await expect(guard.checkUrl('https://not-yet.example/hook')).resolves.toBeUndefined();
    } finally {
      await guard.close();
    }
  });

  it('DNS rebinding: a name judged public at registration that answers a private address at connect time is refused before any socket', async () => {
    let lookups = 0;
    // First answer public (registration), every later one internal: a rebinding DNS server.
    const guard = new OutboundGuard({
      resolve: answers({ 'rebind.example': () => (++lookups === 1 ? ['93.184.216.34'] : ['10.0.0.5']) }),
    });
    try {
      await guard.checkUrl(`http://rebind.example:${port}/hook`);
      const refused = await refusal(guard.fetch(`http://rebind.example:${port}/hook`, { method: 'POST' }));
      expect(refused.details).toEqual({ host: 'rebind.example', address: '10.0.0.5', range: 'private' });
      expect(lookups).toBe(2);
    } finally {
      await guard.close();
    }
  });

  it('DNS rebinding to loopback itself: connects while the name answers the allowed address, refused once it answers another', async () => {
    let answer = '127.0.0.1';
    const guard = new OutboundGuard({
      allow: ['127.0.0.1'],
      resolve: answers({ 'flip.example': () => [answer] }),
    });
    try {
      expect(await (await guard.fetch(`http://flip.example:${port}/first`)).text()).toBe('hello /first');
      answer = '169.254.169.254';
      const refused = await refusal(guard.fetch(`http://flip.example:${port}/second`));
      expect(refused.details).toMatchObject({ address: '169.254.169.254', range: 'metadata' });
      expect(seen).toEqual(['/first']);
    } finally {
      await guard.close();
    }
  });
});

describe('with an allowlist', () => {
  const guard = new OutboundGuard({
    allow: ['127.0.0.1/32', 'receiver.internal'],
    resolve: answers({ 'receiver.internal': ['127.0.0.1'], 'other.internal': ['127.0.0.1'] }),
  });
  afterAll(() => guard.close());

  it('reaches an allowed address, and nothing beside it', async () => {
    expect(await (await guard.fetch(`http://127.0.0.1:${port}/ok`)).text()).toBe('hello /ok');
    await refusal(guard.fetch(`http://[::1]:${port}/v6`));
    await refusal(guard.checkUrl('http://127.0.0.2/'));
    expect(seen).toEqual(['/ok']);
  });

  it('reaches an allowed name; an unlisted name resolving to the same address is judged by its address', async () => {
    expect(await (await guard.fetch(`http://receiver.internal:${port}/named`)).text()).toBe('hello /named');
    expect(await (await guard.fetch(`http://other.internal:${port}/by-address`)).text()).toBe(
      'hello /by-address',
    );
  });

  it('follows a redirect only to where it may connect', async () => {
    const via = (to: string) => `http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(to)}`;
    expect(await (await guard.fetch(via(`http://127.0.0.1:${port}/landed`))).text()).toBe('hello /landed');
    for (const [to, range] of [
      ['http://169.254.169.254/latest/meta-data/iam/', 'metadata'],
      ['http://10.0.0.7:8080/admin', 'private'],
      [`http://[::1]:${port}/`, 'loopback'],
      [`http://localhost:${port}/`, 'loopback'],
      ['http://[fd00:ec2::254]/', 'metadata'],
    ]) {
      const refused = await refusal(guard.fetch(via(to as string)));
      expect(refused.details).toMatchObject({ range });
    }
  });
});
