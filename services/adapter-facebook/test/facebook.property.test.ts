import { readdirSync } from 'node:fs';
import { hubSignature } from '@omni/meta';
import { DELETE, mutateJson as mutate, testLogger } from '@omni/testkit';
import fc from 'fast-check';
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
    const statuses = new Set<number>();
    const check = async (payload: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/channels/facebook/main-page/webhook',
        payload,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': hubSignature(payload, SECRETS.appSecret),
        },
      });
      statuses.add(res.statusCode);
      expect([200, 400]).toContain(res.statusCode);
    };
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.constant(DELETE),
      fc.string(),
      fc.integer(),
      fc.constant(null),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...bodies),
        fc.array(fc.tuple(fc.nat(), replacement), { maxLength: 4 }),
        async (body, mutations) => {
          const mutated = mutations.reduce((b, [n, r]) => mutate(b, n, r), body);
          await check(JSON.stringify(mutated) ?? 'null');
        },
      ),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? ''),
          fc.string({ unit: 'binary' }),
        ),
        check,
      ),
      { numRuns: 60 },
    );
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
