import { type Harness, startHarness } from '@omni/testkit';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedOutbound, seedTicket } from './support/seed';

// Every ticket stores the API's JSON of itself (`tickets.json`, migration 22), written by a
// trigger. Here it is held, after every kind of write that changes a ticket, to the JSON the
// API built per row before it was stored — the expression below, kept as the reference.

const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const COMPUTED = `row_to_json(j)::text FROM tickets t, LATERAL (SELECT
    t.id, t.number, t.status, t.subject, t.topic, t.customer_id AS "customerId", t.channels, t.priority, t.assignee,
    t."group", t.tags, ${ISO('t.created_at')} AS "createdAt", ${ISO('t.updated_at')} AS "updatedAt",
    ${ISO('t.last_message_at')} AS "lastMessageAt", ${ISO('t.first_response_at')} AS "firstResponseAt",
    t.message_count AS "messageCount", t.merged_into AS "mergedIntoTicketId", t.routing_rule AS "routingRule",
    ${ISO('t.first_response_due_at')} AS "firstResponseDueAt", ${ISO('t.resolution_due_at')} AS "resolutionDueAt",
    t.first_response_breached AS "firstResponseBreached", t.resolution_breached AS "resolutionBreached", t.csat) j`;

let h: Harness;
let api: ApiFixture;
let ann: string;
let bob: string;
let annTicket: { id: string; number: number };
let bobTicket: { id: string; number: number };

beforeAll(async () => {
  h = await startHarness('tickets-ticket-json');
  api = await startApi(h.pool, h.log);
  ann = await seedCustomer(h.pool, 'Ann', [{ kind: 'telegram', value: '1001' }]);
  bob = await seedCustomer(h.pool, 'Bob', [{ kind: 'telegram', value: '2002' }]);
  annTicket = await seedTicket(h.pool, { customerId: ann, subject: 'Где мой заказ? "quoted" \\ \n' });
  bobTicket = await seedTicket(h.pool, { customerId: bob, subject: 'Bob' });
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

/** Every ticket whose stored JSON is not the JSON computed from its row now: none, always. */
async function expectEveryStoredJsonCurrent(after: string): Promise<void> {
  const { rows } = await h.pool.query<{ id: string; stored: string; computed: string }>(
    `SELECT t.id, t.json AS stored, ${COMPUTED} WHERE t.json IS DISTINCT FROM row_to_json(j)::text`,
  );
  expect({ after, stale: rows }).toEqual({ after, stale: [] });
}

const send = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
  const res = await api.app.inject({ method, url, payload, headers: bearer(api.adminKey) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res;
};

it('is written on creation and kept through every kind of write to a ticket', async () => {
  await expectEveryStoredJsonCurrent('creation');

  await seedMessage(h.pool, { ticketId: annTicket.id, customerId: ann, text: 'hi', senderId: '1001' });
  await seedMessage(h.pool, { ticketId: annTicket.id, customerId: ann, text: 'по почте', channel: 'email' });
  await expectEveryStoredJsonCurrent('new messages (counters, channels)');

  await seedOutbound(h.pool, { ticketId: annTicket.id, customerId: ann, sentAt: new Date() });
  await send('POST', `/v1/tickets/${annTicket.id}/replies`, { text: 'We are on it', author: 'kate' });
  await expectEveryStoredJsonCurrent('replies');

  await send('POST', `/v1/tickets/${annTicket.id}/notes`, { text: 'VIP' });
  await expectEveryStoredJsonCurrent('note');

  for (const change of [
    { status: 'pending' },
    { assignee: 'kate' },
    { group: 'support' },
    { priority: 'high' },
    { tags: ['vip', 'заказ "1"'] },
    { status: 'resolved', assignee: null, group: null, tags: [] },
  ]) {
    await send('PATCH', `/v1/tickets/${annTicket.id}`, change);
    await expectEveryStoredJsonCurrent(`PATCH ${JSON.stringify(change)}`);
  }

  // What the automation and CSAT services write on a ticket.
  await h.pool.query(
    `UPDATE tickets SET routing_rule = 'vip', topic = 'orders', first_response_due_at = '2026-03-02T10:00:00.123456Z',
       resolution_due_at = now() + interval '1 day', first_response_breached = true, first_response_at = now()
     WHERE id = $1`,
    [annTicket.id],
  );
  await expectEveryStoredJsonCurrent('SLA and routing');
  await h.pool.query(`UPDATE tickets SET csat = $2 WHERE id = $1`, [
    annTicket.id,
    JSON.stringify({ score: 5, scale: 'five', comment: 'спасибо "!"', channel: 'telegram', at: new Date() }),
  ]);
  await expectEveryStoredJsonCurrent('CSAT answer');

  const merged = await send('POST', `/v1/customers/${ann}/merge`, { customerId: bob });
  await expectEveryStoredJsonCurrent('customer merge');
  const { rows: merges } = await h.pool.query<{ id: string }>(
    'SELECT id FROM customer_merges WHERE survivor_id = $1',
    [ann],
  );
  expect(merged.statusCode).toBe(200);
  await send('POST', `/v1/customers/${ann}/unmerge`, { mergeId: merges[0]?.id });
  await expectEveryStoredJsonCurrent('customer unmerge');

  const other = await seedTicket(h.pool, { customerId: ann, subject: 'second' });
  await seedMessage(h.pool, { ticketId: other.id, customerId: ann, text: 'again', channel: 'vk' });
  await send('POST', `/v1/tickets/${other.id}/merge`, { intoTicketId: annTicket.id });
  await expectEveryStoredJsonCurrent('ticket merge');

  await send('DELETE', `/v1/customers/${bob}`);
  await expectEveryStoredJsonCurrent('erasure');

  // The API answers the stored text (a rated ticket's made compact).
  const page = await api.app.inject({ method: 'GET', url: '/v1/tickets', headers: bearer(api.adminKey) });
  const { rows: computed } = await h.pool.query<{ json: string }>(
    `SELECT ${COMPUTED.replace('row_to_json(j)::text', 'row_to_json(j)::text AS json')} ORDER BY t.created_at DESC, t.id DESC`,
  );
  expect(page.json().data).toEqual(computed.map((r) => JSON.parse(r.json)));
  expect(page.json().data.map((t: { id: string }) => t.id)).toContain(bobTicket.id);
});

it('follows a change of any one column directly in SQL', async () => {
  const { rows: columns } = await h.pool.query<{ name: string; type: string }>(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = 'tickets'::regclass AND attnum > 0 AND NOT attisdropped AND attname NOT IN ('id', 'json')`,
  );
  const changed: Record<string, string> = {
    text: `coalesce(%s, '') || ' changed'`,
    bigint: '%s + 1000',
    integer: '%s + 1',
    boolean: 'NOT %s',
    'timestamp with time zone': `coalesce(%s, now()) + interval '1.5 seconds'`,
    'text[]': `%s || 'changed'::text`,
    jsonb: `jsonb_build_object('score', 1, 'scale', 'thumbs', 'comment', null, 'channel', 'vk', 'at', 'x')`,
    uuid: '%s',
  };
  for (const { name, type } of columns) {
    const expression = changed[type];
    expect({ name, type, known: expression !== undefined }).toEqual({ name, type, known: true });
    // Values that must stay valid (foreign keys, checks) are written back unchanged: the update still runs.
    const keepValid = ['customer_id', 'merged_into', 'linked_ticket_id', 'status', 'channel', 'account'];
    const value = keepValid.includes(name)
      ? `"${name}"`
      : (expression as string).replaceAll('%s', `"${name}"`);
    await h.pool.query(`UPDATE tickets SET "${name}" = ${value} WHERE id = $1`, [annTicket.id]);
    await expectEveryStoredJsonCurrent(`UPDATE of ${name}`);
  }
});
