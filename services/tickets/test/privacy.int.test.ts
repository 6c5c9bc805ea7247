import { InboundMessage, type InboundMessageInput, messageId } from '@omni/contracts';
import { recordCsatAnswer } from '@omni/customers';
import { PgBlobStore, type Pool, withTransaction } from '@omni/db';
import { type Harness, startHarness } from '@omni/testkit';
import { threadBatch } from '@omni/threading';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';

/*
 * Data-subject rights end to end: real threading stores a person's messages (two channels,
 * a merge, files, raw mail), the API adds a reply, events reach a full webhook subscription;
 * then the person is exported and erased, and every text, jsonb and bytea column of every
 * table is searched for their name, address and phone.
 */

const NAME = 'Zinaida Privacyova';
const EMAIL = 'zinaida.privacy@example.org';
const PHONE = '79161234567';
const TELEGRAM_ID = '771177117';
const NEEDLES = ['Privacyova', EMAIL, PHONE, TELEGRAM_ID];
const OTHER = 'Boris Keepmeov';
const SETTINGS = { reopenWindowDays: 7, defaultPhoneRegion: 'RU' };

let h: Harness;
let api: ApiFixture;
let blobs: PgBlobStore;
let counter = 0;

beforeAll(async () => {
  h = await startHarness('tickets-privacy');
  blobs = new PgBlobStore(h.pool);
  api = await startApi(h.pool, h.log, { blobs });
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

function inbound(
  spec: Partial<InboundMessageInput> &
    Pick<InboundMessageInput, 'channel' | 'sender' | 'identities' | 'content'>,
) {
  const externalId = `ext-${++counter}`;
  const at = spec.receivedAt ?? new Date().toISOString();
  return InboundMessage.parse({
    version: 1,
    id: messageId(spec.channel, 'main', externalId),
    account: 'main',
    externalId,
    sentAt: at,
    receivedAt: at,
    ...spec,
  } satisfies InboundMessageInput);
}

const thread = (pool: Pool, messages: InboundMessage[]) =>
  withTransaction(pool, (client) => threadBatch(client, messages, SETTINGS, new Date()));

const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown, key = api.adminKey) =>
  api.app.inject({ method, url, headers: bearer(key), ...(payload ? { payload } : {}) });

/** Every (table, column) of a text, character, json, jsonb, array or bytea column holding one of the needles. */
async function findEverywhere(pool: Pool, needles: string[]): Promise<string[]> {
  const { rows: columns } = await pool.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'bytea', 'ARRAY')`,
  );
  expect(columns.length).toBeGreaterThan(20);
  const hits: string[] = [];
  for (const c of columns) {
    const col = `"${c.column_name}"`;
    const asText =
      c.data_type === 'bytea'
        ? `encode(${col}, 'escape')`
        : c.data_type === 'ARRAY'
          ? `array_to_string(${col}::text[], ' ')`
          : `${col}::text`;
    for (const needle of needles) {
      const { rows } = await pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${c.table_name}" WHERE strpos(lower(${asText}), lower($1)) > 0`,
        [needle],
      );
      if ((rows[0]?.n ?? 0) > 0) hits.push(`${c.table_name}.${c.column_name} ∋ ${needle}`);
    }
  }
  return hits;
}

it('exports everything held about a person, then erases it from every table, API route and feed', async () => {
  // A file both people sent (must survive for the other one), one only she sent, and her raw mail.
  const shared = await blobs.put(Buffer.from('%PDF shared price list'));
  const own = await blobs.put(Buffer.from(`passport scan of ${NAME}`));
  const raw = await blobs.put(Buffer.from(`From: ${NAME} <${EMAIL}>\r\n\r\nCall me at +${PHONE}`));
  const file = (b: { id: string; sha256: string; size: number }, name: string) => ({
    blobId: b.id,
    sha256: b.sha256,
    size: b.size,
    name,
    mimeType: 'application/pdf',
  });

  // A webhook receiver that wants everything in full.
  const hook = await call('POST', '/v1/webhooks', {
    url: 'http://127.0.0.1:9/hooks',
    events: ['ticket.created', 'message.created', 'customer.created', 'customer.merged', 'customer.erased'],
    payload: 'full',
  });
  expect(hook.statusCode).toBe(201);
  await thread(h.pool, [
    inbound({
      channel: 'telegram',
      sender: { externalId: TELEGRAM_ID, displayName: NAME, username: 'zina_privacy' },
      identities: [{ kind: 'telegram', value: TELEGRAM_ID, verified: true }],
      content: { kind: 'text', text: `Hello, I am ${NAME}, my phone is +${PHONE}` },
    }),
    inbound({
      channel: 'email',
      sender: { externalId: EMAIL, displayName: NAME, email: EMAIL },
      identities: [
        { kind: 'email', value: EMAIL, verified: true },
        { kind: 'phone', value: `+${PHONE}`, verified: false },
      ],
      thread: { subject: `Order of ${NAME}`, messageId: `<order-1@example.org>` },
      content: {
        kind: 'text',
        text: `Write to ${EMAIL}`,
        html: `<p>Write to ${EMAIL}</p>`,
        attachments: [file(shared, 'prices.pdf'), file(own, `passport-${NAME}.pdf`)],
      },
      rawRef: raw.id,
    }),
    inbound({
      channel: 'telegram',
      sender: { externalId: '5005', displayName: OTHER },
      identities: [{ kind: 'telegram', value: '5005', verified: true }],
      content: { kind: 'text', text: 'Boris here', attachments: [file(shared, 'prices.pdf')] },
    }),
  ]);
  const { rows: found } = await h.pool.query<{ customer_id: string; kind: string }>(
    `SELECT customer_id, kind FROM identities WHERE value IN ($1, $2)`,
    [TELEGRAM_ID, EMAIL],
  );
  const telegramCustomer = found.find((r) => r.kind === 'telegram')?.customer_id as string;
  const emailCustomer = found.find((r) => r.kind === 'email')?.customer_id as string;
  expect(telegramCustomer).not.toBe(emailCustomer);

  // A person merges her two customers; an agent replies (queued in the outbox) addressing her by name.
  const merged = await api.app.inject({
    method: 'POST',
    url: `/v1/customers/${telegramCustomer}/merge`,
    headers: { ...bearer(api.adminKey), 'idempotency-key': 'merge-zina' },
    payload: { customerId: emailCustomer },
  });
  expect(merged.statusCode).toBe(200);
  const tickets = (await call('GET', `/v1/tickets?customerId=${telegramCustomer}`)).json().data as Array<{
    id: string;
    channels: string[];
    messageCount: number;
  }>;
  expect(tickets).toHaveLength(2);
  const telegramTicket = tickets.find((t) => t.channels.includes('telegram')) as { id: string };
  const reply = await api.app.inject({
    method: 'POST',
    url: `/v1/tickets/${telegramTicket.id}/replies`,
    headers: { ...bearer(api.adminKey), 'idempotency-key': 'reply-zina' },
    payload: { text: `Dear ${NAME}, we will call +${PHONE}`, author: 'kate' },
  });
  expect(reply.statusCode).toBe(202);
  const worker = new WebhookWorker({ pool: h.pool, log: h.log });
  await worker.dispatch();
  const subscription = hook.json().id as string;
  const { rows: fullDeliveries } = await h.pool.query(
    `SELECT 1 FROM webhook_deliveries WHERE strpos(payload::text, $1) > 0`,
    [NAME],
  );
  expect(fullDeliveries.length).toBeGreaterThan(0);

  // The export: only with the privacy scope; every message of both merged customers.
  const privacyKey = await api.keyWith('privacy');
  const readKey = await api.keyWith('customers:read', 'customers:write', 'tickets:read', 'tickets:write');
  expect((await call('GET', `/v1/customers/${emailCustomer}/export`, undefined, readKey)).statusCode).toBe(
    403,
  );
  const exported = await call('GET', `/v1/customers/${emailCustomer}/export`, undefined, privacyKey);
  expect(exported.statusCode).toBe(200);
  const doc = exported.json();
  const { rows: allMessages } = await h.pool.query<{ id: string }>(
    'SELECT id FROM messages WHERE ticket_id = ANY($1::uuid[])',
    [tickets.map((t) => t.id)],
  );
  expect(allMessages).toHaveLength(3);
  expect(doc.customer).toMatchObject({ id: telegramCustomer, displayName: NAME });
  expect(doc.mergedCustomerIds).toEqual([emailCustomer]);
  expect(doc.customer.identities.map((i: { kind: string }) => i.kind).sort()).toEqual([
    'email',
    'phone',
    'telegram',
  ]);
  expect(doc.tickets.map((t: { id: string }) => t.id).sort()).toEqual(tickets.map((t) => t.id).sort());
  expect(doc.messages.map((m: { id: string }) => m.id).sort()).toEqual(allMessages.map((m) => m.id).sort());
  const attachments = doc.messages.flatMap((m: { attachments: unknown[] }) => m.attachments);
  expect(attachments).toHaveLength(2);
  for (const a of attachments) {
    const download = await call('GET', a.url, undefined, api.adminKey);
    expect(download.statusCode).toBe(200);
  }
  const ownAttachment = attachments.find((a: { name: string }) => a.name.includes('passport')) as {
    url: string;
  };
  const sharedAttachment = attachments.find((a: { name: string }) => a.name === 'prices.pdf') as {
    url: string;
  };

  // She also chatted on the site: the live chat's own transcript and pre-chat profile.
  await h.pool.query(
    `INSERT INTO identities (id, customer_id, kind, value, raw_value, verified)
     VALUES (gen_random_uuid(), $1, 'livechat', 'site:a-zina', 'a-zina', false)`,
    [telegramCustomer],
  );
  await h.pool.query(
    `INSERT INTO livechat_visitors (account, visitor, last_seq, profile) VALUES ('site', 'a-zina', 1, $1)`,
    [JSON.stringify({ name: NAME, email: EMAIL })],
  );
  await h.pool.query(
    `INSERT INTO livechat_entries (account, visitor, seq, message_id, direction, text, created_at)
     VALUES ('site', 'a-zina', 1, gen_random_uuid(), 'inbound', $1, now())`,
    [`Hello, I am ${NAME}`],
  );

  // She rated her Telegram ticket with a comment naming herself (the survey went to her Telegram id).
  await h.pool.query(
    `INSERT INTO csat_surveys (ticket_id, customer_id, state, scale, due_at, sent_at, expires_at, via_channel, via_account, recipient)
     VALUES ($1, $2, 'sent', 'five', now(), now(), now() + interval '1 day', 'telegram', 'main', $3)`,
    [telegramTicket.id, telegramCustomer, TELEGRAM_ID],
  );
  expect(
    await withTransaction(h.pool, (client) =>
      recordCsatAnswer(client, {
        ticketId: telegramTicket.id,
        score: 2,
        comment: `${NAME} here: call me at +${PHONE}`,
        channel: 'telegram',
        at: new Date(),
      }),
    ),
  ).toBe('recorded');

  // Scanning works: before the erasure her data is found in many places.
  expect((await findEverywhere(h.pool, NEEDLES)).length).toBeGreaterThan(10);

  const shellsBefore = await Promise.all(
    tickets.map(async (t) => (await call('GET', `/v1/tickets/${t.id}`)).json()),
  );

  // The erasure: privacy scope only; a merged-away id erases the whole family.
  expect((await call('DELETE', `/v1/customers/${emailCustomer}`, undefined, readKey)).statusCode).toBe(403);
  const erased = await call('DELETE', `/v1/customers/${emailCustomer}`, undefined, privacyKey);
  expect(erased.statusCode).toBe(204);

  expect(await findEverywhere(h.pool, NEEDLES)).toEqual([]);
  // …while the other person's data (and the file they share) is all there.
  expect((await findEverywhere(h.pool, ['Keepmeov'])).length).toBeGreaterThan(0);
  expect((await call('GET', sharedAttachment.url)).statusCode).toBe(404);
  const { rows: borisFile } = await h.pool.query<{ id: string }>(
    'SELECT id FROM attachments WHERE blob_id = $1',
    [shared.id],
  );
  expect(borisFile).toHaveLength(1);
  expect((await call('GET', `/v1/attachments/${borisFile[0]?.id}`)).payload).toBe('%PDF shared price list');
  const { rows: gone } = await h.pool.query('SELECT id FROM blobs WHERE id = ANY($1::uuid[])', [
    [own.id, raw.id],
  ]);
  expect(gone).toEqual([]);

  // No API route answers with her data.
  for (const id of [telegramCustomer, emailCustomer]) {
    expect((await call('GET', `/v1/customers/${id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/customers/${id}/timeline`)).statusCode).toBe(404);
    expect((await call('GET', `/v1/customers/${id}/export`, undefined, privacyKey)).statusCode).toBe(404);
  }
  expect((await call('GET', ownAttachment.url)).statusCode).toBe(404);
  const surfaces = [
    '/v1/customers?limit=100',
    `/v1/customers?q=Privacyova`,
    `/v1/customers?email=${EMAIL}`,
    `/v1/tickets?limit=100`,
    `/v1/tickets?q=Privacyova`,
    `/v1/tickets?q=${PHONE}`,
    `/v1/events?limit=100`,
    `/v1/webhooks/${subscription}/deliveries?limit=100`,
    ...tickets.flatMap((t) => [`/v1/tickets/${t.id}`, `/v1/tickets/${t.id}/messages`]),
  ];
  for (const url of surfaces) {
    const res = await call('GET', url);
    expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    for (const needle of NEEDLES)
      expect({ url, found: res.payload.includes(needle) }).toEqual({ url, found: false });
  }
  expect((await call('GET', '/v1/customers?q=Privacyova')).json().data).toEqual([]);
  expect((await call('GET', '/v1/tickets?q=Privacyova')).json().data).toEqual([]);

  // The tickets stay as anonymous shells: the statistics keep their counts and times.
  for (const before of shellsBefore) {
    const shell = (await call('GET', `/v1/tickets/${before.id}`)).json();
    const { subject, updatedAt, csat, ...kept } = before;
    expect(shell).toMatchObject({ ...kept, subject: null });
    // Her rating counts on (score, channel, time): only the comment, her words, is gone.
    expect(shell.csat).toEqual(csat ? { ...csat, comment: null } : null);
  }
  const rated = shellsBefore.find((t) => t.id === telegramTicket.id);
  expect(rated?.csat).toMatchObject({ score: 2, comment: expect.stringContaining(NAME) });
  const { rows: survey } = await h.pool.query('SELECT recipient FROM csat_surveys WHERE ticket_id = $1', [
    telegramTicket.id,
  ]);
  expect(survey).toEqual([{ recipient: null }]);

  // customer.erased, ids only, on the feed and to the webhook.
  const events = (await call('GET', '/v1/events?limit=100')).json().data as Array<{
    type: string;
    data: Record<string, unknown>;
  }>;
  const erasedEvent = events.find((e) => e.type === 'customer.erased');
  expect(erasedEvent?.data).toEqual({
    customerId: telegramCustomer,
    customerIds: [telegramCustomer, emailCustomer].sort(),
    ticketIds: tickets.map((t) => t.id).sort(),
  });
  await worker.dispatch();
  const deliveries = (await call('GET', `/v1/webhooks/${subscription}/deliveries?limit=100`)).json()
    .data as Array<{
    eventType: string;
  }>;
  expect(deliveries.some((d) => d.eventType === 'customer.erased')).toBe(true);

  // The audit record: who and how much, nothing personal.
  const { rows: audit } = await h.pool.query(
    `SELECT customer_id, api_key_id, counts FROM privacy_audit WHERE action = 'erase'`,
  );
  expect(audit).toHaveLength(1);
  expect(audit[0].customer_id).toBe(telegramCustomer);
  expect(audit[0].api_key_id).toEqual(expect.any(String));
  expect(audit[0].counts).toMatchObject({
    customers: 2,
    identities: 4, // telegram, email, phone and the live chat visitor
    tickets: 2,
    messages: 3,
    attachments: 2,
    blobs: 2,
  });

  // Idempotent: again 204 and nothing new; an id that never existed 404.
  expect((await call('DELETE', `/v1/customers/${telegramCustomer}`, undefined, privacyKey)).statusCode).toBe(
    204,
  );
  const { rows: audits } = await h.pool.query(`SELECT 1 FROM privacy_audit WHERE action = 'erase'`);
  expect(audits).toHaveLength(1);
  expect(
    (await call('DELETE', '/v1/customers/00000000-0000-4000-8000-000000000000', undefined, privacyKey))
      .statusCode,
  ).toBe(404);

  // A record of hers received before the erasure (a replayed dead letter) is dropped; a
  // message she sends afterwards starts a new customer.
  const before = new Date(Date.now() - 60_000).toISOString();
  const replayed = await thread(h.pool, [
    inbound({
      channel: 'telegram',
      receivedAt: before,
      sender: { externalId: TELEGRAM_ID, displayName: NAME },
      identities: [{ kind: 'telegram', value: TELEGRAM_ID, verified: true }],
      content: { kind: 'text', text: 'an old message of hers' },
    }),
  ]);
  expect(replayed).toMatchObject({ stored: 0, erased: 1 });
  expect(await findEverywhere(h.pool, NEEDLES)).toEqual([]);
  const later = await thread(h.pool, [
    inbound({
      channel: 'telegram',
      sender: { externalId: TELEGRAM_ID, displayName: 'Zina again' },
      identities: [{ kind: 'telegram', value: TELEGRAM_ID, verified: true }],
      content: { kind: 'text', text: 'I am back' },
    }),
  ]);
  expect(later).toMatchObject({ stored: 1, erased: 0 });
  const back = (await call('GET', `/v1/customers?identity=telegram:${TELEGRAM_ID}`)).json().data;
  expect(back).toHaveLength(1);
  expect(back[0].id).not.toBe(telegramCustomer);
  expect(back[0].ticketCount).toBe(1);

  // An email naming an erased ticket's number (`[#1042]`) starts a ticket of its own.
  const token = await thread(h.pool, [
    inbound({
      channel: 'email',
      sender: { externalId: 'new.person@example.net', email: 'new.person@example.net' },
      identities: [{ kind: 'email', value: 'new.person@example.net', verified: true }],
      thread: { subject: 'about my old ticket', ticketToken: shellsBefore[0].number },
      content: { kind: 'text', text: 'what happened to it?' },
    }),
  ]);
  expect(token.stored).toBe(1);
  const { rows: landed } = await h.pool.query<{ ticket_id: string }>(
    `SELECT ticket_id FROM messages WHERE text = 'what happened to it?'`,
  );
  expect(tickets.map((t) => t.id)).not.toContain(landed[0]?.ticket_id);
});
