import { randomUUID } from 'node:crypto';
import type { Bus } from '@omni/bus';
import { type DomainEvent, OutboundMessage, outboundTopic, TOPICS } from '@omni/contracts';
import { replyChannelSettings } from '@omni/customers';
import { createPool, withTransaction } from '@omni/db';
import {
  createApiKey,
  createMetrics,
  parseOmniConfig,
  type RunningServices,
  runServices,
} from '@omni/service-kit';
import { type Harness, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { buildAutomationService } from '../src';
import { handleTicketsCreated } from '../src/ticket-intake';
import { seedTicket } from './seed';

/**
 * Acknowledgements through real Kafka: `ticket.created` on omni.events.v1 → one automatic
 * outbound message on omni.outbound.<channel>.v1 with the wait computed from business hours
 * and the active outage notice; none for auto-replies, bounces or a second message; the
 * per-customer daily limit; the announcements and stats API.
 */
describe('acknowledgements through Kafka', () => {
  let h: Harness;
  let bus: Bus;
  let running: RunningServices;
  let admin: string;
  let reader: string;
  const received: OutboundMessage[] = [];
  // Friday 23:00 in Moscow
  const now = new Date('2026-03-06T20:00:00Z');

  beforeAll(async () => {
    h = await startHarness('auto-ack');
    bus = await h.kafkaBus();
    const config = parseOmniConfig(
      `automation:
  calendars:
    default: { timeZone: Europe/Moscow }
  routing:
    rules:
      - { name: refunds, when: { keywords: [refund] }, set: { group: billing, priority: high, tags: [refund] } }
  acknowledgements:
    - channel: telegram
      account: main
      enabled: true
      maxPerCustomerPerDay: 2
      templates:
        en: "Thanks! We will answer {{wait}}. Ticket #{{ticketNumber}}."
        ru: "Спасибо! Ответим {{wait}}."
    - channel: email
      account: support
      enabled: true
      defaultLanguage: ru
      templates: { ru: "Ответим {{wait}}.", en: "We will answer {{wait}}." }
    - { channel: viber, account: main, templates: { en: "off by default" } }
`,
      {},
    ).automation;
    const metrics = createMetrics('auto-ack');
    // runServices ends its pool on stop; the harness ends its own.
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    running = await runServices({
      log: h.log,
      metrics,
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        buildAutomationService({
          pool,
          bus,
          log: h.log,
          config,
          metrics,
          groupId: uniqueName('auto'),
          now: () => now,
          scheduler: false,
        }),
      ],
    });
    for (const channel of ['telegram', 'email'] as const) {
      await bus.subscribe({
        groupId: uniqueName(`collect-${channel}`),
        topic: outboundTopic(channel),
        schema: OutboundMessage,
        handle: async (records) => {
          received.push(...records.map((r) => r.value));
        },
      });
    }
    admin = (await createApiKey(h.pool, 'admin', ['admin'])).key;
    reader = (await createApiKey(h.pool, 'reader', ['tickets:read'])).key;
  });
  afterAll(async () => {
    await running?.stop();
    await h?.close();
  });

  const api = async (key: string, path: string, init: RequestInit = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${key}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
    return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as any) };
  };
  const publishEvent = (type: DomainEvent['type'], ticketId: string, data: Record<string, unknown> = {}) =>
    bus.publish(TOPICS.events, [
      {
        key: ticketId,
        value: {
          id: randomUUID(),
          type,
          occurredAt: now.toISOString(),
          data: { ticketId, ...data },
        } satisfies DomainEvent,
      },
    ]);
  const handled = (ticketIds: string[]) =>
    waitFor(
      async () =>
        (
          await h.pool.query('SELECT count(*)::int AS n FROM ticket_sla WHERE ticket_id = ANY($1)', [
            ticketIds,
          ])
        ).rows[0].n === ticketIds.length,
      {
        description: 'every ticket.created handled',
        timeoutMs: 45_000,
      },
    );

  it('answers once, in the customer’s language, stating the wait and the outage notice; never to automatic mail', async () => {
    expect(
      (await api(reader, '/v1/announcements', { method: 'POST', body: '{"texts":{"en":"x"}}' })).status,
    ).toBe(403);
    expect((await api(admin, '/v1/announcements', { method: 'POST', body: '{"texts":{}}' })).status).toBe(
      400,
    );
    const notice = await api(admin, '/v1/announcements', {
      method: 'POST',
      body: JSON.stringify({
        texts: { en: 'Payments are down; we are on it.', ru: 'Платежи не работают.' },
        channels: ['telegram'],
        startsAt: '2026-03-06T00:00:00Z',
      }),
    });
    expect(notice.status).toBe(201);

    const tg = await seedTicket(h.pool, {
      createdAt: now,
      message: {
        text: 'Where is my refund?',
        sender: { externalId: '777001', locale: 'en-GB' },
        chatId: '777001',
      },
    });
    const autoReply = await seedTicket(h.pool, {
      channel: 'email',
      account: 'support',
      email: 'ooo@example.com',
      createdAt: now,
      message: { flags: { autoReply: true } },
    });
    const bounce = await seedTicket(h.pool, {
      channel: 'email',
      account: 'support',
      email: 'mailer-daemon@example.com',
      createdAt: now,
      message: { flags: { bounce: true } },
    });
    const mail = await seedTicket(h.pool, {
      channel: 'email',
      account: 'support',
      email: 'ann@example.com',
      createdAt: now,
      message: { subject: 'Заказ', emailMessageId: 'abc@example.com' },
    });
    const viber = await seedTicket(h.pool, { channel: 'viber', createdAt: now });
    const all = [tg, autoReply, bounce, mail, viber].map((t) => t.ticketId);
    for (const id of all) await publishEvent('ticket.created', id, { channel: 'x' });
    await publishEvent('ticket.created', tg.ticketId); // redelivery
    await publishEvent('message.created', tg.ticketId, { messageId: randomUUID(), direction: 'inbound' }); // a second message
    await handled(all);

    await waitFor(() => received.length >= 2, { description: 'two acknowledgements', timeoutMs: 45_000 });
    await waitFor(
      async () =>
        (await h.pool.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL')).rows[0].n ===
        0,
      {
        description: 'the outbox relayed',
      },
    );
    const acked = await h.pool.query('SELECT ticket_id FROM acknowledgements ORDER BY ticket_id');
    expect(acked.rows.map((r) => r.ticket_id)).toEqual([tg.ticketId, mail.ticketId].sort());

    const toTelegram = received.filter((m) => m.channel === 'telegram');
    expect(toTelegram).toHaveLength(1);
    expect(toTelegram[0]).toMatchObject({
      ticketId: tg.ticketId,
      account: 'main',
      automatic: true,
      recipient: { externalId: '777001', externalChatId: '777001' },
      // `refunds` made it high priority: 1 business hour → Monday 10:00
      content: {
        text: `Thanks! We will answer on Monday morning. Ticket #${tg.number}.\n\nPayments are down; we are on it.`,
      },
    });
    const toEmail = received.filter((m) => m.channel === 'email');
    expect(toEmail).toHaveLength(1);
    expect(toEmail[0]).toMatchObject({
      ticketId: mail.ticketId,
      automatic: true,
      recipient: { externalId: 'ann@example.com', email: 'ann@example.com' },
      // no rule matched: normal priority, 4 business hours → Monday 13:00
      content: { text: 'Ответим в понедельник днём.' },
      thread: { subject: 'Заказ', inReplyTo: 'abc@example.com' },
    });

    // routing and the SLA are visible through the API, and the acknowledgement is on the ticket as an automatic message
    const view = await api(reader, `/v1/tickets/${tg.ticketId}/automation`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      routingRule: 'refunds',
      group: 'billing',
      priority: 'high',
      firstResponseAt: null,
      acknowledgement: { language: 'en' },
    });
    const stored = await h.pool.query(
      `SELECT direction, flags, delivery_status FROM messages WHERE id = $1`,
      [view.body.acknowledgement.messageId],
    );
    expect(stored.rows[0]).toEqual({
      direction: 'outbound',
      flags: { automatic: true },
      delivery_status: 'queued',
    });
    expect(
      (await h.pool.query('SELECT tags FROM tickets WHERE id = $1', [tg.ticketId])).rows[0].tags,
    ).toEqual(['refund']);
  });

  it('acknowledges a web-form ticket by email, the way a reply leaves; skips one it cannot reach', async () => {
    const config = parseOmniConfig(
      `automation:
  acknowledgements:
    - channel: webform
      account: shop
      enabled: true
      templates: { en: "Thanks! Ticket #{{ticketNumber}}." }
`,
      {},
    ).automation;
    // Called directly (no Kafka round trip): the same function the event consumer runs.
    const channels = replyChannelSettings({
      email: [{ account: 'support' }, { account: 'sales' }],
      webform: [{ account: 'shop', replyEmailAccount: 'sales' }],
    });
    const intake = (ticketId: string) =>
      withTransaction(
        h.pool,
        async (client) =>
          (await handleTicketsCreated(client, [ticketId], config, now, channels)).results[0] ?? null,
      );
    const form = await seedTicket(h.pool, {
      channel: 'webform',
      account: 'shop',
      message: { subject: 'Refund', sender: { externalId: 'lena@example.com', email: 'lena@example.com' } },
    });
    const acked = await intake(form.ticketId);
    expect(acked?.acknowledgement).toMatchObject({ text: `Thanks! Ticket #${form.number}.` });
    const { rows } = await h.pool.query(
      `SELECT m.channel, m.account, m.flags, o.topic, o.payload FROM messages m JOIN outbox o ON o.payload->>'id' = m.id::text
        WHERE m.ticket_id = $1 AND m.direction = 'outbound'`,
      [form.ticketId],
    );
    expect(rows).toEqual([
      {
        channel: 'email',
        account: 'sales',
        flags: { automatic: true },
        topic: outboundTopic('email'),
        payload: expect.objectContaining({
          channel: 'email',
          account: 'sales',
          automatic: true,
          ticketNumber: form.number,
          recipient: { externalId: 'lena@example.com', email: 'lena@example.com' },
          thread: { subject: 'Refund' },
        }),
      },
    ]);

    const phoneOnly = await seedTicket(h.pool, {
      channel: 'webform',
      account: 'shop',
      message: { sender: { externalId: '+79160000002', phone: '+79160000002' } },
    });
    expect((await intake(phoneOnly.ticketId))?.acknowledgement).toEqual({ skipped: 'unreachable' });
    const none = await h.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE key = $1 AND topic = ANY($2::text[])`,
      [phoneOnly.ticketId, [outboundTopic('email'), outboundTopic('webform')]],
    );
    expect(none.rows[0].n).toBe(0);
  });

  it('keeps to the per-customer daily limit', async () => {
    const first = await seedTicket(h.pool, { createdAt: now });
    const second = await seedTicket(h.pool, { createdAt: now, customerId: first.customerId });
    const third = await seedTicket(h.pool, { createdAt: now, customerId: first.customerId });
    for (const t of [first, second, third]) {
      await publishEvent('ticket.created', t.ticketId);
      await handled([t.ticketId]); // in order, so "the third" is the one over the limit
    }
    const acked = await h.pool.query('SELECT ticket_id FROM acknowledgements WHERE customer_id = $1', [
      first.customerId,
    ]);
    expect(acked.rows.map((r) => r.ticket_id).sort()).toEqual([first.ticketId, second.ticketId].sort());
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/omni_automation_acknowledgements_total\{[^}]*outcome="daily-limit"[^}]*\} 1/);
  });

  it('lists and removes announcements', async () => {
    const list = await api(reader, '/v1/announcements?active=true&channel=telegram');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(1);
    const id = list.body.data[0].id;
    expect((await api(reader, `/v1/announcements/${id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await api(admin, `/v1/announcements/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(admin, `/v1/announcements/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(reader, '/v1/announcements')).body.data).toHaveLength(0);
    expect((await api('nope', '/v1/stats')).status).toBe(401);
    expect((await api(reader, '/v1/stats?timeZone=Mars/Olympus')).status).toBe(400);
    const stats = await api(
      reader,
      '/v1/stats?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&timeZone=Europe/Moscow',
    );
    expect(stats.status).toBe(200);
    expect(stats.body.totals.created).toBe(8); // every ticket seeded in this file
    expect(stats.body.byGroup.find((g: { key: string }) => g.key === 'billing')?.created).toBe(1);
    expect(stats.body.arrivals.byWeekday[4]).toBe(8); // Friday
  });
});
