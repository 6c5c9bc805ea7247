import { type InboundMessage, inboundKey, TOPICS } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { buildThreadingService } from '../src';
import { msg, SETTINGS, uniq } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('thr-concurrent');
});
afterAll(() => h.close());

/**
 * For each person: a Telegram chat and an email address already known as two customers,
 * then, at the same moment on different partitions, a Telegram message and an email that
 * both vouch for the pair (two merges of the same customers racing), and two brand-new
 * senders racing to create the customer of the same phone number.
 */
function scenario(people: number) {
  const before: InboundMessage[] = [];
  const racing: InboundMessage[] = [];
  const expected: { identities: [string, string][] }[] = [];
  for (let k = 0; k < people; k++) {
    const tg = uniq('tg');
    const email = `${uniq('r')}@example.com`;
    const phone = `+7913${String(1_000_000 + k * 7919 + Math.floor(Math.random() * 1000)).padStart(7, '0')}`;
    const vk = uniq('vk');
    const vb = uniq('vb');
    before.push(msg({ channel: 'telegram', from: tg }), msg({ channel: 'email', from: email }));
    const both = [
      { kind: 'telegram' as const, value: tg, verified: true },
      { kind: 'email' as const, value: email, verified: true },
    ];
    racing.push(
      msg({ channel: 'telegram', from: tg, identities: both }),
      msg({ channel: 'email', from: email, identities: [...both].reverse() }),
      msg({
        channel: 'vk',
        from: vk,
        identities: [
          { kind: 'vk', value: vk, verified: true },
          { kind: 'phone', value: phone, verified: true },
        ],
      }),
      msg({
        channel: 'viber',
        from: vb,
        identities: [
          { kind: 'viber', value: vb, verified: true },
          { kind: 'phone', value: phone, verified: true },
        ],
      }),
    );
    expected.push({
      identities: [
        ['telegram', tg],
        ['email', email],
        ['vk', vk],
        ['viber', vb],
        ['phone', phone],
      ],
    });
  }
  return { before, racing, expected };
}

it('two consumers merging the same customers at once converge: no lost identity, no duplicate customer', async () => {
  const people = 12;
  const { before, racing, expected } = scenario(people);
  const groupId = uniq('group');
  const buses = [
    await h.kafkaBus({ partitionsConsumedConcurrently: 3 }),
    await h.kafkaBus({ partitionsConsumedConcurrently: 3 }),
  ];
  const services = buses.map((bus) =>
    buildThreadingService({ pool: h.pool, bus, log: h.log, settings: SETTINGS, groupId }),
  );
  await Promise.all(services.map((s) => s.start?.()));
  const publish = (messages: InboundMessage[]) =>
    (buses[0] as (typeof buses)[number]).publish(
      TOPICS.inbound,
      messages.map((m) => ({ key: inboundKey(m.channel, m.account, m.sender.externalId), value: m })),
    );
  const count = async (ids: string[]) =>
    (
      await h.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messages WHERE id = ANY($1::uuid[])',
        [ids],
      )
    ).rows[0]?.n;

  await publish(before);
  await waitFor(async () => (await count(before.map((m) => m.id))) === before.length, {
    timeoutMs: 30_000,
    description: 'first messages stored',
  });
  await publish(racing);
  await waitFor(async () => (await count(racing.map((m) => m.id))) === racing.length, {
    timeoutMs: 30_000,
    description: 'racing messages stored',
  });
  await Promise.all(services.map((s) => s.stop?.()));

  for (const person of expected) {
    const { rows } = await h.pool.query<{ kind: string; customer_id: string; merged_into: string | null }>(
      `SELECT i.kind, i.customer_id, c.merged_into FROM identities i JOIN customers c ON c.id = i.customer_id
        WHERE (i.kind, i.value) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
      [person.identities.map((i) => i[0]), person.identities.map((i) => i[1])],
    );
    // Every identity is stored, on a live customer.
    expect(rows.map((r) => r.kind).sort()).toEqual(person.identities.map((i) => i[0]).sort());
    expect(rows.every((r) => r.merged_into === null)).toBe(true);
    // The Telegram chat and the email address ended in one customer; the phone in one.
    const owner = new Map(rows.map((r) => [r.kind, r.customer_id]));
    expect(owner.get('telegram')).toBe(owner.get('email'));
    expect(owner.get('phone')).toBe(owner.get('vk'));
    expect(owner.get('phone')).toBe(owner.get('viber'));
  }
  // Every message of the pair is on that one customer.
  const ids = [...before, ...racing].map((m) => m.id);
  const orphans = await h.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM messages m JOIN customers c ON c.id = m.customer_id WHERE m.id = ANY($1::uuid[]) AND c.merged_into IS NOT NULL`,
    [ids],
  );
  expect(orphans.rows[0]?.n).toBe(0);
  const merges = await h.pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM customer_merges WHERE undone_at IS NULL',
  );
  expect(merges.rows[0]?.n).toBe(people);
  expect(h.log.lines.filter((l) => l.includes('dead-lettered'))).toEqual([]);
});
