import { buildTelegramAdapter } from '@omni/adapter-telegram';
import { createPool, PgBlobStore } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, loopbackOutboundGuard, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { FakeWhatsAppApi, type SignedWebhook } from '@omni/testkit/src/fakes/whatsapp-api';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildWhatsAppAdapter } from '../src';

/**
 * End to end on real Kafka and PostgreSQL, composed as `pnpm start` does: a WhatsApp
 * message with a photo becomes a ticket whose photo `/v1/attachments/{id}` serves; a
 * reply reaches the fake Cloud API and its statuses move it to `read`; a reply after the
 * window is refused (409) on a number without a template and sent as the template on one
 * with it; the same phone number shared later as a Telegram contact makes one customer
 * with both identities and one timeline.
 */
describe('WhatsApp end to end', () => {
  let h: Harness;
  let wa: FakeWhatsAppApi;
  let waTemplate: FakeWhatsAppApi;
  let tg: FakeTelegramApi;
  let running: RunningServices;
  const apiKey = generateApiKey();
  const secret = 'e2e-wa-secret';
  const tgSecret = 'e2e-tg-secret';
  const PHONE = '79161234567';
  const HOUR = 3600;

  beforeAll(async () => {
    h = await startHarness('wa-e2e');
    wa = await FakeWhatsAppApi.start({ accessToken: 't1', appSecret: secret, phoneNumberId: '111' });
    waTemplate = await FakeWhatsAppApi.start({ accessToken: 't2', appSecret: secret, phoneNumberId: '222' });
    wa.media.set('photo-1', { data: Buffer.from('jpeg-bytes-of-the-photo'), type: 'image/jpeg' });
    tg = await new FakeTelegramApi().start({ host: '127.0.0.1' });
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    const config = parseOmniConfig(
      [
        'threading: { defaultPhoneRegion: RU }',
        'channels:',
        '  whatsapp:',
        `    - { account: wa, phoneNumberId: "111", accessToken: t1, appSecret: ${secret}, verifyToken: v, apiRoot: "${wa.url}" }`,
        `    - { account: wa-tpl, phoneNumberId: "222", accessToken: t2, appSecret: ${secret}, verifyToken: v, apiRoot: "${waTemplate.url}",`,
        '        windowTemplate: { name: follow_up, language: en_US, bodyParameters: [reply-text] } }',
        '  telegram:',
        `    - { account: bot, token: "${tg.token}", secretToken: ${tgSecret}, apiRoot: "${tg.url}" }`,
        '',
      ].join('\n'),
      {},
    );
    const blobs = new PgBlobStore(pool);
    running = await runServices({
      log: h.log,
      metrics: createMetrics('wa-e2e'),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        // The fake's media host listens on loopback.
        buildWhatsAppAdapter({
          config,
          bus,
          log: h.log,
          blobs,
          outbound: { groupId: uniqueName('wa-out') },
          outboundGuard: loopbackOutboundGuard(),
        }),
        buildTelegramAdapter({ config, bus, log: h.log, pool, outbound: { groupId: uniqueName('tg-out') } }),
        buildThreadingService({
          pool,
          bus,
          log: h.log,
          settings: config.threading,
          groupId: uniqueName('thr'),
        }),
        // The API reads each account's window settings from the same configuration.
        buildTicketsService({ pool, log: h.log, bus, bootstrapApiKey: apiKey, channels: config.channels }),
      ],
    });
  });
  afterAll(async () => {
    await running?.stop();
    await Promise.all([wa?.close(), waTemplate?.close(), tg?.close()]);
    await h?.close();
  });

  const v1 = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${running.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...init.headers },
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const deliver = async (account: string, hook: SignedWebhook) => {
    const res = await fetch(`${running.url}/channels/whatsapp/${account}/webhook`, {
      method: 'POST',
      headers: hook.headers,
      body: hook.body,
    });
    expect(res.status).toBe(200);
  };
  type Message = {
    id: string;
    direction: string;
    text: string;
    channel: string;
    deliveryStatus?: string;
    attachments: Array<{ id: string; url: string; mimeType: string }>;
  };
  type Ticket = { id: string; customerId: string; channels: string[] };
  const ticketWith = (text: string) =>
    waitFor(
      async () => {
        const tickets = (await v1<{ data: Ticket[] }>('/v1/tickets?limit=200')).body.data;
        for (const t of tickets) {
          const messages = (await v1<{ data: Message[] }>(`/v1/tickets/${t.id}/messages`)).body.data;
          if (messages.some((m) => m.text === text)) return { ticket: t, messages };
        }
        return undefined;
      },
      { timeoutMs: 40_000, description: `a ticket with "${text}"` },
    );
  const reply = (ticketId: string, text: string) =>
    v1<{ id: string; type?: string }>(`/v1/tickets/${ticketId}/replies`, {
      method: 'POST',
      body: JSON.stringify({ text }),
    });
  const statusOf = async (ticketId: string, id: string) =>
    (await v1<{ data: Message[] }>(`/v1/tickets/${ticketId}/messages`)).body.data.find((m) => m.id === id)
      ?.deliveryStatus;
  const waitStatus = (ticketId: string, id: string, status: string) =>
    waitFor(async () => (await statusOf(ticketId, id)) === status, {
      timeoutMs: 40_000,
      description: `the reply ${status}`,
    });
  const now = () => Math.floor(Date.now() / 1000);

  it('message with a photo → ticket, bytes served; reply → Cloud API → sent, delivered, read', async () => {
    const hook = wa.messagesWebhook(
      [
        {
          from: PHONE,
          id: 'wamid.in1',
          timestamp: String(now()),
          type: 'text',
          text: { body: 'Где мой заказ?' },
        },
        {
          from: PHONE,
          id: 'wamid.in2',
          timestamp: String(now()),
          type: 'image',
          image: { id: 'photo-1', mime_type: 'image/jpeg', caption: 'Вот чек' },
        },
      ],
      [{ name: 'Анна', wa_id: PHONE }],
    );
    await deliver('wa', hook);
    await deliver('wa', hook); // Meta's retry
    const { ticket } = await ticketWith('Где мой заказ?');
    const { messages } = await ticketWith('Вот чек');
    expect(messages.filter((m) => m.direction === 'inbound')).toHaveLength(2);
    const photo = messages.find((m) => m.text === 'Вот чек')?.attachments[0];
    const bytes = await fetch(`${running.url}/v1/attachments/${photo?.id}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect([bytes.status, bytes.headers.get('content-type'), await bytes.text()]).toEqual([
      200,
      'image/jpeg',
      'jpeg-bytes-of-the-photo',
    ]);

    const posted = await reply(ticket.id, 'Заказ в пути 🚚');
    expect(posted.status).toBe(202);
    const sent = await waitFor(() => wa.sent()[0], {
      timeoutMs: 40_000,
      description: 'the reply at the Cloud API',
    });
    expect(sent.body).toMatchObject({ to: PHONE, type: 'text', text: { body: 'Заказ в пути 🚚' } });
    await waitStatus(ticket.id, posted.body.id, 'sent');
    const wamid = String(sent.body.wamid);
    await deliver('wa', wa.statusWebhook('delivered', wamid));
    await waitStatus(ticket.id, posted.body.id, 'delivered');
    await deliver('wa', wa.statusWebhook('read', wamid));
    await waitStatus(ticket.id, posted.body.id, 'read');
  });

  it('after the 24-hour window: 409 reply-window-closed without a template; the template with one', async () => {
    const old = String(now() - 30 * HOUR);
    await deliver(
      'wa',
      wa.messagesWebhook([
        {
          from: '79160000002',
          id: 'wamid.old1',
          timestamp: old,
          type: 'text',
          text: { body: 'Старый вопрос' },
        },
      ]),
    );
    await deliver(
      'wa-tpl',
      waTemplate.messagesWebhook([
        {
          from: '79160000003',
          id: 'wamid.old2',
          timestamp: old,
          type: 'text',
          text: { body: 'Старый вопрос 2' },
        },
      ]),
    );
    const plain = (await ticketWith('Старый вопрос')).ticket;
    const refused = await reply(plain.id, 'Ответ');
    expect(refused.status).toBe(409);
    expect(refused.body.type).toBe('urn:omni:problem:reply-window-closed');

    const templated = (await ticketWith('Старый вопрос 2')).ticket;
    const accepted = await reply(templated.id, 'Ваш заказ отправлен');
    expect(accepted.status).toBe(202);
    const sent = await waitFor(() => waTemplate.sent()[0], {
      timeoutMs: 40_000,
      description: 'the template',
    });
    expect(sent.body).toMatchObject({
      to: '79160000003',
      type: 'template',
      template: {
        name: 'follow_up',
        components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ваш заказ отправлен' }] }],
      },
    });
    await waitStatus(templated.id, accepted.body.id, 'sent');
  });

  it('the same phone later shared as a Telegram contact: one customer, both identities, one timeline', async () => {
    const phone = '79165550011';
    await deliver(
      'wa',
      wa.messagesWebhook(
        [
          {
            from: phone,
            id: 'wamid.m1',
            timestamp: String(now()),
            type: 'text',
            text: { body: 'Пишу из WhatsApp' },
          },
        ],
        [{ name: 'Олег', wa_id: phone }],
      ),
    );
    const first = (await ticketWith('Пишу из WhatsApp')).ticket;
    const tgPost = (message: Record<string, unknown>, updateId: number) =>
      fetch(`${running.url}/channels/telegram/bot/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': tgSecret },
        body: JSON.stringify({ update_id: updateId, message }),
      });
    const from = { id: 5550011, is_bot: false, first_name: 'Oleg' };
    const chat = { id: 5550011, type: 'private', first_name: 'Oleg' };
    expect(
      (await tgPost({ message_id: 1, from, chat, date: now(), text: 'А теперь из Telegram' }, 9001)).status,
    ).toBe(200);
    // His own number, written the Russian way: Telegram vouches for it (user_id is the sender).
    const contact = { phone_number: '8 916 555-00-11', first_name: 'Oleg', user_id: from.id };
    expect((await tgPost({ message_id: 2, from, chat, date: now() + 1, contact }, 9002)).status).toBe(200);

    const customer = await waitFor(
      async () => {
        const c = (
          await v1<{ id: string; identities: Array<{ kind: string; value: string; verified: boolean }> }>(
            `/v1/customers/${first.customerId}`,
          )
        ).body;
        return c.identities.some((i) => i.kind === 'telegram') ? c : undefined;
      },
      { timeoutMs: 40_000, description: 'the Telegram identity on the WhatsApp customer' },
    );
    expect(customer.identities.map((i) => [i.kind, i.value, i.verified]).sort()).toEqual(
      [
        ['phone', '+79165550011', true],
        ['telegram', '5550011', true],
        ['whatsapp', phone, true],
      ].sort(),
    );
    const timeline = await waitFor(
      async () => {
        const t = (await v1<{ data: Message[] }>(`/v1/customers/${customer.id}/timeline`)).body.data;
        return t.length >= 3 ? t : undefined;
      },
      { timeoutMs: 40_000, description: 'the timeline with both channels' },
    );
    expect(timeline.map((m) => [m.channel, m.text])).toEqual([
      ['whatsapp', 'Пишу из WhatsApp'],
      ['telegram', 'А теперь из Telegram'],
      ['telegram', '[contact: Oleg, 8 916 555-00-11]'],
    ]);
  });
});
