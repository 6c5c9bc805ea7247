import { buildTelegramAdapter } from '@omni/adapter-telegram';
import { createPool } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { buildThreadingService } from '@omni/threading';
import { buildAutomationService } from '../src';

/**
 * The whole way on real Kafka and PostgreSQL: a Telegram update → threading → a new ticket →
 * the acknowledgement → the Telegram adapter → the (fake) Bot API, in the sender's language;
 * a second message in the same chat continues the ticket and gets none.
 */
describe('acknowledgement at the Telegram Bot API', () => {
  let h: Harness;
  let api: FakeTelegramApi;
  let running: RunningServices;
  const secret = 'ack-secret';

  beforeAll(async () => {
    h = await startHarness('auto-tg');
    api = await new FakeTelegramApi().start();
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    // Open around the clock, so the wait does not depend on when the test runs.
    const config = parseOmniConfig(
      `channels:
  telegram:
    - { account: shop-bot, token: "${api.token}", secretToken: ${secret}, apiRoot: "${api.url}" }
automation:
  calendars:
    default:
      timeZone: Europe/Moscow
      hours: { mon: ["00:00-24:00"], tue: ["00:00-24:00"], wed: ["00:00-24:00"], thu: ["00:00-24:00"], fri: ["00:00-24:00"], sat: ["00:00-24:00"], sun: ["00:00-24:00"] }
  sla: { targets: { normal: { firstResponseMinutes: 60, resolutionMinutes: 600 } } }
  acknowledgements:
    - channel: telegram
      account: shop-bot
      enabled: true
      templates: { en: "Thanks! We will answer {{wait}}.", ru: "Спасибо! Ответим {{wait}}." }
`,
      {},
    );
    const metrics = createMetrics('auto-tg');
    running = await runServices({
      log: h.log,
      metrics,
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
        buildAutomationService({
          pool,
          bus,
          log: h.log,
          metrics,
          config: config.automation,
          groupId: uniqueName('auto'),
          scheduler: false,
        }),
      ],
    });
  });
  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await h?.close();
  });

  const webhook = (update: unknown) =>
    fetch(`${running.url}/channels/telegram/shop-bot/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(update),
    });
  const from = { id: 777001, first_name: 'Мария', language_code: 'ru' };
  const chat = { id: 777001, type: 'private', first_name: 'Мария' };
  const date = Math.floor(Date.now() / 1000);

  it('answers the first message once, in Russian, through the Bot API', async () => {
    expect(
      (
        await webhook({
          update_id: 9001,
          message: { message_id: 1, date, chat, from, text: 'Где мой заказ?' },
        })
      ).status,
    ).toBe(200);
    const sent = await waitFor(() => api.callsOf('sendMessage')[0], {
      description: 'the acknowledgement at the Bot API',
      // the first run of a consumer group on a busy broker can take a while to join
      timeoutMs: 45_000,
    });
    expect(sent.params).toMatchObject({ chat_id: '777001', text: 'Спасибо! Ответим в течение 1 часа.' });

    expect(
      (
        await webhook({
          update_id: 9002,
          message: { message_id: 2, date: date + 5, chat, from, text: 'Номер 42' },
        })
      ).status,
    ).toBe(200);
    const ticket = await waitFor(
      async () =>
        (await h.pool.query(`SELECT ticket_id FROM messages WHERE text = 'Номер 42'`)).rows[0]?.ticket_id as
          | string
          | undefined,
      { description: 'the second message stored' },
    );
    const tickets = await h.pool.query('SELECT count(*)::int AS n FROM tickets');
    expect(tickets.rows[0].n).toBe(1);
    // The outbox is the only way out: one outbound record for the ticket, the acknowledgement.
    const out = await h.pool.query(
      `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'omni.outbound.%' AND key = $1`,
      [ticket],
    );
    expect(out.rows[0].n).toBe(1);
  });
});
