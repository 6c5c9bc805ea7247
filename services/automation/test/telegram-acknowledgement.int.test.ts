import type { Harness } from '@omni/testkit';
import { waitFor } from '@omni/testkit';
import type { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { startTelegramStack, type TelegramStack } from './telegram-stack';

/**
 * The whole way on real Kafka and PostgreSQL: a Telegram update → threading → a new ticket →
 * the acknowledgement → the Telegram adapter → the (fake) Bot API, in the sender's language;
 * a second message in the same chat continues the ticket and gets none.
 */
describe('acknowledgement at the Telegram Bot API', () => {
  let stack: TelegramStack;
  let h: Harness;
  let api: FakeTelegramApi;

  beforeAll(async () => {
    // Open around the clock, so the wait does not depend on when the test runs.
    stack = await startTelegramStack(
      'auto-tg',
      `  calendars:
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
      { scheduler: false },
    );
    ({ h, api } = stack);
  });
  afterAll(() => stack?.close());

  const webhook = (update: unknown) => stack.webhook(update);
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
