import { readdirSync } from 'node:fs';
import { fuzzWebhookBodies, testLogger } from '@omni/testkit';
import { buildVkAdapter } from '../src';
import { FIXTURES, fixture, GROUP_ID, MemoryBlobs, recordingBus, SECRETS, serve, vkConfig } from './helpers';

/** Every reference payload as a callback body of our group, with our secret. */
const bodies: unknown[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json') && !f.startsWith('hopex'))
  .flatMap((f) => {
    const b = fixture(f) as Record<string, unknown>;
    const events = Array.isArray(b.updates) ? (b.updates as Array<Record<string, unknown>>) : [b];
    return events.map((e) => ({ ...e, group_id: GROUP_ID, event_id: 'e1', secret: SECRETS.secret }));
  });

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

describe('hostile and random callback bodies', () => {
  it('never answer 5xx, never break the contract, never reject unhandled', async () => {
    const { bus, inbound } = await recordingBus();
    const log = testLogger('vk-prop');
    // Every outgoing call (attachment downloads, users.get) fails fast instead of reaching out.
    const fetchImpl = (async () => new Response('no', { status: 404 })) as typeof fetch;
    const module = buildVkAdapter({
      config: vkConfig('http://127.0.0.1:9', '      fetchProfiles: true\n'),
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
            url: '/channels/vk/club/callback',
            payload,
            headers: { 'content-type': 'application/json' },
          })
        ).statusCode,
      check: (status) => expect([200, 400, 401, 403]).toContain(status),
    });
    await module.stop?.();
    await app.close();
    expect(statuses.has(200)).toBe(true);
    expect(inbound.length).toBeGreaterThan(0);
    expect(log.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(unhandled).toEqual([]);
    for (const secret of [SECRETS.secret, SECRETS.accessToken, SECRETS.confirmation])
      expect(log.lines.join('\n')).not.toContain(secret);
  });
});
