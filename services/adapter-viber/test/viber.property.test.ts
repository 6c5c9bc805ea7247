import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzWebhookBodies, recordingBus } from '@omni/testkit';
import { fixtureText, startViberAdapter } from './setup';

const bodies = readdirSync(join(__dirname, 'fixtures'))
  .filter((f) => f.endsWith('.json') && !f.startsWith('signature_vector'))
  .map((f) => JSON.parse(fixtureText(f.replace(/\.json$/, ''))) as unknown);

/** The text message a callback carries: what must not be lost. */
function messageIdsOf(body: unknown): string[] {
  const cb = body as {
    event?: unknown;
    message_token?: unknown;
    sender?: { id?: unknown };
    message?: { type?: unknown; text?: unknown };
  } | null;
  if (cb?.event !== 'message' || cb.message?.type !== 'text') return [];
  if (typeof cb.message.text !== 'string' || cb.message.text.length === 0) return [];
  if (typeof cb.sender?.id !== 'string' || cb.sender.id.length === 0) return [];
  const token = String(cb.message_token);
  return /^\d{1,30}$/.test(token) ? [token] : [];
}

describe('hostile and random callback bodies', () => {
  it('never answer 5xx; a text message answered 200 is published (storable) or dead-lettered', async () => {
    // The test kit's bus records the inbound dead letters too.
    const { bus, deadLetters } = await recordingBus();
    const v = await startViberAdapter({ bus });
    try {
      const statuses = await fuzzWebhookBodies({
        bodies,
        post: async (payload) => (await v.post(payload)).statusCode,
        check: (status) => expect([200, 400]).toContain(status),
        kept: { ids: messageIdsOf, published: () => v.inbound, deadLetters: () => deadLetters },
        textRuns: 40,
        mutatedRuns: 40,
        randomRuns: 30,
      });
      expect(statuses.has(200)).toBe(true);
      expect(v.inbound.length).toBeGreaterThan(0);
      expect(v.log.lines.join('\n')).not.toContain(v.api.authToken);
    } finally {
      await v.close();
    }
  });
});
