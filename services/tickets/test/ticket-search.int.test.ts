import { type Harness, startHarness } from '@omni/testkit';
import { SEARCH_HIT_CAP, ticketSearchCondition } from '../src/search';
import { likePattern, listTickets } from '../src/ticket.queries';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

let h: Harness;
let customer: string;
const tickets: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness('ticket-search');
  customer = await seedCustomer(h.pool, 'Searcher');
  const seed = async (name: string, subject: string | undefined, texts: string[]) => {
    tickets[name] = (await seedTicket(h.pool, { customerId: customer, subject })).id;
    for (const text of texts)
      await seedMessage(h.pool, { ticketId: tickets[name] as string, customerId: customer, text });
  };
  await seed('order', 'Order never arrived', ['My orders are missing']);
  await seed('russian', 'Вопрос', ['Где мои заказы? 注文はまだ届いていません']);
  await seed('both', 'Заказ 17', ['hello', 'order 17 please']);
  await seed('none', undefined, ['nothing to see']);
});
afterAll(async () => {
  await h?.close();
});

/** The tickets a search condition selects, in list order, and the condition itself. */
async function select(q: string, cap?: number) {
  const args: unknown[] = [];
  const condition = await ticketSearchCondition(h.pool, q, likePattern(q), (v) => `$${args.push(v)}`, cap);
  const { rows } = await h.pool.query<{ id: string }>(
    `SELECT t.id FROM tickets t WHERE ${condition} ORDER BY t.created_at DESC, t.id DESC`,
    args,
  );
  return { condition, ids: rows.map((r) => r.id) };
}

it('selects the same tickets from the index hits and by walking the tickets', async () => {
  const cases: Array<[string, string[]]> = [
    ['order', ['both', 'order']], // subject and message substrings, English stem
    ['заказ', ['both', 'russian']], // subject substring, Russian stem of "заказы"
    ['ordering', ['both', 'order']], // English stem only: no text holds "ordering"
    ['заказами', ['russian']], // Russian stem only
    ['注文', ['russian']], // Japanese substring
    ['17', ['both']],
    ['вопрос', ['russian']],
    ['100%', []],
  ];
  for (const [q, names] of cases) {
    const expected = names.map((n) => tickets[n]);
    const fromHits = await select(q);
    // A cap of 0 sends every search with a hit to the walk.
    const walked = await select(q, 0);
    expect({ q, ids: [...fromHits.ids].sort() }).toEqual({ q, ids: [...expected].sort() });
    expect({ q, ids: walked.ids }).toEqual({ q, ids: fromHits.ids });
    expect(fromHits.condition).toMatch(/^t\.id = ANY/);
    if (expected.length > 0) expect(walked.condition).toMatch(/EXISTS/);
  }
});

it('pages through a search matching more tickets than the cap, each ticket once, newest first', async () => {
  const count = SEARCH_HIT_CAP + 30;
  await h.pool.query(
    `INSERT INTO tickets (id, customer_id, subject, channel, account, created_at)
     SELECT gen_random_uuid(), $1, 'Bulk kettle ' || i, 'telegram', 'main', now() - i * interval '1 second'
       FROM generate_series(1, $2::int) i`,
    [customer, count],
  );
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    // A page is the JSON text PostgreSQL wrote (JsonText), as the API sends it.
    const page = JSON.parse((await listTickets(h.pool, { limit: 200, q: 'bulk KETTLE', cursor })).json) as {
      data: { subject: string | null }[];
      nextCursor: string | null;
    };
    seen.push(...page.data.map((t) => t.subject as string));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  expect(seen).toEqual(Array.from({ length: count }, (_, i) => `Bulk kettle ${i + 1}`));
});
