import { randomUUID } from 'node:crypto';
import { createPool, PgBlobStore } from '@omni/db';
import { createApiKey, createHttpServer, createMetrics } from '@omni/service-kit';
import { type Harness, startHarness } from '@omni/testkit';
import type { FastifyInstance } from 'fastify';
import { buildTicketsService } from '../src/tickets.service';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { type Answer, ContractChecker } from './support/contract';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

/*
 * The contract run: every operation of /openapi.json called — its successes and each
 * documented problem — and every answer checked against the document (status, content
 * type, headers, body, problem type). At the end, every documented status and problem
 * type of every operation must have been seen.
 */

interface Req {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const NOBODY = '00000000-0000-4000-8000-000000000000';

let h: Harness;
let api: ApiFixture;
let checker: ContractChecker;
let noScopeKey: string;
const extra: Array<{ app: FastifyInstance; close(): Promise<void> }> = [];

const ids = {} as Record<
  | 'ann'
  | 'bob'
  | 'carol'
  | 'dora'
  | 'eve'
  | 'fay'
  | 'gus'
  | 'hal'
  | 'ivy'
  | 'a'
  | 'a2'
  | 'b'
  | 'w'
  | 'n'
  | 'late'
  | 'attachment',
  string
>;

async function bareApi(url: string) {
  const log = h.log;
  const pool = createPool({ url, log });
  const app = createHttpServer({ log, metrics: createMetrics('contract'), readiness: [] });
  const module = buildTicketsService({ pool, log, background: false });
  if (module.routes) await app.register(module.routes);
  await app.ready();
  const instance = {
    app,
    async close() {
      await app.close();
      await pool.end();
    },
  };
  extra.push(instance);
  return instance;
}

beforeAll(async () => {
  h = await startHarness('tickets-contract');
  api = await startApi(h.pool, h.log, { channels: { email: [], webform: [{ account: 'shop' }] } });
  noScopeKey = (await createApiKey(h.pool, 'no-scope', [])).key;
  const doc = (await api.app.inject({ url: '/openapi.json' })).json();
  checker = new ContractChecker(doc);

  ids.ann = await seedCustomer(h.pool, 'Ann', [
    { kind: 'telegram', value: '1001' },
    { kind: 'email', value: 'ann@example.com' },
  ]);
  ids.bob = await seedCustomer(h.pool, 'Bob', [{ kind: 'phone', value: '+79161234567' }]);
  ids.carol = await seedCustomer(h.pool, 'Carol');
  ids.dora = await seedCustomer(h.pool, 'Dora');
  for (const name of ['eve', 'fay', 'gus', 'hal', 'ivy'] as const)
    ids[name] = await seedCustomer(h.pool, name, [{ kind: 'vk', value: `vk-${name}` }]);
  ids.a = (await seedTicket(h.pool, { customerId: ids.ann, subject: 'Order' })).id;
  ids.a2 = (await seedTicket(h.pool, { customerId: ids.ann })).id;
  ids.b = (await seedTicket(h.pool, { customerId: ids.bob, channel: 'viber' })).id;
  ids.w = (await seedTicket(h.pool, { customerId: ids.carol, channel: 'webform', account: 'shop' })).id;
  ids.n = (await seedTicket(h.pool, { customerId: ids.dora })).id;
  // A WhatsApp customer who last wrote two days ago: the 24-hour window has closed.
  const late = await seedCustomer(h.pool, 'Lena', [{ kind: 'whatsapp', value: '79161230000' }]);
  ids.late = (await seedTicket(h.pool, { customerId: late, channel: 'whatsapp', account: 'wa' })).id;
  await seedMessage(h.pool, {
    ticketId: ids.late,
    customerId: late,
    channel: 'whatsapp',
    account: 'wa',
    text: 'hello?',
    senderId: '79161230000',
    sentAt: new Date(Date.now() - 48 * 3_600_000),
  });
  const message = await seedMessage(h.pool, { ticketId: ids.a, customerId: ids.ann, text: 'where is it?' });
  await seedMessage(h.pool, { ticketId: ids.a2, customerId: ids.ann, text: 'and this?' });
  await seedMessage(h.pool, {
    ticketId: ids.b,
    customerId: ids.bob,
    channel: 'viber',
    text: 'hi',
    senderId: 'vb-1',
  });
  await seedMessage(h.pool, {
    ticketId: ids.w,
    customerId: ids.carol,
    channel: 'webform',
    account: 'shop',
    text: 'form, no address',
    senderId: 'form-1',
  });
  const blob = await new PgBlobStore(h.pool).put(Buffer.from('0123456789'));
  ids.attachment = randomUUID();
  await h.pool.query(
    `INSERT INTO attachments (id, message_id, position, blob_id, name, mime_type, size, sha256)
     VALUES ($1, $2, 0, $3, 'digits.txt', 'text/plain', 10, $4)`,
    [ids.attachment, message, blob.id, blob.sha256],
  );
});
afterAll(async () => {
  for (const e of extra) await e.close();
  await api?.stop();
  await h?.close();
});

const urlOf = (r: Req) =>
  `${r.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(r.params?.[name] ?? ''))}${r.query ? `?${r.query}` : ''}`;

async function send(
  app: FastifyInstance,
  r: Req,
  key: string | null,
  raw?: { payload: string; type: string },
) {
  const res = await app.inject({
    method: r.method,
    url: urlOf(r),
    headers: {
      ...(key ? bearer(key) : {}),
      ...(raw ? { 'content-type': raw.type } : {}),
      ...r.headers,
    },
    ...(raw ? { payload: raw.payload } : r.body !== undefined ? { payload: r.body as object } : {}),
  });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body } satisfies Answer;
}

/** Calls an operation and holds the answer to the document; returns it for further checks. */
async function expectAnswer(
  operationId: string,
  status: number,
  r: Req,
  opts: { key?: string | null; app?: FastifyInstance; raw?: { payload: string; type: string } } = {},
) {
  const answer = await send(
    opts.app ?? api.app,
    r,
    opts.key === undefined ? api.adminKey : opts.key,
    opts.raw,
  );
  expect({ operationId, url: urlOf(r), status: answer.statusCode }).toEqual({
    operationId,
    url: urlOf(r),
    status,
  });
  expect(checker.check(operationId, answer)).toEqual([]);
  return answer;
}

/** A valid request of every operation, for the problems every operation can answer. */
const base = (): Record<string, Req> => ({
  listTickets: { method: 'GET', path: '/v1/tickets' },
  getTicket: { method: 'GET', path: '/v1/tickets/:id', params: { id: ids.a } },
  updateTicket: {
    method: 'PATCH',
    path: '/v1/tickets/:id',
    params: { id: ids.a },
    body: { group: 'support' },
  },
  listTicketMessages: { method: 'GET', path: '/v1/tickets/:id/messages', params: { id: ids.a } },
  createReply: {
    method: 'POST',
    path: '/v1/tickets/:id/replies',
    params: { id: ids.a },
    body: { text: 'On it' },
  },
  createNote: {
    method: 'POST',
    path: '/v1/tickets/:id/notes',
    params: { id: ids.a },
    body: { text: 'note' },
  },
  signalTyping: {
    method: 'POST',
    path: '/v1/tickets/:id/typing',
    params: { id: ids.a },
    body: { author: 'Agent' },
  },
  waitForTyping: { method: 'GET', path: '/v1/typing', query: 'wait=0' },
  mergeTicket: {
    method: 'POST',
    path: '/v1/tickets/:id/merge',
    params: { id: ids.a2 },
    body: { intoTicketId: ids.a },
  },
  listCustomers: { method: 'GET', path: '/v1/customers' },
  getCustomer: { method: 'GET', path: '/v1/customers/:id', params: { id: ids.ann } },
  listCustomerTimeline: { method: 'GET', path: '/v1/customers/:id/timeline', params: { id: ids.ann } },
  mergeCustomer: {
    method: 'POST',
    path: '/v1/customers/:id/merge',
    params: { id: ids.fay },
    body: { customerId: ids.eve },
  },
  unmergeCustomer: {
    method: 'POST',
    path: '/v1/customers/:id/unmerge',
    params: { id: ids.fay },
    body: { mergeId: NOBODY },
  },
  listCustomerMerges: { method: 'GET', path: '/v1/customers/:id/merges', params: { id: ids.fay } },
  addCustomerIdentity: {
    method: 'POST',
    path: '/v1/customers/:id/identities',
    params: { id: ids.ann },
    body: { kind: 'phone', value: '+7 912 345-67-89' },
  },
  removeCustomerIdentity: {
    method: 'DELETE',
    path: '/v1/customers/:id/identities/:identityId',
    params: { id: ids.ann, identityId: NOBODY },
  },
  // Never an existing customer here: the problem checks call it once with a valid key.
  eraseCustomer: { method: 'DELETE', path: '/v1/customers/:id', params: { id: NOBODY } },
  exportCustomer: { method: 'GET', path: '/v1/customers/:id/export', params: { id: ids.ann } },
  downloadAttachment: { method: 'GET', path: '/v1/attachments/:id', params: { id: ids.attachment } },
  listEvents: { method: 'GET', path: '/v1/events' },
  createWebhook: {
    method: 'POST',
    path: '/v1/webhooks',
    body: { url: 'http://127.0.0.1:9/hook', events: ['ticket.created'] },
  },
  listWebhooks: { method: 'GET', path: '/v1/webhooks' },
  getWebhook: { method: 'GET', path: '/v1/webhooks/:id', params: { id: NOBODY } },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/v1/webhooks/:id/rotate-secret',
    params: { id: NOBODY },
    body: { gracePeriodSeconds: 60 },
  },
  deleteWebhook: { method: 'DELETE', path: '/v1/webhooks/:id', params: { id: NOBODY } },
  listWebhookDeliveries: { method: 'GET', path: '/v1/webhooks/:id/deliveries', params: { id: NOBODY } },
});

/** Success, replay (same key, same body) and 422 (same key, another body) of a POST. */
async function idempotentPost(operationId: string, status: number, r: Req, other: unknown) {
  const key = randomUUID();
  const first = await expectAnswer(operationId, status, { ...r, headers: { 'idempotency-key': key } });
  const again = await expectAnswer(operationId, status, { ...r, headers: { 'idempotency-key': key } });
  expect(again.headers['idempotent-replayed']).toBe('true');
  expect(JSON.parse(again.body)).toEqual(JSON.parse(first.body));
  await expectAnswer(operationId, 422, { ...r, body: other, headers: { 'idempotency-key': key } });
  return JSON.parse(first.body);
}

describe('every operation, as documented', () => {
  it('tickets', async () => {
    const r = base();
    await expectAnswer('listTickets', 200, {
      ...(r.listTickets as Req),
      query: 'status=open&status=pending&limit=2',
    });
    await expectAnswer('listTickets', 400, { ...(r.listTickets as Req), query: 'limit=0' });
    await expectAnswer('getTicket', 200, r.getTicket as Req);
    await expectAnswer('getTicket', 404, { ...(r.getTicket as Req), params: { id: NOBODY } });
    await expectAnswer('updateTicket', 200, {
      ...(r.updateTicket as Req),
      body: { assignee: 'kate', priority: 'high' },
    });
    await expectAnswer('updateTicket', 400, { ...(r.updateTicket as Req), body: {} });
    await expectAnswer('updateTicket', 404, { ...(r.updateTicket as Req), params: { id: NOBODY } });
    await expectAnswer('listTicketMessages', 200, r.listTicketMessages as Req);
    await expectAnswer('listTicketMessages', 404, {
      ...(r.listTicketMessages as Req),
      params: { id: NOBODY },
    });
    await idempotentPost('createNote', 201, r.createNote as Req, { text: 'another note' });
    await expectAnswer('createNote', 404, { ...(r.createNote as Req), params: { id: NOBODY } });
    await expectAnswer('signalTyping', 204, r.signalTyping as Req);
    await expectAnswer('waitForTyping', 200, r.waitForTyping as Req);
    await expectAnswer('waitForTyping', 400, { ...(r.waitForTyping as Req), query: 'wait=99' });
    await expectAnswer('signalTyping', 204, { ...(r.signalTyping as Req), body: {} });
    await expectAnswer('signalTyping', 404, { ...(r.signalTyping as Req), params: { id: NOBODY } });
    await idempotentPost('createReply', 202, r.createReply as Req, { text: 'Another reply' });
    await expectAnswer('createReply', 404, { ...(r.createReply as Req), params: { id: NOBODY } });
    await expectAnswer('createReply', 409, { ...(r.createReply as Req), params: { id: ids.n } }); // no-recipient
    await expectAnswer('createReply', 409, { ...(r.createReply as Req), params: { id: ids.w } }); // no-reply-channel
    await expectAnswer('createReply', 409, { ...(r.createReply as Req), params: { id: ids.late } }); // reply-window-closed
    await idempotentPost('mergeTicket', 200, r.mergeTicket as Req, { intoTicketId: ids.b });
    await expectAnswer('createReply', 409, { ...(r.createReply as Req), params: { id: ids.a2 } }); // ticket-merged
    await expectAnswer('mergeTicket', 409, { ...(r.mergeTicket as Req), params: { id: ids.a } }); // into itself
    await expectAnswer('mergeTicket', 404, { ...(r.mergeTicket as Req), params: { id: NOBODY } });
  });

  it('customers', async () => {
    const r = base();
    await expectAnswer('listCustomers', 200, {
      ...(r.listCustomers as Req),
      query: 'identity=telegram:1001',
    });
    await expectAnswer('listCustomers', 400, { ...(r.listCustomers as Req), query: 'identity=pigeon:1' });
    await expectAnswer('getCustomer', 200, r.getCustomer as Req);
    await expectAnswer('getCustomer', 404, { ...(r.getCustomer as Req), params: { id: NOBODY } });
    await expectAnswer('listCustomerTimeline', 200, r.listCustomerTimeline as Req);
    await expectAnswer('listCustomerTimeline', 404, {
      ...(r.listCustomerTimeline as Req),
      params: { id: NOBODY },
    });

    await idempotentPost('mergeCustomer', 200, r.mergeCustomer as Req, { customerId: ids.bob });
    await expectAnswer('mergeCustomer', 409, r.mergeCustomer as Req); // eve was merged away already
    await expectAnswer('mergeCustomer', 404, { ...(r.mergeCustomer as Req), body: { customerId: NOBODY } });
    await expectAnswer('mergeCustomer', 422, { ...(r.mergeCustomer as Req), body: { customerId: ids.fay } });
    const merges = await expectAnswer('listCustomerMerges', 200, r.listCustomerMerges as Req);
    await expectAnswer('listCustomerMerges', 404, {
      ...(r.listCustomerMerges as Req),
      params: { id: NOBODY },
    });
    const mergeId = (JSON.parse(merges.body) as { merges: Array<{ id: string }> }).merges[0]?.id as string;
    await idempotentPost(
      'unmergeCustomer',
      200,
      { ...(r.unmergeCustomer as Req), body: { mergeId } },
      { mergeId: NOBODY },
    );
    await expectAnswer('unmergeCustomer', 409, { ...(r.unmergeCustomer as Req), body: { mergeId } }); // undone already
    await expectAnswer('unmergeCustomer', 404, r.unmergeCustomer as Req);
    // gus took hal, then ivy took gus: undoing the first is superseded by the second.
    await expectAnswer('mergeCustomer', 200, {
      ...(r.mergeCustomer as Req),
      params: { id: ids.gus },
      body: { customerId: ids.hal },
    });
    const first = JSON.parse(
      (
        await expectAnswer('listCustomerMerges', 200, {
          ...(r.listCustomerMerges as Req),
          params: { id: ids.gus },
        })
      ).body,
    ).merges[0].id as string;
    await expectAnswer('mergeCustomer', 200, {
      ...(r.mergeCustomer as Req),
      params: { id: ids.ivy },
      body: { customerId: ids.gus },
    });
    await expectAnswer('unmergeCustomer', 409, {
      ...(r.unmergeCustomer as Req),
      params: { id: ids.gus },
      body: { mergeId: first },
    });

    const linked = await idempotentPost('addCustomerIdentity', 201, r.addCustomerIdentity as Req, {
      kind: 'phone',
      value: '+7 912 000-00-00',
    });
    await expectAnswer('addCustomerIdentity', 404, {
      ...(r.addCustomerIdentity as Req),
      params: { id: NOBODY },
    });
    await expectAnswer('addCustomerIdentity', 409, {
      ...(r.addCustomerIdentity as Req),
      params: { id: ids.bob },
      body: { kind: 'email', value: 'ann@example.com' },
    });
    const phone = (linked as { identities: Array<{ id: string; kind: string }> }).identities.find(
      (i) => i.kind === 'phone',
    );
    await expectAnswer('removeCustomerIdentity', 204, {
      ...(r.removeCustomerIdentity as Req),
      params: { id: ids.ann, identityId: phone?.id as string },
    });
    await expectAnswer('removeCustomerIdentity', 404, r.removeCustomerIdentity as Req);
  });

  it('attachments, events, webhooks', async () => {
    const r = base();
    const file = await expectAnswer('downloadAttachment', 200, r.downloadAttachment as Req);
    expect(file.body).toBe('0123456789');
    const part = await expectAnswer('downloadAttachment', 206, {
      ...(r.downloadAttachment as Req),
      headers: { range: 'bytes=2-5' },
    });
    expect(part.body).toBe('2345');
    await expectAnswer('downloadAttachment', 416, {
      ...(r.downloadAttachment as Req),
      headers: { range: 'bytes=50-60' },
    });
    await expectAnswer('downloadAttachment', 404, {
      ...(r.downloadAttachment as Req),
      params: { id: NOBODY },
    });
    await expectAnswer('listEvents', 200, { ...(r.listEvents as Req), query: 'limit=5' });
    await expectAnswer('listEvents', 400, { ...(r.listEvents as Req), query: 'type=ticket.exploded' });

    const hook = await idempotentPost('createWebhook', 201, r.createWebhook as Req, {
      url: 'http://127.0.0.1:9/other',
      events: ['ticket.updated'],
    });
    await expectAnswer('listWebhooks', 200, r.listWebhooks as Req);
    await expectAnswer('listWebhooks', 400, { ...(r.listWebhooks as Req), query: 'cursor=not-ours' });
    await expectAnswer('listWebhookDeliveries', 200, {
      ...(r.listWebhookDeliveries as Req),
      params: { id: hook.id },
    });
    await expectAnswer('listWebhookDeliveries', 404, r.listWebhookDeliveries as Req);
    await expectAnswer('getWebhook', 200, { ...(r.getWebhook as Req), params: { id: hook.id } });
    await expectAnswer('getWebhook', 404, r.getWebhook as Req);
    await idempotentPost(
      'rotateWebhookSecret',
      200,
      { ...(r.rotateWebhookSecret as Req), params: { id: hook.id } },
      { gracePeriodSeconds: 0 },
    );
    await expectAnswer('rotateWebhookSecret', 404, r.rotateWebhookSecret as Req);
    await expectAnswer('deleteWebhook', 204, { ...(r.deleteWebhook as Req), params: { id: hook.id } });
    await expectAnswer('deleteWebhook', 404, r.deleteWebhook as Req);
  });

  it('privacy', async () => {
    const r = base();
    const exported = await expectAnswer('exportCustomer', 200, r.exportCustomer as Req);
    expect(JSON.parse(exported.body).customer.id).toBe(ids.ann);
    await expectAnswer('exportCustomer', 404, { ...(r.exportCustomer as Req), params: { id: NOBODY } });
    const gone = await seedCustomer(h.pool, 'To Be Erased', [{ kind: 'vk', value: 'erase-me-1' }]);
    await expectAnswer('eraseCustomer', 204, { ...(r.eraseCustomer as Req), params: { id: gone } });
    await expectAnswer('eraseCustomer', 204, { ...(r.eraseCustomer as Req), params: { id: gone } });
    await expectAnswer('eraseCustomer', 404, r.eraseCustomer as Req);
  });

  it('the problems every operation can answer: auth, input, size, media type, rate, outages', async () => {
    const limited = await startApi(h.pool, h.log, { api: { rateLimitPerMinute: 1 } });
    extra.push({ app: limited.app, close: () => limited.stop() });
    const down = await bareApi('postgres://contract@127.0.0.1:1/nowhere');
    const broken = new URL(h.databaseUrl);
    broken.searchParams.set('options', '-c search_path=nowhere');
    const internal = await bareApi(broken.toString());

    for (const [operationId, r] of Object.entries(base())) {
      await expectAnswer(operationId, 401, r, { key: null });
      await expectAnswer(operationId, 403, r, { key: noScopeKey });
      await expectAnswer(operationId, 503, r, { app: down.app, key: 'omni_any' });
      await expectAnswer(operationId, 500, r, { app: internal.app, key: 'omni_any' });
      // The limit is per key and minute: the second request of a fresh key is refused.
      const key = await limited.keyWith('admin');
      await send(limited.app, r, key);
      await expectAnswer(operationId, 429, r, { app: limited.app, key });
      const firstParam = Object.keys(r.params ?? {})[0];
      if (firstParam) {
        await expectAnswer(operationId, 400, { ...r, params: { ...r.params, [firstParam]: 'not-a-uuid' } });
        await expectAnswer(operationId, 414, {
          ...r,
          params: { ...r.params, [firstParam]: 'x'.repeat(120) },
        });
      }
      if (r.body !== undefined) {
        await expectAnswer(operationId, 400, r, { raw: { payload: '{"text":', type: 'application/json' } });
        await expectAnswer(operationId, 400, { ...r, body: { unexpected: true } });
        await expectAnswer(operationId, 413, r, {
          raw: { payload: JSON.stringify({ text: 'x'.repeat(1_100_000) }), type: 'application/json' },
        });
        await expectAnswer(operationId, 415, r, { raw: { payload: '<reply/>', type: 'application/xml' } });
        // A POST that takes an Idempotency-Key (typing, being fleeting, takes none).
        if (r.method === 'POST' && checker.takesHeader(operationId, 'idempotency-key'))
          await expectAnswer(operationId, 400, { ...r, headers: { 'idempotency-key': 'k'.repeat(300) } });
      }
    }
  });

  it('covered every documented status and problem type of every operation', () => {
    expect(checker.documented().filter((d) => !checker.seen.has(d))).toEqual([]);
    expect(checker.documented().length).toBeGreaterThan(200);
  });

  it('the check itself refuses what the document does not say', () => {
    const headers = {
      'content-type': 'application/json',
      'x-request-id': 'r',
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '60',
    };
    const errors = (status: number, body: string, h: Record<string, string> = headers) =>
      checker.check('getTicket', { statusCode: status, headers: h, body }).join('\n');
    expect(errors(200, JSON.stringify({ id: 'x' }))).toMatch(/body.*required property 'number'/);
    expect(errors(418, '{}')).toMatch(/status not documented/);
    expect(errors(200, '{}', { ...headers, 'content-type': 'text/html' })).toMatch(/content type text\/html/);
    expect(
      errors(404, JSON.stringify({ type: 'urn:omni:problem:merge-undone', title: 't', status: 404 })),
    ).toMatch(/content type application\/json not documented/);
    expect(
      errors(404, JSON.stringify({ type: 'urn:omni:problem:merge-undone', title: 't', status: 404 }), {
        ...headers,
        'content-type': 'application/problem+json',
      }),
    ).toMatch(/problem type urn:omni:problem:merge-undone not documented/);
    const { 'x-request-id': _, ...noId } = headers;
    expect(errors(200, '{}', noId)).toMatch(/header X-Request-Id missing/);
  });
});
