import SwaggerParser from '@apidevtools/swagger-parser';
import { outboundTopic } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { listApiKeys } from '../src/api-keys';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedOutbound, seedTicket } from './support/seed';

let h: Harness;
let api: ApiFixture;
let ann: string;
let bob: string;
let annTicket: { id: string; number: number };
let bobTicket: { id: string; number: number };

beforeAll(async () => {
  h = await startHarness('tickets-api');
  api = await startApi(h.pool, h.log, {
    api: { corsOrigins: ['https://helpdesk.example'] },
    channels: { email: [{ account: 'support' }, { account: 'sales' }], webform: [{ account: 'shop' }] },
  });
  ann = await seedCustomer(h.pool, 'Ann', [
    { kind: 'email', value: 'ann@example.com' },
    { kind: 'telegram', value: '1001' },
  ]);
  bob = await seedCustomer(h.pool, 'Борис', [{ kind: 'phone', value: '+79161234567' }]);
  annTicket = await seedTicket(h.pool, {
    customerId: ann,
    subject: 'Order never arrived',
    assignee: 'kate',
    group: 'billing',
    topic: 'delivery',
  });
  await seedMessage(h.pool, {
    ticketId: annTicket.id,
    customerId: ann,
    text: 'My orders are missing',
    senderId: '1001',
    chatId: '1001',
  });
  bobTicket = await seedTicket(h.pool, {
    customerId: bob,
    subject: 'Вопрос',
    channel: 'viber',
    status: 'pending',
  });
  await seedMessage(h.pool, {
    ticketId: bobTicket.id,
    customerId: bob,
    channel: 'viber',
    text: 'Где мои заказы? 注文はまだ届いていません',
    senderId: 'vb-1',
  });
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

const get = (url: string, key = api.adminKey) => api.app.inject({ method: 'GET', url, headers: bearer(key) });
const post = (url: string, payload: unknown, headers: Record<string, string> = {}, key = api.adminKey) =>
  api.app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: { ...bearer(key), ...headers },
  });
const ids = (res: { json(): unknown }) =>
  (res.json() as { data: Array<{ id: string }> }).data.map((t) => t.id).sort();

describe('auth', () => {
  it('records when a key was last used (at most once a minute, off the request path)', async () => {
    const key = await api.keyWith('tickets:read');
    const lastUsed = async () =>
      (await listApiKeys(h.pool)).find((k) => k.prefix === key.slice(0, 12))?.lastUsedAt ?? null;
    expect(await lastUsed()).toBeNull();
    expect((await get('/v1/tickets?limit=1', key)).statusCode).toBe(200);
    await waitFor(async () => (await lastUsed()) !== null, { description: 'last_used_at written' });
    const first = await lastUsed();
    expect((await get('/v1/tickets?limit=1', key)).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
  });

  it('answers 401 problem+json without a key or with an unknown one', async () => {
    for (const headers of [{}, { authorization: 'Bearer omni_nope' }, { authorization: 'Basic abc' }]) {
      const res = await api.app.inject({ method: 'GET', url: '/v1/tickets', headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['www-authenticate']).toBe('Bearer');
    }
  });

  it('answers 403 when the key lacks the route scope', async () => {
    const customersOnly = await api.keyWith('customers:read');
    const readOnly = await api.keyWith('tickets:read');
    const cases: Array<[string, string, string, unknown?]> = [
      [customersOnly, 'GET', '/v1/tickets'],
      [customersOnly, 'GET', '/v1/events'],
      [customersOnly, 'GET', `/v1/attachments/${annTicket.id}`],
      [readOnly, 'GET', `/v1/customers/${ann}`],
      [readOnly, 'POST', `/v1/tickets/${annTicket.id}/notes`, { text: 'x' }],
      [readOnly, 'PATCH', `/v1/tickets/${annTicket.id}`, { status: 'closed' }],
      [readOnly, 'POST', '/v1/webhooks', { url: 'https://example.com/h', events: ['ticket.created'] }],
      [customersOnly, 'POST', `/v1/customers/${ann}/merge`, { customerId: bob }],
    ];
    for (const [key, method, url, payload] of cases) {
      const res = await api.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(key),
        payload: payload as object,
      });
      expect({ url, method, status: res.statusCode }).toEqual({ url, method, status: 403 });
      expect(res.json().type).toBe('urn:omni:problem:forbidden');
    }
  });
});

describe('tickets', () => {
  it('filters by every field', async () => {
    const cases: Array<[string, string[]]> = [
      ['status=open', [annTicket.id]],
      ['status=open&status=pending', [annTicket.id, bobTicket.id]],
      ['channel=viber', [bobTicket.id]],
      [`customerId=${ann}`, [annTicket.id]],
      ['assignee=kate', [annTicket.id]],
      ['group=billing', [annTicket.id]],
      ['topic=delivery', [annTicket.id]],
      ['updatedSince=2000-01-01T00:00:00Z', [annTicket.id, bobTicket.id]],
      ['updatedSince=2100-01-01T00:00:00Z', []],
    ];
    for (const [query, expected] of cases) {
      const res = await get(`/v1/tickets?${query}`);
      expect({ query, status: res.statusCode, ids: ids(res) }).toEqual({
        query,
        status: 200,
        ids: [...expected].sort(),
      });
    }
  });

  it('searches English, Russian and Japanese text in subjects and messages', async () => {
    const cases: Array<[string, string[]]> = [
      ['order', [annTicket.id]], // English stem: "orders" in the message, "Order" in the subject
      ['ORDERS', [annTicket.id]],
      ['заказ', [bobTicket.id]], // Russian stem of "заказы"
      ['Заказы', [bobTicket.id]],
      ['вопрос', [bobTicket.id]], // subject, case-insensitive
      ['注文', [bobTicket.id]], // Japanese substring
      ['届いて', [bobTicket.id]],
      ['refund', []],
      ['100%', []],
    ];
    for (const [q, expected] of cases) {
      const res = await get(`/v1/tickets?q=${encodeURIComponent(q)}`);
      expect({ q, ids: ids(res) }).toEqual({ q, ids: [...expected].sort() });
    }
  });

  it('gets by id and number; 404 otherwise', async () => {
    expect((await get(`/v1/tickets/${annTicket.id}`)).json().subject).toBe('Order never arrived');
    const byNumber = (await get(`/v1/tickets?number=${annTicket.number}`)).json();
    expect(byNumber.data.map((t: { id: string }) => t.id)).toEqual([annTicket.id]);
    expect((await get('/v1/tickets?number=999999')).json().data).toEqual([]);
    // The path this lookup had before it was a filter still answers.
    expect((await get(`/v1/tickets/by-number/${annTicket.number}`)).json().id).toBe(annTicket.id);
    expect((await get('/v1/tickets/by-number/999999')).statusCode).toBe(404);
    const missing = await get('/v1/tickets/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('pages across concurrent inserts without losing or repeating a ticket', async () => {
    const customer = await seedCustomer(h.pool, 'Pager');
    const before: string[] = [];
    for (let i = 0; i < 7; i++)
      before.push((await seedTicket(h.pool, { customerId: customer, subject: `page ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(`/v1/tickets?customerId=${customer}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const body = res.json() as { data: Array<{ id: string }>; nextCursor: string | null };
      seen.push(...body.data.map((t) => t.id));
      cursor = body.nextCursor;
      await seedTicket(h.pool, { customerId: customer, subject: 'inserted while paging' });
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.filter((id) => before.includes(id)).sort()).toEqual([...before].sort());
  });

  it('patches fields and records ticket.updated', async () => {
    const t = await seedTicket(h.pool, { customerId: ann, subject: 'patch me' });
    const res = await api.app.inject({
      method: 'PATCH',
      url: `/v1/tickets/${t.id}`,
      headers: bearer(api.adminKey),
      payload: {
        status: 'resolved',
        assignee: 'joe',
        group: 'support',
        priority: 'high',
        tags: ['vip', 'refund'],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'resolved',
      assignee: 'joe',
      group: 'support',
      priority: 'high',
      tags: ['vip', 'refund'],
    });
    const { rows } = await h.pool.query(
      `SELECT data FROM events WHERE type = 'ticket.updated' AND data->>'ticketId' = $1`,
      [t.id],
    );
    expect(rows).toHaveLength(1);
  });

  it('keeps notes internal: stored, never in the outbox for a channel', async () => {
    const res = await post(`/v1/tickets/${annTicket.id}/notes`, { text: 'customer is a VIP' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ direction: 'note', text: 'customer is a VIP', deliveryStatus: null });
    const { rows } = await h.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'omni.outbound.%' AND payload::text LIKE '%customer is a VIP%'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('writes a reply and its outbox record together; a retried Idempotency-Key replays it', async () => {
    const headers = { 'idempotency-key': 'reply-1' };
    const first = await post(
      `/v1/tickets/${annTicket.id}/replies`,
      { text: 'We are on it', author: 'kate' },
      headers,
    );
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({
      direction: 'outbound',
      channel: 'telegram',
      deliveryStatus: 'queued',
      author: 'kate',
    });
    const again = await post(
      `/v1/tickets/${annTicket.id}/replies`,
      { text: 'We are on it', author: 'kate' },
      headers,
    );
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const { rows } = await h.pool.query(`SELECT payload FROM outbox WHERE topic = $1`, [
      outboundTopic('telegram'),
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({
      id: first.json().id,
      recipient: { externalId: '1001', externalChatId: '1001' },
      content: { text: 'We are on it' },
    });
    const reused = await post(`/v1/tickets/${annTicket.id}/replies`, { text: 'something else' }, headers);
    expect(reused.statusCode).toBe(422);
    const noChannel = await post(`/v1/tickets/${annTicket.id}/replies`, {
      text: 'by mail',
      channel: 'email',
    });
    expect(noChannel.statusCode).toBe(409);
  });

  it('replays notes and webhook subscriptions retried with one Idempotency-Key', async () => {
    for (const [url, payload, table] of [
      [`/v1/tickets/${annTicket.id}/notes`, { text: 'retried note' }, 'messages'],
      [
        '/v1/webhooks',
        { url: 'https://helpdesk.example/hook', events: ['ticket.created'] },
        'webhook_subscriptions',
      ],
    ] as const) {
      const before = (await h.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
      const a = await post(url, payload, { 'idempotency-key': `same-${table}` });
      const b = await post(url, payload, { 'idempotency-key': `same-${table}` });
      expect(a.statusCode).toBe(201);
      expect(b.json()).toEqual(a.json());
      expect((await h.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBe(before + 1);
    }
  });

  it('merges a ticket into another of the same customer, not across customers', async () => {
    const a = await seedTicket(h.pool, { customerId: ann, subject: 'dup A' });
    const b = await seedTicket(h.pool, { customerId: ann, subject: 'dup B' });
    await seedMessage(h.pool, { ticketId: a.id, customerId: ann, text: 'first' });
    await seedMessage(h.pool, { ticketId: a.id, customerId: ann, text: 'second', channel: 'vk' });
    expect((await get(`/v1/tickets/${a.id}`)).json().channels).toEqual(['telegram', 'vk']);
    expect((await get(`/v1/tickets/${b.id}`)).json().channels).toEqual([]);
    const res = await post(`/v1/tickets/${a.id}/merge`, { intoTicketId: b.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ messageCount: 2, channels: ['telegram', 'vk'] });
    expect((await get(`/v1/tickets/${a.id}`)).json()).toMatchObject({
      status: 'closed',
      mergedIntoTicketId: b.id,
      channels: [],
    });
    expect(ids(await get(`/v1/tickets?channel=vk&customerId=${ann}`))).toEqual([b.id]);
    expect((await post(`/v1/tickets/${b.id}/merge`, { intoTicketId: bobTicket.id })).statusCode).toBe(409);
  });

  it('recomputes the first response on merge from replies only, never an automatic acknowledgement', async () => {
    const a = await seedTicket(h.pool, { customerId: ann, subject: 'ack A' });
    const b = await seedTicket(h.pool, { customerId: ann, subject: 'ack B' });
    const t0 = Date.parse('2026-03-02T10:00:00Z');
    await seedMessage(h.pool, { ticketId: a.id, customerId: ann, text: 'help', sentAt: new Date(t0) });
    await seedOutbound(h.pool, {
      ticketId: a.id,
      customerId: ann,
      sentAt: new Date(t0 + 1_000),
      automatic: true,
    });
    await seedOutbound(h.pool, {
      ticketId: b.id,
      customerId: ann,
      sentAt: new Date(t0 + 2_000),
      automatic: true,
    });
    await seedOutbound(h.pool, { ticketId: a.id, customerId: ann, sentAt: new Date(t0 + 60_000) });
    const res = await post(`/v1/tickets/${a.id}/merge`, { intoTicketId: b.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().firstResponseAt).toBe(new Date(t0 + 60_000).toISOString());
  });

  it('shows the routing rule, SLA due times and breach flags automation stored', async () => {
    const t = await seedTicket(h.pool, { customerId: bob, subject: 'routed' });
    expect((await get(`/v1/tickets/${t.id}`)).json()).toMatchObject({
      routingRule: null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstResponseBreached: false,
      resolutionBreached: false,
    });
    await h.pool.query(
      `UPDATE tickets SET routing_rule = 'vip', first_response_due_at = '2026-03-02T11:00:00Z',
              resolution_due_at = '2026-03-03T18:00:00Z', first_response_breached = true WHERE id = $1`,
      [t.id],
    );
    const expected = {
      routingRule: 'vip',
      firstResponseDueAt: '2026-03-02T11:00:00.000Z',
      resolutionDueAt: '2026-03-03T18:00:00.000Z',
      firstResponseBreached: true,
      resolutionBreached: false,
    };
    expect((await get(`/v1/tickets/${t.id}`)).json()).toMatchObject(expected);
    const listed = (await get(`/v1/tickets?customerId=${bob}&limit=200`)).json().data;
    expect(listed.find((x: { id: string }) => x.id === t.id)).toMatchObject(expected);
  });

  it('answers a web-form ticket by email, or refuses what it cannot reach', async () => {
    const vera = await seedCustomer(h.pool, 'Vera', []);
    const form = await seedTicket(h.pool, {
      customerId: vera,
      subject: 'Refund',
      channel: 'webform',
      account: 'shop',
    });
    await seedMessage(h.pool, {
      ticketId: form.id,
      customerId: vera,
      channel: 'webform',
      account: 'shop',
      text: 'I want my money back',
      senderId: 'vera@example.com',
      senderEmail: 'Vera@Example.com',
    });
    const res = await post(`/v1/tickets/${form.id}/replies`, { text: 'Refunded today' });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ channel: 'email', account: 'support', deliveryStatus: 'queued' });
    const { rows } = await h.pool.query(`SELECT topic, payload FROM outbox WHERE payload->>'id' = $1`, [
      res.json().id,
    ]);
    expect(rows).toEqual([
      {
        topic: outboundTopic('email'),
        payload: expect.objectContaining({
          channel: 'email',
          account: 'support',
          ticketNumber: form.number,
          recipient: { externalId: 'vera@example.com', email: 'vera@example.com' },
          thread: { subject: 'Refund' },
        }),
      },
    ]);
    expect(
      (
        await h.pool.query(`SELECT count(*)::int AS n FROM outbox WHERE topic = $1`, [
          outboundTopic('webform'),
        ])
      ).rows[0].n,
    ).toBe(0);

    // Only a phone typed into the form: no way to answer, and nothing queued.
    const pavel = await seedCustomer(h.pool, 'Pavel', [{ kind: 'phone', value: '+79160000001' }]);
    const phoneOnly = await seedTicket(h.pool, { customerId: pavel, channel: 'webform', account: 'shop' });
    await seedMessage(h.pool, {
      ticketId: phoneOnly.id,
      customerId: pavel,
      channel: 'webform',
      account: 'shop',
      text: 'call me',
      senderId: '+79160000001',
    });
    const refused = await post(`/v1/tickets/${phoneOnly.id}/replies`, { text: 'Hello' });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json().detail).toMatch(/can only be reached by web form.*no email address/);
    expect((await get(`/v1/tickets/${phoneOnly.id}`)).json().messageCount).toBe(1);
  });
});

describe('not found', () => {
  it('answers 404 problem+json for unknown ids on every route that takes one', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    const cases: Array<[string, string, unknown?]> = [
      ['GET', `/v1/tickets/${none}/messages`],
      ['PATCH', `/v1/tickets/${none}`, { status: 'open' }],
      ['POST', `/v1/tickets/${none}/replies`, { text: 'x' }],
      ['POST', `/v1/tickets/${none}/notes`, { text: 'x' }],
      ['POST', `/v1/tickets/${none}/merge`, { intoTicketId: annTicket.id }],
      ['GET', `/v1/customers/${none}`],
      ['GET', `/v1/customers/${none}/timeline`],
      ['GET', `/v1/customers/${none}/merges`],
      ['POST', `/v1/customers/${none}/identities`, { kind: 'vk', value: 'x' }],
      ['DELETE', `/v1/customers/${ann}/identities/${none}`],
      ['POST', `/v1/customers/${ann}/merge`, { customerId: none }],
      ['POST', `/v1/customers/${ann}/unmerge`, { mergeId: none }],
      ['DELETE', `/v1/webhooks/${none}`],
      ['GET', `/v1/webhooks/${none}/deliveries`],
      ['GET', `/v1/attachments/${none}`],
    ];
    for (const [method, url, payload] of cases) {
      const res = await api.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(api.adminKey),
        payload: payload as object,
      });
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 404 });
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('validation and hostile input', () => {
  it('names the bad field of each invalid request', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['GET', '/v1/tickets?limit=0', undefined, 'limit'],
      ['GET', '/v1/tickets?limit=201', undefined, 'limit'],
      ['GET', '/v1/tickets?status=lost', undefined, 'status'],
      ['GET', '/v1/tickets?channel=pigeon', undefined, 'channel'],
      ['GET', '/v1/tickets?customerId=42', undefined, 'customerId'],
      ['GET', '/v1/tickets?updatedSince=yesterday', undefined, 'updatedSince'],
      ['GET', '/v1/tickets?cursor=bm9wZQ', undefined, 'cursor'],
      ['GET', '/v1/tickets/not-a-uuid', undefined, 'id'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { status: 'lost' }, 'status'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { priority: 'asap' }, 'priority'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { tags: 'vip' }, 'tags'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { owner: 'x' }, ''],
      ['POST', `/v1/tickets/${annTicket.id}/replies`, { text: '' }, 'text'],
      ['POST', `/v1/tickets/${annTicket.id}/replies`, { text: 'hi', channel: 'fax' }, 'channel'],
      ['POST', `/v1/tickets/${annTicket.id}/notes`, {}, 'text'],
      ['POST', `/v1/tickets/${annTicket.id}/merge`, { intoTicketId: 'x' }, 'intoTicketId'],
      ['POST', '/v1/webhooks', { url: 'ftp://x', events: ['ticket.created'] }, 'url'],
      ['POST', '/v1/webhooks', { url: 'https://x.example', events: ['ticket.exploded'] }, 'events'],
      ['POST', `/v1/customers/${ann}/identities`, { kind: 'email', value: 'not-an-email' }, 'value'],
      ['GET', '/v1/customers?identity=fax:123', undefined, 'identity'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await api.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(api.adminKey),
        payload: payload as object,
      });
      expect({ method, url, payload, status: res.statusCode }).toEqual({ method, url, payload, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (field) expect(Object.keys(res.json().errors ?? {}).join(',')).toContain(field);
    }
  });

  it('treats SQL injection in every filter as plain text', async () => {
    const attacks = ["' OR 'a'='a' --", "x'); DROP TABLE tickets; --", '%', '_', '\\'];
    for (const a of attacks) {
      const v = encodeURIComponent(a);
      for (const url of [
        `/v1/tickets?q=${v}`,
        `/v1/tickets?assignee=${v}`,
        `/v1/tickets?group=${v}`,
        `/v1/tickets?topic=${v}`,
        `/v1/customers?q=${v}`,
        `/v1/customers?identity=telegram:${v}`,
      ]) {
        const res = await get(url);
        expect({ url, status: res.statusCode, n: res.json().data.length }).toEqual({
          url,
          status: 200,
          n: 0,
        });
      }
      for (const url of [
        `/v1/tickets?status=${v}`,
        `/v1/tickets?customerId=${v}`,
        `/v1/tickets?cursor=${v}`,
        `/v1/customers?email=${v}`,
      ]) {
        expect({ url, status: (await get(url)).statusCode }).toEqual({ url, status: 400 });
      }
    }
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM tickets');
    expect(rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('refuses text PostgreSQL cannot store (NUL, a lone surrogate) with a 400 naming the field, on every input', async () => {
    const nul = encodeURIComponent('a\u0000b');
    const cases: Array<[string, string, unknown, string, Record<string, string>?]> = [
      ['GET', `/v1/tickets?q=${nul}`, undefined, 'querystring.q'],
      ['GET', `/v1/tickets?assignee=${nul}`, undefined, 'querystring.assignee'],
      ['GET', `/v1/tickets?group=${nul}`, undefined, 'querystring.group'],
      ['GET', `/v1/tickets?topic=${nul}`, undefined, 'querystring.topic'],
      ['GET', `/v1/customers?q=${nul}`, undefined, 'querystring.q'],
      [
        'GET',
        `/v1/customers?email=${encodeURIComponent('a\u0000@example.com')}`,
        undefined,
        'querystring.email',
      ],
      ['GET', `/v1/customers?identity=telegram:${nul}`, undefined, 'querystring.identity'],
      ['GET', `/v1/tickets/${nul}`, undefined, 'params.id'],
      ['POST', `/v1/tickets/${annTicket.id}/notes`, { text: 'see \u0000 here' }, 'body.text'],
      ['POST', `/v1/tickets/${annTicket.id}/notes`, { text: 'lone \ud800 surrogate' }, 'body.text'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { assignee: 'jo\u0000e' }, 'body.assignee'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { tags: ['ok', 'v\u0000ip'] }, 'body.tags.1'],
      ['PATCH', `/v1/tickets/${annTicket.id}`, { group: '\udc00' }, 'body.group'],
      [
        'POST',
        '/v1/webhooks',
        { url: 'https://hooks.example.com/a\u0000', events: ['ticket.created'] },
        'body.url',
      ],
      [
        'POST',
        '/v1/webhooks',
        { url: 'https://hooks.example.com/a', events: ['ticket.created\u0000'] },
        'body.events.0',
      ],
      ['POST', `/v1/tickets/${annTicket.id}/notes`, { 'te\u0000xt': 'key' }, 'body.te\\u0000xt'],
      [
        'POST',
        `/v1/tickets/${annTicket.id}/notes`,
        { text: 'ok' },
        'headers.idempotency-key',
        {
          'idempotency-key': 'k\u0000',
        },
      ],
    ];
    for (const [method, url, payload, field, headers] of cases) {
      const res = await api.app.inject({
        method: method as 'GET',
        url,
        headers: { ...bearer(api.adminKey), ...headers },
        payload: payload as object,
      });
      expect({ method, url, status: res.statusCode }).toEqual({ method, url, status: 400 });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect({ url, type: res.json().type, errors: Object.keys(res.json().errors ?? {}) }).toEqual({
        url,
        type: 'urn:omni:problem:validation-failed',
        errors: [field],
      });
    }
    // Tab, line feed and carriage return are text like any other.
    expect((await post(`/v1/tickets/${annTicket.id}/notes`, { text: 'a\tb\r\nc' })).statusCode).toBe(201);
  });

  it('refuses oversized bodies with 413', async () => {
    const res = await post(`/v1/tickets/${annTicket.id}/notes`, { text: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});

describe('attachments', () => {
  let attachmentId: string;
  beforeAll(async () => {
    const msg = await seedMessage(h.pool, { ticketId: annTicket.id, customerId: ann, text: 'see attached' });
    const data = Buffer.from('0123456789abcdefghij');
    const { rows } = await h.pool.query(
      `INSERT INTO blobs (id, sha256, size, data) VALUES (gen_random_uuid(), encode(sha256($1), 'hex'), $2, $1) RETURNING id`,
      [data, data.length],
    );
    const a = await h.pool.query(
      `INSERT INTO attachments (id, message_id, position, blob_id, name, mime_type, size) VALUES (gen_random_uuid(), $1, 0, $2, $3, 'text/html', 20) RETURNING id`,
      [msg, rows[0].id, '../../etc/"счёт"\r\n.html'],
    );
    attachmentId = a.rows[0].id;
  });

  it('serves the bytes as a download with a safe Content-Disposition', async () => {
    const res = await get(`/v1/attachments/${attachmentId}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('0123456789abcdefghij');
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="______.html"; filename*=UTF-8''${encodeURIComponent('"счёт".html')}`,
    );
  });

  it('answers ranges with 206 and impossible ones with 416', async () => {
    const range = (r: string) =>
      api.app.inject({
        method: 'GET',
        url: `/v1/attachments/${attachmentId}`,
        headers: { ...bearer(api.adminKey), range: r },
      });
    const part = await range('bytes=2-5');
    expect(part.statusCode).toBe(206);
    expect(part.body).toBe('2345');
    expect(part.headers['content-range']).toBe('bytes 2-5/20');
    expect((await range('bytes=-3')).body).toBe('hij');
    expect((await range('bytes=18-')).body).toBe('ij');
    const bad = await range('bytes=50-60');
    expect(bad.statusCode).toBe(416);
    expect(bad.headers['content-range']).toBe('bytes */20');
  });

  it('rejects path traversal and unknown ids', async () => {
    for (const id of ['..%2F..%2Fetc%2Fpasswd', 'x;rm', `${attachmentId}%00`, `${attachmentId}%2F..%2F..`]) {
      const res = await get(`/v1/attachments/${id}`);
      expect({ id, status: res.statusCode }).toEqual({ id, status: 400 });
    }
    expect((await get('/v1/attachments/%2e%2e')).statusCode).toBe(404);
    expect((await get('/v1/attachments/../../etc/passwd')).statusCode).toBe(404);
    expect((await get('/v1/attachments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('customers', () => {
  it('finds customers by email, phone, identity and text', async () => {
    const cases: Array<[string, string[]]> = [
      ['email=ANN@example.com', [ann]],
      ['phone=8 916 123-45-67', [bob]],
      ['identity=telegram:1001', [ann]],
      ['q=бор', [bob]],
      ['q=example.com', [ann]],
    ];
    for (const [query, expected] of cases) {
      const res = await get(`/v1/customers?${query}`);
      expect({ query, ids: ids(res) }).toEqual({ query, ids: expected });
    }
  });

  it('links and unlinks identities; refuses one held by another customer', async () => {
    const c = await seedCustomer(h.pool, 'Linky');
    const linked = await post(`/v1/customers/${c}/identities`, { kind: 'email', value: 'Linky@Example.com' });
    expect(linked.statusCode).toBe(201);
    const identity = linked.json().identities.find((i: { value: string }) => i.value === 'linky@example.com');
    expect(identity).toBeDefined();
    expect(
      (await post(`/v1/customers/${c}/identities`, { kind: 'email', value: 'ann@example.com' })).statusCode,
    ).toBe(409);
    const del = await api.app.inject({
      method: 'DELETE',
      url: `/v1/customers/${c}/identities/${identity.id}`,
      headers: bearer(api.adminKey),
    });
    expect(del.statusCode).toBe(204);
    expect((await get(`/v1/customers/${c}`)).json().identities).toEqual([]);
  });

  it('merges, lists merges, resolves the old id, shows one timeline, and unmerges', async () => {
    const a = await seedCustomer(h.pool, 'Alpha', [{ kind: 'vk', value: 'a-1' }]);
    const b = await seedCustomer(h.pool, 'Beta', [{ kind: 'vk', value: 'b-1' }]);
    const ta = await seedTicket(h.pool, { customerId: a, channel: 'vk' });
    const tb = await seedTicket(h.pool, { customerId: b, channel: 'vk' });
    await seedMessage(h.pool, {
      ticketId: ta.id,
      customerId: a,
      text: 'one',
      channel: 'vk',
      sentAt: new Date('2026-01-01T00:00:00Z'),
    });
    await seedMessage(h.pool, {
      ticketId: tb.id,
      customerId: b,
      text: 'two',
      channel: 'vk',
      sentAt: new Date('2026-01-02T00:00:00Z'),
    });
    const merged = await post(
      `/v1/customers/${a}/merge`,
      { customerId: b },
      { 'idempotency-key': 'merge-ab' },
    );
    expect(merged.statusCode).toBe(200);
    expect(merged.json().ticketCount).toBe(2);
    expect((await get(`/v1/customers/${b}`)).json().id).toBe(a);
    expect(ids(await get(`/v1/tickets?customerId=${b}`))).toEqual([ta.id, tb.id].sort());
    const timeline = await get(`/v1/customers/${b}/timeline`);
    expect(timeline.json().data.map((m: { text: string }) => m.text)).toEqual(['one', 'two']);
    const merges = (await get(`/v1/customers/${a}/merges`)).json();
    expect(merges.merges).toHaveLength(1);
    expect(merges.conflicts).toEqual([]);
    expect((await post(`/v1/customers/${a}/merge`, { customerId: a })).statusCode).toBe(422);
    const undone = await post(`/v1/customers/${a}/unmerge`, { mergeId: merges.merges[0].id });
    expect(undone.statusCode).toBe(200);
    expect(undone.json().restored.id).toBe(b);
    expect((await get(`/v1/customers/${b}`)).json().id).toBe(b);
    expect((await post(`/v1/customers/${a}/unmerge`, { mergeId: merges.merges[0].id })).statusCode).toBe(409);
  });
});

describe('change feed', () => {
  it('pages every event once, in order, and keeps the cursor when nothing is new', async () => {
    // Transaction ids of different lengths (99 < 100, where as text '100' < '99'): the order is numeric.
    await h.pool.query(
      `INSERT INTO events (id, type, occurred_at, data, txid)
       VALUES (gen_random_uuid(), 'ticket.updated', now(), '{}', '100'), (gen_random_uuid(), 'ticket.updated', now(), '{}', '99')`,
    );
    const { rows } = await h.pool.query<{ id: string }>('SELECT id FROM events ORDER BY txid, seq');
    expect(rows.length).toBeGreaterThan(3);
    // The feed holds back events while any older transaction of the cluster is still open
    // (other test files share it), so poll the way an integrator does until it has caught up.
    const all: string[] = [];
    let after = '';
    await waitFor(async () => {
      for (;;) {
        const res = await get(`/v1/events?limit=2${after ? `&after=${after}` : ''}`);
        const body = res.json() as { data: Array<{ id: string }>; nextCursor: string };
        if (body.data.length === 0) {
          expect(body.nextCursor).toBe(after || null);
          return all.length >= rows.length;
        }
        all.push(...body.data.map((e) => e.id));
        after = body.nextCursor;
      }
    });
    expect(all).toEqual(rows.map((r) => r.id));
  });

  it('serves only the types asked for', async () => {
    const marker = `feed-${Date.now()}`;
    await h.pool.query(
      `INSERT INTO events (id, type, occurred_at, data) VALUES
         (gen_random_uuid(), 'ticket.updated', now(), jsonb_build_object('marker', $1::text, 'n', 1)),
         (gen_random_uuid(), 'message.created', now(), jsonb_build_object('marker', $1::text, 'n', 2)),
         (gen_random_uuid(), 'ticket.rated', now(), jsonb_build_object('marker', $1::text, 'n', 3))`,
      [marker],
    );
    const seen: Array<{ type: string; data: { marker?: string; n?: number } }> = [];
    let after = '';
    await waitFor(async () => {
      for (;;) {
        const res = await get(
          `/v1/events?limit=50&type=ticket.updated&type=ticket.rated${after ? `&after=${after}` : ''}`,
        );
        expect(res.statusCode).toBe(200);
        const body = res.json() as { data: typeof seen; nextCursor: string };
        if (body.data.length === 0) return seen.filter((e) => e.data.marker === marker).length >= 2;
        seen.push(...body.data);
        after = body.nextCursor;
      }
    });
    expect(new Set(seen.map((e) => e.type))).toEqual(new Set(['ticket.updated', 'ticket.rated']));
    expect(seen.filter((e) => e.data.marker === marker).map((e) => e.data.n)).toEqual([1, 3]);
  });
});

describe('OpenAPI and HTTP conventions', () => {
  it('serves a valid OpenAPI 3.1 document whose paths are exactly the registered routes', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    await SwaggerParser.validate(structuredClone(doc));
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, { parameters?: Array<{ in: string; name: string }> }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
        // Every POST that creates something; the typing signal stores nothing to replay.
        if (method === 'post' && path !== '/v1/tickets/{id}/typing')
          expect({
            path,
            idem: op.parameters?.some((p) => p.in === 'header' && p.name === 'idempotency-key'),
          }).toEqual({ path, idem: true });
      }
    }
    // Every route but the old by-number path (kept working, left out of the document: it made paths ambiguous).
    const served = [...api.routes].filter((r) => r !== 'GET /v1/tickets/by-number/:number');
    expect([...documented].sort()).toEqual(served.sort());
    expect(documented.size).toBeGreaterThanOrEqual(21);
  });

  it('serves the reference at /docs from its own files, on plain http from any host, without framework branding', async () => {
    const fetchDocs = (url: string) =>
      api.app.inject({ method: 'GET', url, headers: { host: 'helpdesk.internal:8080' } });
    const page = await fetchDocs('/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>omni ticket API — reference</title>');
    expect(page.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)[^"']*\.(js|css|png|svg)/);
    const initializer = await fetchDocs('/docs/static/swagger-initializer.js');
    expect(initializer.body).toContain('validatorUrl');
    for (const res of [page, initializer, await fetchDocs('/docs/static/swagger-ui.css')]) {
      const csp = String(res.headers['content-security-policy']);
      // Assets referred to by the page stay on the scheme it was opened with, and on our host.
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(csp).not.toMatch(/https:|validator\.swagger\.io/);
    }
    // Our wordmark replaces the framework's logo in the top bar.
    const ours = Buffer.from(
      initializer.body.match(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/)?.[1] ?? '',
      'base64',
    );
    expect(ours.toString('utf8')).toContain('>omni</text>');
    expect(page.body.toLowerCase()).not.toContain('fastify');
  });

  it('answers CORS preflights for configured origins only', async () => {
    const preflight = (origin: string) =>
      api.app.inject({
        method: 'OPTIONS',
        url: '/v1/tickets',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    expect((await preflight('https://helpdesk.example')).headers['access-control-allow-origin']).toBe(
      'https://helpdesk.example',
    );
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits requests per key with 429 problem+json', async () => {
    const limited = await startApi(h.pool, h.log, { api: { rateLimitPerMinute: 3 } });
    try {
      const other = await limited.keyWith('tickets:read');
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (
            await limited.app.inject({
              method: 'GET',
              url: '/v1/tickets?limit=1',
              headers: bearer(limited.adminKey),
            })
          ).statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 429]);
      const res = await limited.app.inject({
        method: 'GET',
        url: '/v1/tickets?limit=1',
        headers: bearer(limited.adminKey),
      });
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBeDefined();
      expect(
        (await limited.app.inject({ method: 'GET', url: '/v1/tickets?limit=1', headers: bearer(other) }))
          .statusCode,
      ).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
