import { createPool } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildTelegramAdapter } from '../src';

/**
 * End to end on real Kafka and PostgreSQL, composed as `pnpm start` does: a Telegram
 * update reaches `/v1/tickets`; a reply posted through the API reaches the fake Bot API
 * with the right chat and text, and its delivery status becomes `sent`.
 */
// Consumer groups join slowly on a busy 2-core machine: generous waits, still bounded by the test timeout.
describe('Telegram end to end', () => {
  let h: Harness;
  let api: FakeTelegramApi;
  let running: RunningServices;
  const apiKey = generateApiKey();
  const secret = 'e2e-secret';

  beforeAll(async () => {
    h = await startHarness('tg-e2e');
    api = await new FakeTelegramApi().start();
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    const config = parseOmniConfig(
      `channels:\n  telegram:\n    - account: shop-bot\n      token: "${api.token}"\n      secretToken: ${secret}\n      apiRoot: ${api.url}\n`,
      {},
    );
    running = await runServices({
      log: h.log,
      metrics: createMetrics('tg-e2e'),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        buildTelegramAdapter({ config, bus, log: h.log, pool, outbound: { groupId: uniqueName('tg-out') } }),
        buildThreadingService({
          pool,
          bus,
          log: h.log,
          settings: config.threading,
          groupId: uniqueName('thr'),
        }),
        buildTicketsService({ pool, log: h.log, bus, bootstrapApiKey: apiKey }),
      ],
    });
  });
  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await h?.close();
  });

  const v1 = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const webhook = (update: unknown) =>
    fetch(`${running.url}/channels/telegram/shop-bot/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
  const from = { id: 777001, first_name: 'Мария', username: 'masha', language_code: 'ru' };
  const chat = { id: 777001, type: 'private', first_name: 'Мария' };

  it('a message reaches /v1/tickets once, an edit updates it, and a reply is delivered and marked sent', async () => {
    const update = {
      update_id: 5001,
      message: { message_id: 12, date: 1_767_225_600, chat, from, text: 'Где мой заказ? 🙏' },
    };
    expect((await webhook(update)).status).toBe(200);
    expect((await webhook(update)).status).toBe(200); // Telegram's retry of the same update

    const ticket = await waitFor(
      async () =>
        (await v1('/v1/tickets')).body.data.find((t: { channels: string[] }) =>
          t.channels.includes('telegram'),
        ),
      { timeoutMs: 40_000, description: 'the Telegram ticket in /v1/tickets' },
    );
    const messages = await v1(`/v1/tickets/${ticket.id}/messages`);
    expect(messages.body.data).toHaveLength(1);
    expect(messages.body.data[0]).toMatchObject({
      direction: 'inbound',
      channel: 'telegram',
      account: 'shop-bot',
      text: 'Где мой заказ? 🙏',
    });

    const edit = {
      update_id: 5002,
      edited_message: { ...update.message, edit_date: 1_767_225_700, text: 'Где мой заказ №42? 🙏' },
    };
    expect((await webhook(edit)).status).toBe(200);
    await waitFor(
      async () =>
        (await v1(`/v1/tickets/${ticket.id}/messages`)).body.data[0]?.text === 'Где мой заказ №42? 🙏',
      {
        timeoutMs: 40_000,
        description: 'the edit applied to the stored message',
      },
    );

    const posted = await v1(`/v1/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Мария, заказ №42 уже в пути 🚚', author: 'Ольга' }),
    });
    expect(posted.status).toBe(202);
    const sent = await waitFor(() => api.callsOf('sendMessage')[0], {
      timeoutMs: 40_000,
      description: 'the reply at the Bot API',
    });
    expect(sent.params).toMatchObject({ chat_id: '777001', text: 'Мария, заказ №42 уже в пути 🚚' });
    await waitFor(
      async () =>
        (await v1(`/v1/tickets/${ticket.id}/messages`)).body.data.find(
          (m: { id: string; deliveryStatus: string }) => m.id === posted.body.id,
        )?.deliveryStatus === 'sent',
      { timeoutMs: 40_000, description: 'the reply marked sent' },
    );
  });
});
