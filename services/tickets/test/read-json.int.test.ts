import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { type ApiFixture, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedOutbound, seedTicket } from './support/seed';

// The read routes send the JSON text PostgreSQL writes for each row (row_to_json) instead of
// parsing it and writing it again. Under jest every such answer must be, byte for byte, what
// JSON.stringify writes for its value (response-serializer.ts), so values PostgreSQL and V8
// could write differently are stored here and read through every route that lists them.

let h: Harness;
let api: ApiFixture;
let customer: string;
let ticket: { id: string; number: number };
let messageId: string;
let replyId: string;

/** Escapes, control characters, line separators, scripts and an emoji: every way text can be written. */
const HOSTILE = 'a "quoted" \\ back\nslash\ttab\r\u0001\u001f\u007f \u2028\u2029 Заказ 注文 😀 </script>';

beforeAll(async () => {
  h = await startHarness('tickets-read-json');
  api = await startApi(h.pool, h.log);
  customer = await seedCustomer(h.pool, HOSTILE);
  ticket = await seedTicket(h.pool, {
    customerId: customer,
    subject: HOSTILE,
    assignee: 'kate',
    topic: HOSTILE,
  });
  await h.pool.query(
    `UPDATE tickets SET tags = $2, csat = $3, first_response_due_at = '2026-03-02T10:00:00.123456Z',
       routing_rule = 'vip' WHERE id = $1`,
    [
      ticket.id,
      ['vip', HOSTILE],
      // Written in another key order than jsonb keeps, with a nested value.
      JSON.stringify({
        score: 5,
        scale: 'five',
        comment: HOSTILE,
        channel: 'telegram',
        at: '2026-03-02T12:40:00.000Z',
      }),
    ],
  );
  messageId = await seedMessage(h.pool, {
    ticketId: ticket.id,
    customerId: customer,
    text: HOSTILE,
    sentAt: new Date('2026-03-02T09:15:26.999Z'),
  });
  await h.pool.query(
    `UPDATE messages SET edited_at = '2026-03-02T09:16:00.000999Z', html = $2 WHERE id = $1`,
    [messageId, `<p>${HOSTILE}</p>`],
  );
  // Attachments out of position order, one stored (it gets a URL) and one skipped.
  const { rows } = await h.pool.query<{ id: string }>(
    `INSERT INTO blobs (id, sha256, size, data) VALUES (gen_random_uuid(), 'abc', 3, '\\x616263') RETURNING id`,
  );
  await h.pool.query(
    `INSERT INTO attachments (id, message_id, position, blob_id, name, mime_type, size, sha256, skipped)
     VALUES (gen_random_uuid(), $1, 1, NULL, 'second "b".bin', 'application/octet-stream', 9007199254740991, NULL, 'too-large'),
            (gen_random_uuid(), $1, 0, $2, $3, 'text/plain', 3, 'abc', NULL)`,
    [messageId, rows[0]?.id, HOSTILE],
  );
  replyId = await seedOutbound(h.pool, {
    ticketId: ticket.id,
    customerId: customer,
    sentAt: new Date('2026-03-02T09:20:00Z'),
    deliveryStatus: 'failed',
  });
  await h.pool.query(`UPDATE messages SET delivery_error = $2, author = $3 WHERE id = $1`, [
    replyId,
    JSON.stringify({ message: HOSTILE, code: 'blocked', retriable: false }),
    HOSTILE,
  ]);
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

const get = async (url: string) => {
  const res = await api.app.inject({
    method: 'GET',
    url,
    headers: { authorization: `Bearer ${api.adminKey}` },
  });
  expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
  // Compact, as JSON.stringify writes it (the serializer's check has run on the way out too).
  expect(res.body).toBe(JSON.stringify(JSON.parse(res.body)));
  return res.json() as Record<string, unknown> & { data: Array<Record<string, unknown>> };
};

it('lists and gets tickets with every kind of field written exactly as before', async () => {
  const pages = [
    await get('/v1/tickets'),
    await get(`/v1/tickets?number=${ticket.number}`),
    await get(`/v1/tickets?customerId=${customer}`),
    await get('/v1/tickets?updatedSince=2000-01-01T00:00:00Z'),
  ];
  for (const page of pages) {
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      id: ticket.id,
      subject: HOSTILE,
      topic: HOSTILE,
      tags: ['vip', HOSTILE],
      channels: ['telegram'],
      messageCount: 2,
      routingRule: 'vip',
      firstResponseDueAt: '2026-03-02T10:00:00.123Z',
      csat: {
        score: 5,
        scale: 'five',
        comment: HOSTILE,
        channel: 'telegram',
        at: '2026-03-02T12:40:00.000Z',
      },
    });
  }
  const one = await get(`/v1/tickets/${ticket.id}`);
  expect(one).toEqual(pages[0]?.data[0]);
});

it('lists a ticket’s messages and the customer’s timeline with attachments, senders and delivery errors', async () => {
  for (const page of [
    await get(`/v1/tickets/${ticket.id}/messages`),
    await get(`/v1/customers/${customer}/timeline`),
  ]) {
    expect(page.data.map((m) => m.id)).toEqual([messageId, replyId]);
    const [inbound, reply] = page.data;
    expect(inbound).toMatchObject({
      text: HOSTILE,
      html: `<p>${HOSTILE}</p>`,
      sentAt: '2026-03-02T09:15:26.999Z',
      editedAt: '2026-03-02T09:16:00.000Z',
      sender: { displayName: 'Customer', identity: 'telegram:1001' },
      deliveryError: null,
      author: null,
    });
    expect(inbound?.attachments).toEqual([
      expect.objectContaining({
        name: HOSTILE,
        size: 3,
        sha256: 'abc',
        url: expect.stringMatching(/^\/v1\/attachments\//),
        skipped: null,
      }),
      expect.objectContaining({
        name: 'second "b".bin',
        size: 9007199254740991,
        url: null,
        skipped: 'too-large',
      }),
    ]);
    expect(reply).toMatchObject({
      sender: { displayName: null, identity: null },
      attachments: [],
      deliveryStatus: 'failed',
      deliveryError: { code: 'blocked', message: HOSTILE },
      author: HOSTILE,
    });
  }
});

it('pages messages with a cursor, and tells an empty page of a ticket from no ticket', async () => {
  const first = await get(`/v1/tickets/${ticket.id}/messages?limit=1`);
  expect(first.data.map((m) => m.id)).toEqual([messageId]);
  const second = await get(`/v1/tickets/${ticket.id}/messages?limit=1&cursor=${first.nextCursor}`);
  expect(second).toMatchObject({ data: [{ id: replyId }], nextCursor: null });

  const empty = await seedTicket(h.pool, { customerId: customer });
  expect(await get(`/v1/tickets/${empty.id}/messages`)).toEqual({ data: [], nextCursor: null });
  const none = await api.app.inject({
    method: 'GET',
    url: `/v1/tickets/${randomUUID()}/messages`,
    headers: { authorization: `Bearer ${api.adminKey}` },
  });
  expect(none.statusCode).toBe(404);
});
