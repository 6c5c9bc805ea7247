import { listIdentityConflicts, listMerges, mergeCustomers, unmergeCustomers } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { type Harness, startHarness } from '@omni/testkit';
import { msg, stored, thread, uniq } from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('thr-identity');
});
afterAll(() => h.close());

async function identitiesOf(customerId: string) {
  const { rows } = await h.pool.query<{ kind: string; value: string; verified: boolean }>(
    'SELECT kind, value, verified FROM identities WHERE customer_id = $1 ORDER BY kind',
    [customerId],
  );
  return rows;
}

/** Who owns what: every identity, ticket and message of these customers. */
async function ownership(customerIds: string[]) {
  const q = async (table: string) =>
    (
      await h.pool.query<{ id: string; customer_id: string }>(
        `SELECT id, customer_id FROM ${table} WHERE customer_id = ANY($1::uuid[]) ORDER BY id`,
        [customerIds],
      )
    ).rows;
  const customers = await h.pool.query(
    'SELECT id, merged_into, display_name FROM customers WHERE id = ANY($1::uuid[]) ORDER BY id',
    [customerIds],
  );
  return {
    identities: await q('identities'),
    tickets: await q('tickets'),
    messages: await q('messages'),
    customers: customers.rows,
  };
}

it('joins a web form, a Telegram contact and an email into one customer with one timeline', async () => {
  const address = `${uniq('ann')}@example.com`;
  const tg = uniq('tg');
  const local = `912${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const at = (s: number) => new Date(Date.UTC(2026, 0, 2, 9, 0, s)).toISOString();
  const form = msg({
    channel: 'webform',
    from: address,
    sentAt: at(1),
    identities: [
      { kind: 'email', value: `Ann Lee <${address.toUpperCase()}>`, verified: false },
      {
        kind: 'phone',
        value: `8 ${local.slice(0, 3)} ${local.slice(3, 6)}-${local.slice(6, 8)}-${local.slice(8)}`,
        verified: false,
      },
    ],
  });
  const contact = msg({
    channel: 'telegram',
    from: tg,
    sentAt: at(2),
    identities: [
      { kind: 'telegram', value: tg, verified: true },
      { kind: 'phone', value: `+7${local}`, verified: true },
    ],
  });
  const mail = msg({ channel: 'email', from: address, sentAt: at(3) });
  await thread(h.pool, [form]);
  await thread(h.pool, [contact]);
  await thread(h.pool, [mail]);
  const customers = new Set([
    (await stored(h.pool, form)).customerId,
    (await stored(h.pool, contact)).customerId,
    (await stored(h.pool, mail)).customerId,
  ]);
  expect(customers.size).toBe(1);
  const [customerId] = [...customers] as [string];
  expect(await identitiesOf(customerId)).toEqual([
    { kind: 'email', value: address, verified: true },
    { kind: 'phone', value: `+7${local}`, verified: true },
    { kind: 'telegram', value: tg, verified: true },
  ]);
  const timeline = await h.pool.query(
    'SELECT channel FROM messages WHERE customer_id = $1 ORDER BY sent_at, received_at, id',
    [customerId],
  );
  expect(timeline.rows.map((r) => r.channel)).toEqual(['webform', 'telegram', 'email']);
});

it('merges the newer customer into the older when their verified identities meet, and an unmerge restores both exactly', async () => {
  const tg = uniq('tg');
  const address = `${uniq('bo')}@example.com`;
  const older = msg({ channel: 'telegram', from: tg });
  const newer = msg({ channel: 'email', from: address, thread: { messageId: uniq('mid') } });
  await thread(h.pool, [older]);
  await thread(h.pool, [newer]);
  const a = (await stored(h.pool, older)).customerId;
  const b = (await stored(h.pool, newer)).customerId;
  expect(a).not.toBe(b);
  const before = await ownership([a, b]);

  // A Telegram message sharing the email address, both vouched for by the platform.
  const link = () =>
    msg({
      channel: 'telegram',
      from: tg,
      identities: [
        { kind: 'telegram', value: tg, verified: true },
        { kind: 'email', value: address, verified: true },
      ],
    });
  const result = await thread(h.pool, [link()]);
  expect(result.merges).toBe(1);
  const merged = await ownership([a, b]);
  expect(
    new Set([...merged.identities, ...merged.tickets, ...merged.messages].map((r) => r.customer_id)),
  ).toEqual(new Set([a]));
  expect(merged.customers.find((c) => c.id === b)?.merged_into).toBe(a);
  const [merge] = await listMerges(h.pool, a);
  expect(merge).toMatchObject({
    survivorId: a,
    mergedId: b,
    reason: 'automatic',
    moved: { identities: 1, tickets: 1, messages: 1 },
  });
  const event = await h.pool.query(
    `SELECT data FROM events WHERE type = 'customer.merged' AND data->>'mergeId' = $1`,
    [merge?.id],
  );
  expect(event.rows).toHaveLength(1);

  await withTransaction(h.pool, (c) =>
    unmergeCustomers(c, { mergeId: merge?.id as string, actor: 'agent@test' }),
  );
  const after = await ownership([a, b]);
  // Everything that existed before the merge is back where it was; the linking message stays with A.
  expect(after.identities.filter((r) => before.identities.some((x) => x.id === r.id))).toEqual(
    before.identities,
  );
  expect(after.tickets).toEqual(before.tickets);
  expect(after.messages.filter((r) => before.messages.some((x) => x.id === r.id))).toEqual(before.messages);
  expect(after.customers).toEqual(before.customers);
  expect((await listMerges(h.pool, a))[0]?.undoneBy).toBe('agent@test');

  // A person decided they are two customers: the same meeting again is a conflict, not a merge.
  const again = await thread(h.pool, [link()]);
  expect(again.merges).toBe(0);
  expect((await ownership([b])).customers[0]?.merged_into).toBeNull();
  expect(await listIdentityConflicts(h.pool, a)).toEqual([
    expect.objectContaining({ kind: 'email', value: address, ownerCustomerId: b, claimantCustomerId: a }),
  ]);
});

it('never merges two customers on an unverified claim, and records the conflict', async () => {
  const address = `${uniq('cy')}@example.com`;
  const vb = uniq('vb');
  await thread(h.pool, [msg({ channel: 'email', from: address })]);
  await thread(h.pool, [msg({ channel: 'viber', from: vb })]);
  const form = msg({
    channel: 'webform',
    from: address,
    identities: [
      { kind: 'email', value: address, verified: false },
      { kind: 'viber', value: vb, verified: false },
    ],
  });
  const result = await thread(h.pool, [form]);
  expect(result.merges).toBe(0);
  const { customerId } = await stored(h.pool, form);
  const owners = await h.pool.query<{ n: number }>(
    `SELECT count(DISTINCT c.id)::int AS n FROM identities i JOIN customers c ON c.id = i.customer_id
      WHERE (i.kind, i.value) IN (('email', $1), ('viber', $2)) AND c.merged_into IS NULL`,
    [address, vb],
  );
  expect(owners.rows[0]?.n).toBe(2);
  const conflicts = await listIdentityConflicts(h.pool, customerId);
  expect(conflicts).toEqual([
    expect.objectContaining({
      kind: 'viber',
      value: vb,
      claimantCustomerId: customerId,
      claimVerified: false,
    }),
  ]);
});

it('merges customers manually and refuses impossible merges with clear codes', async () => {
  const one = msg({ channel: 'vk', from: uniq('vk') });
  const two = msg({ channel: 'vk', from: uniq('vk') });
  await thread(h.pool, [one, two]);
  const a = (await stored(h.pool, one)).customerId;
  const b = (await stored(h.pool, two)).customerId;
  const { mergeId } = await withTransaction(h.pool, (c) =>
    mergeCustomers(c, { survivorId: a, mergedId: b, reason: 'manual', actor: 'key:ops' }),
  );
  expect((await stored(h.pool, two)).customerId).toBe(a);
  await expect(
    withTransaction(h.pool, (c) => mergeCustomers(c, { survivorId: a, mergedId: b, reason: 'manual' })),
  ).rejects.toMatchObject({
    code: 'customer-merged',
  });
  await expect(
    withTransaction(h.pool, (c) => mergeCustomers(c, { survivorId: a, mergedId: a, reason: 'manual' })),
  ).rejects.toMatchObject({ code: 'merge-self' });
  await withTransaction(h.pool, (c) => unmergeCustomers(c, { mergeId }));
  await expect(withTransaction(h.pool, (c) => unmergeCustomers(c, { mergeId }))).rejects.toMatchObject({
    code: 'merge-undone',
  });
  expect((await stored(h.pool, two)).customerId).toBe(b);
});
