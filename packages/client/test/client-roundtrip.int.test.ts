import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InProcessBus } from '@omni/bus';
import { type InboundMessageInput, messageId } from '@omni/contracts';
import { PgBlobStore } from '@omni/db';
import { publishInbound } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { type ApiFixture, startApi } from '@omni/tickets/test/support/api-fixture';
import { createOmniClient, type OmniClient, verifyWebhook } from '../src';

let h: Harness;
let api: ApiFixture;
let omni: OmniClient;
let bus: InProcessBus;
let threading: { stop?(): Promise<void> };
const covered = new Set<string>();

function inbound(
  userId: string,
  externalId: string,
  extra: Partial<InboundMessageInput> = {},
): InboundMessageInput {
  return {
    version: 1,
    id: messageId('telegram', 'bot', externalId),
    channel: 'telegram',
    account: 'bot',
    externalId,
    sentAt: new Date().toISOString(),
    receivedAt: new Date().toISOString(),
    sender: { externalId: userId },
    thread: { externalChatId: userId },
    identities: [{ kind: 'telegram', value: userId, verified: true }],
    content: { kind: 'text', text: `question from ${userId}` },
    ...extra,
  };
}

beforeAll(async () => {
  h = await startHarness('client-api');
  bus = new InProcessBus(h.log);
  const module = buildThreadingService({
    pool: h.pool,
    bus,
    log: h.log,
    settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
  });
  await module.start?.();
  threading = module;
  api = await startApi(h.pool, h.log, { bus, listen: true, webhooks: { pollMs: 50 } });
  const { port } = api.app.server.address() as AddressInfo;
  omni = createOmniClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: api.adminKey });
  // Which documented route each call went to, to prove every route was exercised.
  omni.use({
    onRequest({ schemaPath, request }) {
      covered.add(`${request.method} ${schemaPath}`);
    },
  });
});
afterAll(async () => {
  await api?.stop();
  await threading?.stop?.();
  await bus?.close();
  await h?.close();
});

it('round-trips every route of the API through the generated client', async () => {
  // Two customers write in (one with a file) through the real pipeline.
  const blob = await new PgBlobStore(h.pool).put(Buffer.from('invoice 1042'));
  await publishInbound(bus, [
    inbound('1001', 'a-1', {
      content: {
        kind: 'file',
        text: 'the invoice',
        attachments: [
          {
            blobId: blob.id,
            name: 'invoice.txt',
            mimeType: 'text/plain',
            size: blob.size,
            sha256: blob.sha256,
          },
        ],
      },
    }),
    inbound('2002', 'b-1'),
  ]);

  // A receiver of webhooks that verifies each delivery with the client's helper.
  const received: string[] = [];
  let secret = '';
  const receiver: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const event = verifyWebhook(secret, Buffer.concat(chunks), req.headers);
      received.push(event.type);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = await omni.POST('/v1/webhooks', {
    body: {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      events: ['ticket.updated'],
    },
  });
  expect(hook.response.status).toBe(201);
  secret = hook.data?.secret as string;
  const hookId = hook.data?.id as string;
  // Rotated at once, with the default overlap: the receiver keeps the first secret and still
  // verifies the delivery below, which carries a signature with each.
  const rotated = await omni.POST('/v1/webhooks/{id}/rotate-secret', {
    params: { path: { id: hookId } },
    body: {},
  });
  expect(rotated.response.status).toBe(200);
  expect(rotated.data?.secret).not.toBe(secret);
  const shown = await omni.GET('/v1/webhooks/{id}', { params: { path: { id: hookId } } });
  expect(shown.data?.previousSecretExpiresAt).toBe(rotated.data?.previousSecretExpiresAt);
  expect(shown.data?.previousSecretExpiresAt).not.toBeNull();

  const open = await omni.GET('/v1/tickets', { params: { query: { status: 'open' } } });
  expect(open.error).toBeUndefined();
  expect(open.data?.data).toHaveLength(2);
  // Anna's ticket is the one with her file.
  const withMessages = await Promise.all(
    (open.data?.data ?? []).map(async (t) => ({
      t,
      m: await omni.GET('/v1/tickets/{id}/messages', { params: { path: { id: t.id } } }),
    })),
  );
  const annaTicket = withMessages.find(({ m }) => JSON.stringify(m.data).includes('invoice.txt'))?.t as {
    id: string;
    number: number;
  };

  const byNumber = await omni.GET('/v1/tickets', { params: { query: { number: annaTicket.number } } });
  expect(byNumber.data?.data.map((t) => t.id)).toEqual([annaTicket.id]);
  const ticket = await omni.GET('/v1/tickets/{id}', { params: { path: { id: annaTicket.id } } });
  expect(ticket.data?.id).toBe(annaTicket.id);

  const messages = await omni.GET('/v1/tickets/{id}/messages', { params: { path: { id: annaTicket.id } } });
  expect(messages.data?.data.length).toBeGreaterThan(0);
  const annaCustomerId = ticket.data?.customerId as string;
  const otherTicket = open.data?.data.find((t) => t.id !== annaTicket.id) as {
    id: string;
    customerId: string;
  };

  const patched = await omni.PATCH('/v1/tickets/{id}', {
    params: { path: { id: annaTicket.id } },
    body: { status: 'pending', tags: ['billing'] },
  });
  expect(patched.data).toMatchObject({ status: 'pending', tags: ['billing'] });
  const reply = await omni.POST('/v1/tickets/{id}/replies', {
    params: { path: { id: annaTicket.id } },
    body: { text: 'We are on it', author: 'Olga' },
  });
  expect(reply.response.status).toBeLessThan(300);
  const note = await omni.POST('/v1/tickets/{id}/notes', {
    params: { path: { id: annaTicket.id } },
    body: { text: 'VIP customer' },
  });
  expect(note.response.status).toBeLessThan(300);
  const typing = await omni.POST('/v1/tickets/{id}/typing', {
    params: { path: { id: annaTicket.id } },
    body: { author: 'Olga' },
  });
  expect(typing.response.status).toBe(204);

  // The file the customer sent, byte for byte.
  const all = await omni.GET('/v1/tickets/{id}/messages', { params: { path: { id: annaTicket.id } } });
  const attachmentId = JSON.stringify(all.data).match(/"id":"([0-9a-f-]{36})","name":"invoice.txt"/)?.[1];
  expect(attachmentId).toBeDefined();
  const file = await omni.GET('/v1/attachments/{id}', {
    params: { path: { id: attachmentId as string } },
    parseAs: 'text',
  });
  expect(file.data).toBe('invoice 1042');

  const customers = await omni.GET('/v1/customers', {});
  expect(customers.data?.data.length).toBe(2);
  const customer = await omni.GET('/v1/customers/{id}', { params: { path: { id: annaCustomerId } } });
  expect(customer.data?.id).toBe(annaCustomerId);
  const timeline = await omni.GET('/v1/customers/{id}/timeline', {
    params: { path: { id: annaCustomerId } },
  });
  expect(timeline.data?.data.length).toBeGreaterThan(0);
  const identity = await omni.POST('/v1/customers/{id}/identities', {
    params: { path: { id: annaCustomerId } },
    body: { kind: 'phone', value: '+7 912 345-67-89' },
  });
  expect(identity.response.status).toBeLessThan(300);
  const identityId = JSON.stringify(identity.data).match(/"id":"([0-9a-f-]{36})","kind":"phone"/)?.[1];
  const removed = await omni.DELETE('/v1/customers/{id}/identities/{identityId}', {
    params: { path: { id: annaCustomerId, identityId: identityId as string } },
  });
  expect(removed.response.status).toBeLessThan(300);

  const merged = await omni.POST('/v1/customers/{id}/merge', {
    params: { path: { id: annaCustomerId } },
    body: { customerId: otherTicket.customerId },
  });
  expect(merged.response.status).toBeLessThan(300);
  // Merged customers: their tickets may now be merged too.
  const ticketMerge = await omni.POST('/v1/tickets/{id}/merge', {
    params: { path: { id: otherTicket.id } },
    body: { intoTicketId: annaTicket.id },
  });
  expect(ticketMerge.response.status).toBeLessThan(300);
  const merges = await omni.GET('/v1/customers/{id}/merges', { params: { path: { id: annaCustomerId } } });
  const mergeId = merges.data?.merges[0]?.id as string;
  expect(mergeId).toBeDefined();
  const unmerged = await omni.POST('/v1/customers/{id}/unmerge', {
    params: { path: { id: annaCustomerId } },
    body: { mergeId },
  });
  expect(unmerged.response.status).toBeLessThan(300);

  const events = await omni.GET('/v1/events', {});
  expect(events.data?.data.some((e) => e.type === 'ticket.updated')).toBe(true);

  // Nobody is typing in this ticket: a poll that does not wait answers an empty list.
  const typingNow = await omni.GET('/v1/typing', { params: { query: { ticketId: annaTicket.id, wait: 0 } } });
  expect(typingNow.response.status).toBe(200);
  expect(typingNow.data?.data).toEqual([]);

  // The PATCH above was delivered to the receiver, signed, and is listed as delivered.
  await waitFor(() => received.includes('ticket.updated'), { description: 'a verified webhook delivery' });
  const hooks = await omni.GET('/v1/webhooks', {});
  expect(hooks.data?.data.map((w) => w.id)).toContain(hookId);
  const deliveries = await omni.GET('/v1/webhooks/{id}/deliveries', { params: { path: { id: hookId } } });
  expect(deliveries.data?.data.length).toBeGreaterThan(0);
  // A data-subject request: everything about the customer, then their erasure.
  const exported = await omni.GET('/v1/customers/{id}/export', { params: { path: { id: annaCustomerId } } });
  expect(exported.data?.customer.id).toBe(annaCustomerId);
  expect(exported.data?.messages.length).toBeGreaterThan(0);
  const erased = await omni.DELETE('/v1/customers/{id}', { params: { path: { id: annaCustomerId } } });
  expect(erased.response.status).toBe(204);
  const gone = await omni.GET('/v1/customers/{id}', { params: { path: { id: annaCustomerId } } });
  expect(gone.response.status).toBe(404);

  const deleted = await omni.DELETE('/v1/webhooks/{id}', { params: { path: { id: hookId } } });
  expect(deleted.response.status).toBeLessThan(300);
  await new Promise<void>((r) => receiver.close(() => r()));

  // Every route the API documents was called through its typed path (the old by-number path is served, not documented).
  const registered = [...api.routes]
    .filter((r) => r !== 'GET /v1/tickets/by-number/:number')
    .map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}'))
    .sort();
  expect([...covered].sort()).toEqual(registered);
});
