import { readdirSync } from 'node:fs';
import { hubSignature } from '@omni/meta';
import { fuzzWebhookBodies, testLogger } from '@omni/testkit';
import { buildFacebookAdapter } from '../src';
import { FIXTURES, facebookConfig, fixture, MemoryBlobs, recordingBus, SECRETS, serve } from './helpers';

/** Every reference payload as a full webhook body (single events and entries get wrapped). */
const bodies: unknown[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => {
    const b = fixture(f) as Record<string, unknown>;
    if ('object' in b) return b;
    if ('messaging' in b) return { object: 'page', entry: [b] };
    if ('field' in b) return { object: 'page', entry: [{ id: '1', time: 1, messaging: [b.value] }] };
    return { object: 'page', entry: [{ id: '1', time: 1, messaging: [b] }] };
  });

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

describe('hostile and random webhook bodies', () => {
  it('never answer 5xx, never break the contract, never reject unhandled', async () => {
    const { bus, inbound } = await recordingBus();
    const log = testLogger('fb-prop');
    // Every outgoing call (attachment downloads, profiles) fails fast instead of reaching out.
    const fetchImpl = (async () => new Response('no', { status: 404 })) as typeof fetch;
    const module = buildFacebookAdapter({
      config: facebookConfig('http://127.0.0.1:9', '      fetchProfiles: true\n'),
      bus,
      log,
      blobs: new MemoryBlobs(),
      fetchImpl,
    });
    const app = await serve(module);
    const statuses = await fuzzWebhookBodies({
      bodies,
      post: async (payload) =>
        (
          await app.inject({
            method: 'POST',
            url: '/channels/facebook/main-page/webhook',
            payload,
            headers: {
              'content-type': 'application/json',
              'x-hub-signature-256': hubSignature(payload, SECRETS.appSecret),
            },
          })
        ).statusCode,
      check: (status) => expect([200, 400]).toContain(status),
    });
    await module.stop?.();
    await app.close();
    expect(statuses.has(200)).toBe(true);
    expect(inbound.length).toBeGreaterThan(0);
    expect(log.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(unhandled).toEqual([]);
    for (const secret of [SECRETS.appSecret, SECRETS.pageAccessToken, SECRETS.verifyToken])
      expect(log.lines.join('\n')).not.toContain(secret);
  });
});
