import { readdirSync } from 'node:fs';
import { hubSignature } from '@omni/meta';
import {
  fuzzWebhookBodies,
  loopbackOutboundGuard,
  MemoryBlobs,
  recordingBus,
  serveModule,
  testLogger,
} from '@omni/testkit';
import type { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';
import { buildInstagramAdapter } from '../src';
import { FIXTURES, fixtureText, IG_ID, instagramConfig, PATH, SECRETS, startFakeInstagram } from './helpers';

const bodies: unknown[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fixtureText(f)));

/** Mids of a body's `message` events of our account that a customer wrote (what must not be lost). */
function midsOf(body: unknown): string[] {
  const mids: string[] = [];
  const b = body as { object?: unknown; entry?: unknown };
  if (b?.object !== 'instagram' || !Array.isArray(b.entry)) return mids;
  for (const e of b.entry) {
    const messaging = (e as { messaging?: unknown })?.messaging;
    if (!Array.isArray(messaging)) continue;
    for (const ev of messaging) {
      const m = (ev as { message?: { mid?: unknown; is_deleted?: unknown } })?.message;
      const sender = (ev as { sender?: { id?: unknown } })?.sender?.id;
      if (typeof m?.mid === 'string' && m.is_deleted !== true && sender !== IG_ID) mids.push(m.mid);
    }
  }
  return mids;
}

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeInstagram();
});
afterAll(() => graph.close());

it('hostile and random bodies: never a 5xx; what was answered 200 is published or dead-lettered whole', async () => {
  const { bus, inbound, deadLetters } = await recordingBus();
  const log = testLogger('ig-prop');
  const module = buildInstagramAdapter({
    config: instagramConfig(graph.url, '      fetchProfiles: true\n'),
    bus,
    log,
    blobs: new MemoryBlobs(),
    outboundGuard: loopbackOutboundGuard(),
  });
  const app = await serveModule(module);
  const statuses = await fuzzWebhookBodies({
    bodies,
    post: async (payload) => {
      const headers = {
        'content-type': 'application/json',
        'x-hub-signature-256': hubSignature(payload, SECRETS.appSecret),
      };
      return (await app.inject({ method: 'POST', url: PATH, payload, headers })).statusCode;
    },
    check: (status) => expect([200, 400]).toContain(status),
    kept: { ids: midsOf, published: () => inbound, deadLetters: () => deadLetters },
  });
  await module.stop?.();
  await app.close();
  expect(statuses.has(200)).toBe(true);
  expect(inbound.length).toBeGreaterThan(0);
  expect(log.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  for (const secret of Object.values(SECRETS)) expect(log.lines.join('\n')).not.toContain(secret);
});
