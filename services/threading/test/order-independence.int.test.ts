import type { Channel, IdentityClaim, InboundMessage } from '@omni/contracts';
import { type Harness, startHarness } from '@omni/testkit';
import fc from 'fast-check';
import { msg, thread, uniq } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('thr-order');
});
afterAll(() => h.close());

interface Person {
  tg: string;
  email: string;
  extra: IdentityClaim[];
}

/**
 * The messages of a few people: each writes on messengers and by email, fills in the web
 * form (unverified claims of their own identities), and once sends a message on which
 * the platform vouches for all their identities (so they must end as one customer).
 */
const scenario = fc
  .array(
    fc.record({
      phone: fc.boolean(),
      viber: fc.boolean(),
      vk: fc.boolean(),
      plain: fc.array(
        fc.constantFrom<'telegram' | 'email' | 'viber' | 'vk'>('telegram', 'email', 'viber', 'vk'),
        { minLength: 1, maxLength: 4 },
      ),
      forms: fc.integer({ min: 0, max: 2 }),
    }),
    { minLength: 1, maxLength: 3 },
  )
  .chain((people) => {
    const total = people.reduce((n, p) => n + p.plain.length + p.forms + 1, 0);
    return fc.record({
      people: fc.constant(people),
      order: fc.shuffledSubarray([...Array(total).keys()], { minLength: total, maxLength: total }),
      duplicates: fc.array(fc.nat(total - 1), { maxLength: 4 }),
      batchSizes: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 8 }),
    });
  });

interface Built {
  message: InboundMessage;
  person: number;
}

function build(people: { phone: boolean; viber: boolean; vk: boolean; plain: string[]; forms: number }[]): {
  messages: Built[];
  expectedTickets: number[];
} {
  const messages: Built[] = [];
  const expectedTickets: number[] = [];
  people.forEach((spec, person) => {
    const p: Person = { tg: uniq('tg'), email: `${uniq('p')}@example.com`, extra: [] };
    if (spec.phone)
      p.extra.push({
        kind: 'phone',
        value: `+7912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
        verified: true,
      });
    if (spec.viber) p.extra.push({ kind: 'viber', value: uniq('vb'), verified: true });
    if (spec.vk) p.extra.push({ kind: 'vk', value: uniq('vk'), verified: true });
    const idOf = (channel: string) =>
      channel === 'telegram'
        ? p.tg
        : channel === 'email'
          ? p.email
          : p.extra.find((e) => e.kind === channel)?.value;
    const messengers = new Set<string>(['telegram']);
    let emails = 0;
    for (const channel of spec.plain) {
      const from = idOf(channel) ?? p.tg;
      const ch = (idOf(channel) ? channel : 'telegram') as Channel;
      if (ch === 'email') emails += 1;
      else messengers.add(ch);
      messages.push({ message: msg({ channel: ch, from }), person });
    }
    for (let i = 0; i < spec.forms; i++) {
      const claims: IdentityClaim[] = [
        { kind: 'email', value: p.email, verified: false },
        ...p.extra.slice(0, 1).map((e) => ({ ...e, verified: false })),
      ];
      messages.push({ message: msg({ channel: 'webform', from: p.email, identities: claims }), person });
    }
    const all: IdentityClaim[] = [
      { kind: 'telegram', value: p.tg, verified: true },
      { kind: 'email', value: p.email, verified: true },
      ...p.extra,
    ];
    messages.push({ message: msg({ channel: 'telegram', from: p.tg, identities: all }), person });
    expectedTickets.push(messengers.size + emails + spec.forms);
  });
  return { messages, expectedTickets };
}

it('ends in the same customers, tickets and message counts whatever the order, duplicates and batching', async () => {
  await fc.assert(
    fc.asyncProperty(scenario, async ({ people, order, duplicates, batchSizes }) => {
      const { messages, expectedTickets } = build(people);
      const sequence = [
        ...order.map((i) => messages[i] as Built),
        ...duplicates.map((i) => messages[i] as Built),
      ];
      for (let start = 0, b = 0; start < sequence.length; b++) {
        const size = batchSizes[b % batchSizes.length] as number;
        await thread(
          h.pool,
          sequence.slice(start, start + size).map((s) => s.message),
        );
        start += size;
      }
      const { rows } = await h.pool.query<{ external_id: string; customer_id: string; ticket_id: string }>(
        `WITH RECURSIVE chain AS (
           SELECT id AS start, id, merged_into, 0 AS depth FROM customers
           UNION ALL SELECT chain.start, c.id, c.merged_into, depth + 1 FROM chain JOIN customers c ON c.id = chain.merged_into WHERE depth < 20
         )
         SELECT m.external_id, chain.id AS customer_id, m.ticket_id
           FROM messages m JOIN chain ON chain.start = m.customer_id AND chain.merged_into IS NULL
          WHERE m.external_id = ANY($1::text[])`,
        [messages.map((m) => m.message.externalId)],
      );
      expect(rows).toHaveLength(messages.length);
      const byExternal = new Map(rows.map((r) => [r.external_id, r]));
      const customerOf = people.map(
        (_, person) =>
          new Set(
            messages
              .filter((m) => m.person === person)
              .map((m) => byExternal.get(m.message.externalId)?.customer_id),
          ),
      );
      // One customer per person, a different one for each person.
      expect(customerOf.map((s) => s.size)).toEqual(people.map(() => 1));
      expect(new Set(customerOf.flatMap((s) => [...s])).size).toBe(people.length);
      const tickets = people.map(
        (_, person) =>
          new Set(
            messages
              .filter((m) => m.person === person)
              .map((m) => byExternal.get(m.message.externalId)?.ticket_id),
          ).size,
      );
      expect(tickets).toEqual(expectedTickets);
    }),
    { numRuns: 20 },
  );
});
