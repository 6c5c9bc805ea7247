import type { OutboundMessage } from '@omni/contracts';
import { PlatformError, startOutboundConsumer } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedTicket } from './support/seed';

// The reply path through real Kafka: API → outbox → relay → omni.outbound.telegram.v1 →
// a fake adapter (the service-kit outbound consumer with a recording "platform") →
// omni.delivery.v1 → the ticket service's delivery consumer → the message's status.
let h: Harness;
let api: ApiFixture;
const sent: OutboundMessage[] = [];

beforeAll(async () => {
  h = await startHarness('tickets-reply');
  api = await startApi(h.pool, h.log, { bus: await h.kafkaBus() });
  await startOutboundConsumer({
    bus: await h.kafkaBus(),
    channel: 'telegram',
    log: h.log,
    groupId: 'fake-telegram-adapter',
    send: async (message) => {
      if (message.content.text.includes('blocked')) {
        throw new PlatformError('403', 'Forbidden: bot was blocked by the user', { retriable: false });
      }
      sent.push(message);
      return { externalId: `tg-${sent.length}` };
    },
  });
});
afterAll(async () => {
  await api?.stop();
  await h?.close();
});

async function messageOf(ticketId: string, id: string) {
  const res = await api.app.inject({
    method: 'GET',
    url: `/v1/tickets/${ticketId}/messages`,
    headers: bearer(api.adminKey),
  });
  return (
    res.json().data as Array<{
      id: string;
      deliveryStatus: string;
      deliveryError: unknown;
      externalId: string | null;
    }>
  ).find((m) => m.id === id);
}

it('delivers a reply once however often it is retried, and reports sent or failed', async () => {
  const customer = await seedCustomer(h.pool, 'Tanya', [{ kind: 'telegram', value: '777' }]);
  const ticket = await seedTicket(h.pool, { customerId: customer, subject: 'Hello' });
  await seedMessage(h.pool, {
    ticketId: ticket.id,
    customerId: customer,
    text: 'hi',
    senderId: '777',
    chatId: '777',
  });
  const reply = (text: string, key: string) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/tickets/${ticket.id}/replies`,
      headers: { ...bearer(api.adminKey), 'idempotency-key': key },
      payload: { text },
    });

  const first = await reply('Your order ships today', 'k-1');
  const retried = await reply('Your order ships today', 'k-1');
  expect(first.statusCode).toBe(202);
  expect(first.json().deliveryStatus).toBe('queued');
  expect(retried.json().id).toBe(first.json().id);
  const failing = await reply('you are blocked', 'k-2');

  await waitFor(async () => (await messageOf(ticket.id, first.json().id))?.deliveryStatus === 'sent', {
    timeoutMs: 30_000,
  });
  await waitFor(async () => (await messageOf(ticket.id, failing.json().id))?.deliveryStatus === 'failed', {
    timeoutMs: 30_000,
  });

  expect(await messageOf(ticket.id, first.json().id)).toMatchObject({ externalId: 'tg-1' });
  expect(await messageOf(ticket.id, failing.json().id)).toMatchObject({
    deliveryError: { code: '403', message: 'Forbidden: bot was blocked by the user' },
  });
  expect(sent.map((m) => m.content.text)).toEqual(['Your order ships today']);
  expect(sent[0]).toMatchObject({
    ticketId: ticket.id,
    recipient: { externalId: '777', externalChatId: '777' },
    account: 'main',
  });
  const { rows } = await h.pool.query(
    `SELECT data->>'deliveryStatus' AS s FROM events WHERE type = 'message.delivery_updated' ORDER BY seq`,
  );
  expect(rows.map((r) => r.s).sort()).toEqual(['failed', 'sent']);
});
