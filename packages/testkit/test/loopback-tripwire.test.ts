import dns from 'node:dns';
import { createServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { installLoopbackTripwire, isLoopbackAddress } from '../src/loopback-tripwire';

/** The tripwire must stop what it guards against without letting a packet out: every target below is refused before connect. */
describe('loopback tripwire', () => {
  const failed = (socket: net.Socket) =>
    new Promise<string>((resolve, reject) => {
      socket.once('error', (err) => resolve(err.message));
      socket.once('connect', () => reject(new Error('connected')));
    });

  it('stops a connection to a literal address off loopback, and lets loopback through', async () => {
    const server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const tripwire = installLoopbackTripwire();
    try {
      expect(await failed(net.connect({ host: '10.255.255.1', port: 9 }))).toMatch(/tripwire/);
      expect(await failed(net.connect(9, '169.254.169.254'))).toMatch(/tripwire/);
      const ok = net.connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
      await new Promise((r) => ok.once('connect', r));
      ok.destroy();
      expect(tripwire.violations).toEqual(['connect 10.255.255.1:9', 'connect 169.254.169.254:9']);
    } finally {
      tripwire.restore();
      server.close();
    }
  });

  it('stops a name that resolves off loopback, whatever lookup the caller brings', async () => {
    const tripwire = installLoopbackTripwire();
    try {
      const rebinding: net.LookupFunction = (_h, _o, cb) => cb(null, [{ address: '10.0.0.5', family: 4 }]);
      const message = await failed(net.connect({ host: 'rebind.example', port: 80, lookup: rebinding }));
      expect(message).toMatch(/tripwire: rebind.example resolved to 10.0.0.5/);
      expect(tripwire.violations).toEqual(['connect rebind.example (10.0.0.5):80']);
    } finally {
      tripwire.restore();
    }
  });

  it('answers a DNS lookup of any name but localhost with ENOTFOUND, without asking a server', async () => {
    const tripwire = installLoopbackTripwire();
    try {
      await expect(dns.promises.lookup('example.com')).rejects.toMatchObject({ code: 'ENOTFOUND' });
      const err = await new Promise<NodeJS.ErrnoException | null>((r) =>
        dns.lookup('a.localhost', (e) => r(e)),
      );
      expect(err?.code).toBe('ENOTFOUND');
      expect(
        (await dns.promises.lookup('localhost', { all: true })).every((a) => isLoopbackAddress(a.address)),
      ).toBe(true);
      expect(tripwire.violations).toEqual(['dns example.com', 'dns a.localhost']);
    } finally {
      tripwire.restore();
    }
  });

  it('knows loopback in both families', () => {
    for (const a of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1', '[::1]'])
      expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ['10.0.0.1', '::', '0.0.0.0', '::ffff:10.0.0.1', 'fe80::1', 'localhost'])
      expect(isLoopbackAddress(a)).toBe(false);
  });
});
