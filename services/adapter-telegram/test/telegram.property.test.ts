import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzWebhookBodies, recordingBus } from '@omni/testkit';
import { fixture, SECRET, startWebhookAdapter } from './setup';

const bodies = readdirSync(join(__dirname, 'fixtures'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => fixture(f.replace(/\.json$/, '')));

/** The text message of a private chat from a person an update carries: what must not be lost. */
function messageIdsOf(body: unknown): string[] {
  const update = body as { message?: unknown; edited_message?: unknown } | null;
  const m = (update?.message ?? update?.edited_message) as
    | {
        message_id?: unknown;
        chat?: { id?: unknown; type?: unknown };
        from?: { is_bot?: unknown };
        text?: unknown;
      }
    | undefined;
  if (!m || typeof m !== 'object' || typeof m.text !== 'string' || m.text.length === 0) return [];
  if (m.chat?.type !== 'private' || !m.from || m.from.is_bot === true) return [];
  if (!Number.isSafeInteger(m.chat.id) || !Number.isSafeInteger(m.message_id)) return [];
  return [`${m.chat.id}:${m.message_id}`];
}

describe('hostile and random update bodies', () => {
  it('never answer 5xx; a text message answered 200 is published (storable) or dead-lettered', async () => {
    // The test kit's bus records the inbound dead letters too.
    const { bus, deadLetters } = await recordingBus();
    const t = await startWebhookAdapter({ bus });
    try {
      const statuses = await fuzzWebhookBodies({
        bodies,
        post: async (payload) => (await t.post(payload)).statusCode,
        check: (status) => expect([200, 400]).toContain(status),
        kept: { ids: messageIdsOf, published: () => t.inbound, deadLetters: () => deadLetters },
        textRuns: 40,
        mutatedRuns: 40,
        randomRuns: 30,
      });
      expect(statuses.has(200)).toBe(true);
      expect(t.inbound.length).toBeGreaterThan(0);
      expect(t.log.lines.join('\n')).not.toContain(SECRET);
    } finally {
      await t.close();
    }
  });
});
