import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fuzzWebhookBodies, type Harness, startHarness, testLogger } from '@omni/testkit';
import { maxUpdates } from '@omni/testkit/src/fakes/max-api';
import { SECRET, startWebhookAdapter } from './setup';

const FIXTURES = join(__dirname, 'fixtures');
/** Every reference update, plus the fake's builders of the kinds the fixtures lack. */
const bodies: unknown[] = [
  ...readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as unknown),
  maxUpdates.botStopped(42),
  maxUpdates.message({ userId: 43, mid: 'mid.edit', text: 'правка', edited: true }),
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

/**
 * Hostile and random webhook bodies, authenticated: never a 5xx (MAX would retry it for
 * hours), never an error logged, never an unhandled rejection, never a secret in the logs.
 * File URLs in the fixtures name hosts no test resolves: they are skipped, never fetched.
 */
describe('MAX webhook under random bodies', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('max-webhook-fuzz');
  });
  afterAll(() => h?.close());

  it('answers 200 or 400, publishes or dead-letters, logs no error and no secret', async () => {
    const log = testLogger('max-prop');
    const t = await startWebhookAdapter({ ...h, log });
    const token = t.api.token;
    try {
      const statuses = await fuzzWebhookBodies({
        bodies,
        post: async (payload) =>
          (
            await t.app.inject({
              method: 'POST',
              url: '/channels/max/max-bot/webhook',
              payload,
              headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': SECRET },
            })
          ).statusCode,
        check: (status) => expect([200, 400]).toContain(status),
      });
      expect(statuses.has(200)).toBe(true);
      expect(t.inbound.length).toBeGreaterThan(0);
      expect(t.deadLetters.length).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
    expect(log.lines.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(unhandled).toEqual([]);
    for (const secret of [SECRET, token]) expect(log.lines.join('\n')).not.toContain(secret);
  });
});
