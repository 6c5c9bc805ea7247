import { dlqTopic, TOPICS } from '@omni/contracts';
import { fuzzWebhookBodies } from '@omni/testkit';
import { z } from 'zod';
import { type FormApp, startFormApp } from './support/form-app';

const CONFIG = `
channels:
  webform:
    - account: open
      language: en
      topics: [{ id: billing, label: "Billing" }]
      rateLimit: { perIp: { max: 100000, windowSeconds: 60 }, perContact: { max: 100000, windowSeconds: 60 } }
`;

const bodies = [
  { name: 'Ann', email: 'ann@example.com', message: 'My order never arrived', submissionId: 'p-1' },
  {
    name: 'Борис',
    email: 'boris@example.com',
    phone: '+79161234567',
    subject: 'Оплата',
    topic: 'billing',
    message: 'Не прошла оплата',
    submissionId: 'p-2',
  },
  { name: 'Chen', email: 'chen@example.com', message: '注文はまだ届いていません' },
];

let f: FormApp;
afterAll(() => f?.close());

describe('hostile and random submissions', () => {
  it('never answer 5xx; every submission answered 202 is published (storable) or dead-lettered', async () => {
    f = await startFormApp(CONFIG);
    const deadLetters: unknown[] = [];
    await f.bus.subscribe({
      groupId: 'fuzz-dlq',
      topic: dlqTopic(TOPICS.inbound),
      schema: z.unknown(),
      handle: async (rs) => void deadLetters.push(...rs.map((r) => r.value)),
    });
    const accepted = new Set<string>();
    let ip = 0;
    const statuses = await fuzzWebhookBodies({
      bodies,
      post: async (payload) => {
        const res = await f.app.inject({
          method: 'POST',
          url: '/channels/webform/open/submissions',
          payload,
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          remoteAddress: `10.1.${(++ip >> 8) & 255}.${ip & 255}`,
        });
        if (res.statusCode === 202) accepted.add((res.json() as { id: string }).id);
        return res.statusCode;
      },
      check: (status) => expect([202, 400, 413, 415]).toContain(status),
      // Ids are checked below, by the message id each 202 names (a repeat names the first).
      kept: { ids: () => [], published: () => f.published, deadLetters: () => deadLetters },
      textRuns: 60,
      mutatedRuns: 40,
      randomRuns: 20,
    });
    expect(statuses.has(202)).toBe(true);
    const published = new Set(f.published.map((m) => m.id));
    const lettered = deadLetters.length;
    const lost = [...accepted].filter((id) => !published.has(id));
    expect({ lost: lost.length > lettered ? lost : [] }).toEqual({ lost: [] });
    // Hostile text was accepted, repaired and flagged, not refused.
    expect(f.published.some((m) => (m.flags.textRepaired ?? []).length > 0)).toBe(true);
  });
});
