import { randomUUID } from 'node:crypto';
import { type DeliveryReport, type OutboundMessage, platformErrorCode } from '@omni/contracts';
import { PlatformError, startOutboundConsumer } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { applyDeliveryBatch } from '../src/delivery.consumer';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedMessage, seedOutbound, seedTicket } from './support/seed';

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
        throw new PlatformError(platformErrorCode('403'), 'Forbidden: bot was blocked by the user', {
          retriable: false,
        });
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

describe('receipts that cannot name our message id (another adapter replica, a restart)', () => {
  const apply = (r: Partial<DeliveryReport>) =>
    applyDeliveryBatch(
      h.pool,
      [
        {
          version: 1,
          messageId: randomUUID(), // the adapter's deterministic id: matches none of ours
          channel: 'facebook',
          account: 'page',
          status: 'read',
          occurredAt: new Date().toISOString(),
          ...r,
        },
      ],
      h.log,
    );
  const statusOf = async (id: string) =>
    (
      await h.pool.query<{ delivery_status: string; external_id: string | null }>(
        'SELECT delivery_status, external_id FROM messages WHERE id = $1',
        [id],
      )
    ).rows[0];
  const updates = async (id: string) =>
    (
      await h.pool.query<{ s: string }>(
        `SELECT data->>'deliveryStatus' AS s FROM events WHERE type = 'message.delivery_updated' AND data->>'messageId' = $1 ORDER BY seq`,
        [id],
      )
    ).rows.map((r) => r.s);

  it('matches by the platform id, and by a read watermark every earlier message to that customer', async () => {
    // Threading stores Facebook ids page-scoped: `<account>:<psid>`.
    const olga = await seedCustomer(h.pool, 'Olga', [{ kind: 'facebook', value: 'page:psid-olga' }]);
    const other = await seedCustomer(h.pool, 'Other', [{ kind: 'facebook', value: 'page:psid-other' }]);
    const t = await seedTicket(h.pool, { customerId: olga, channel: 'facebook', account: 'page' });
    const o = await seedTicket(h.pool, { customerId: other, channel: 'facebook', account: 'page' });
    const watermark = Date.parse('2026-03-02T10:00:00Z');
    const out = (
      sentAt: number,
      deliveryStatus: string,
      extra: { externalId?: string; account?: string } = {},
    ) =>
      seedOutbound(h.pool, {
        ticketId: t.id,
        customerId: olga,
        channel: 'facebook',
        account: extra.account ?? 'page',
        sentAt: new Date(sentAt),
        deliveryStatus,
        externalId: extra.externalId,
      });
    const byMid = await out(watermark - 60_000, 'sent', { externalId: 'mid-1' });
    const sent = await out(watermark - 30_000, 'sent');
    const queued = await out(watermark - 1_000, 'queued');
    const failed = await out(watermark - 20_000, 'failed');
    const later = await out(watermark + 1_000, 'sent');
    const otherPage = await out(watermark - 10_000, 'sent', { account: 'page-2' });
    const othersMessage = await seedOutbound(h.pool, {
      ticketId: o.id,
      customerId: other,
      channel: 'facebook',
      account: 'page',
      sentAt: new Date(watermark - 10_000),
    });

    // (a) a delivered receipt naming the mid the `sent` report stored
    expect(await apply({ status: 'delivered', externalId: 'mid-1', recipientExternalId: 'psid-olga' })).toBe(
      1,
    );
    expect(await statusOf(byMid)).toMatchObject({ delivery_status: 'delivered' });

    // (b) a read watermark: every message to Olga on this page up to it, never one that failed
    const read = {
      status: 'read' as const,
      watermark: new Date(watermark).toISOString(),
      recipientExternalId: 'psid-olga',
    };
    expect(await apply(read)).toBe(3);
    for (const id of [byMid, sent, queued]) expect((await statusOf(id))?.delivery_status).toBe('read');
    expect((await statusOf(failed))?.delivery_status).toBe('failed');
    expect((await statusOf(later))?.delivery_status).toBe('sent');
    expect((await statusOf(otherPage))?.delivery_status).toBe('sent');
    expect((await statusOf(othersMessage))?.delivery_status).toBe('sent');
    expect(await updates(byMid)).toEqual(['delivered', 'read']);
    expect(await updates(queued)).toEqual(['read']);

    // Redelivered, and an older receipt arriving late: nothing moves back, no event
    expect(await apply(read)).toBe(0);
    expect(await apply({ status: 'delivered', externalId: 'mid-1' })).toBe(0);
    expect(await updates(byMid)).toEqual(['delivered', 'read']);

    // The `sent` report of the message the watermark covered while still queued still brings its mid
    expect(
      await apply({
        messageId: queued,
        status: 'sent',
        externalId: 'mid-3',
        occurredAt: new Date().toISOString(),
      }),
    ).toBe(0);
    expect(await statusOf(queued)).toEqual({ delivery_status: 'read', external_id: 'mid-3' });
  });
});
