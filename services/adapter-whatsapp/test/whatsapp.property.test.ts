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
import type { FakeWhatsAppApi } from '@omni/testkit/src/fakes/whatsapp-api';
import { buildWhatsAppAdapter } from '../src';
import { FIXTURES, fixtureText, NUMBER, PATH, SECRETS, startFake, whatsappConfig } from './helpers';

const bodies: unknown[] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(fixtureText(f)));

/** Message ids of a body that name a configured number's `messages` change (what must not be lost). */
function messageIdsOf(body: unknown): string[] {
  const ids: string[] = [];
  const entries = (body as { object?: unknown; entry?: unknown })?.entry;
  if ((body as { object?: unknown })?.object !== 'whatsapp_business_account' || !Array.isArray(entries))
    return ids;
  for (const e of entries) {
    const changes = (e as { changes?: unknown })?.changes;
    if (!Array.isArray(changes)) continue;
    for (const c of changes) {
      const { field, value } = (c ?? {}) as {
        field?: unknown;
        value?: { metadata?: { phone_number_id?: unknown }; messages?: unknown };
      };
      if (
        field !== 'messages' ||
        value?.metadata?.phone_number_id !== NUMBER ||
        !Array.isArray(value.messages)
      )
        continue;
      for (const m of value.messages) {
        const { id, type } = (m ?? {}) as { id?: unknown; type?: unknown };
        if (typeof id === 'string' && type !== 'system' && type !== 'request_welcome') ids.push(id);
      }
    }
  }
  return ids;
}

let wa: FakeWhatsAppApi;
beforeAll(async () => {
  wa = await startFake();
  for (const id of ['id_image', 'id_voice', 'id_document', 'id_sticker'])
    wa.media.set(id, { data: Buffer.from(id), type: 'application/octet-stream' });
});
afterAll(() => wa.close());

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

describe('hostile and random webhook bodies', () => {
  it('never answer 5xx; what was answered 200 is published or dead-lettered whole; no secret in the logs', async () => {
    const { bus, inbound, deadLetters } = await recordingBus();
    const log = testLogger('wa-prop');
    const module = buildWhatsAppAdapter({
      config: whatsappConfig(wa.url),
      bus,
      log,
      blobs: new MemoryBlobs(),
      outboundGuard: loopbackOutboundGuard(),
    });
    const app = await serveModule(module);
    const statuses = await fuzzWebhookBodies({
      bodies,
      post: async (payload) => {
        const res = await app.inject({
          method: 'POST',
          url: PATH,
          payload,
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': hubSignature(payload, SECRETS.appSecret),
          },
        });
        return res.statusCode;
      },
      check: (status) => expect([200, 400]).toContain(status),
      kept: { ids: messageIdsOf, published: () => inbound, deadLetters: () => deadLetters },
    });
    await app.close();
    expect(statuses.has(200)).toBe(true);
    expect(inbound.length).toBeGreaterThan(0);
    expect(log.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(unhandled).toEqual([]);
    for (const secret of [SECRETS.appSecret, SECRETS.accessToken, SECRETS.verifyToken])
      expect(log.lines.join('\n')).not.toContain(secret);
  });
});
