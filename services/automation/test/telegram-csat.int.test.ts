import { recordEvents } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { type Harness, waitFor } from '@omni/testkit';
import type { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { startTelegramStack, type TelegramStack } from './telegram-stack';

/**
 * The whole way on real Kafka and PostgreSQL: a Telegram ticket is resolved → after the
 * (short) configured delay the survey leaves with an inline keyboard → the customer presses
 * 5 → the rating is on the ticket, the callback query is answered, and the press is neither
 * a message nor a reason to reopen.
 */
describe('CSAT survey at the Telegram Bot API', () => {
  let stack: TelegramStack;
  let h: Harness;
  let api: FakeTelegramApi;

  beforeAll(async () => {
    stack = await startTelegramStack(
      'csat-tg',
      `  csat:
    checkIntervalSeconds: 0.2
    surveys:
      - { channel: telegram, account: shop-bot, enabled: true, delayMinutes: 0.02, texts: { en: { question: "Rate ticket #{{ticketNumber}}" } } }
`,
      { scheduler: true },
    );
    ({ h, api } = stack);
  });
  afterAll(() => stack?.close());

  const webhook = (update: unknown) => stack.webhook(update);
  const from = { id: 555001, first_name: 'Ann', language_code: 'en' };
  const chat = { id: 555001, type: 'private', first_name: 'Ann' };

  /** What the ticket API does on `PATCH {status: resolved}`: the change and its event, in one transaction. */
  const resolve = (ticketId: string) =>
    withTransaction(h.pool, async (client) => {
      const at = new Date();
      await client.query(
        `UPDATE tickets SET status = 'resolved', resolved_at = $2, updated_at = $2 WHERE id = $1`,
        [ticketId, at],
      );
      await recordEvents(
        client,
        [{ type: 'ticket.updated', key: ticketId, data: { ticketId, changes: { status: 'resolved' } } }],
        at,
      );
    });

  it('sends the keyboard after the delay; pressing 5 rates the ticket and answers the callback', async () => {
    expect(
      (
        await webhook({
          update_id: 7001,
          message: {
            message_id: 1,
            date: Math.floor(Date.now() / 1000),
            chat,
            from,
            text: 'Where is my order?',
          },
        })
      ).status,
    ).toBe(200);
    const ticket = await waitFor(
      async () =>
        (await h.pool.query<{ id: string; number: string }>('SELECT id, number FROM tickets')).rows[0],
      { description: 'the ticket', timeoutMs: 45_000 },
    );
    await resolve(ticket.id);

    const survey = await waitFor(
      () => api.callsOf('sendMessage').find((c) => String(c.params.text).startsWith('Rate ticket')),
      { description: 'the survey at the Bot API', timeoutMs: 45_000 },
    );
    expect(survey.params.text).toBe(`Rate ticket #${ticket.number}`);
    const markup = (
      typeof survey.params.reply_markup === 'string'
        ? JSON.parse(survey.params.reply_markup)
        : survey.params.reply_markup
    ) as { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
    expect(markup.inline_keyboard[0]?.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    const five = markup.inline_keyboard[0]?.[4]?.callback_data as string;
    expect(five).toBe(`csat:${ticket.id}:5`);

    const messagesBefore = (await h.pool.query('SELECT count(*)::int AS n FROM messages')).rows[0]
      .n as number;
    expect(
      (
        await webhook({
          update_id: 7002,
          callback_query: {
            id: 'cbq-1',
            from,
            data: five,
            message: { message_id: 99, chat },
          },
        })
      ).status,
    ).toBe(200);

    const csat = await waitFor(
      async () =>
        (await h.pool.query('SELECT csat FROM tickets WHERE id = $1', [ticket.id])).rows[0]?.csat as
          | Record<string, unknown>
          | null
          | undefined,
      { description: 'the rating on the ticket', timeoutMs: 45_000 },
    );
    expect(csat).toMatchObject({ score: 5, scale: 'five', channel: 'telegram', comment: null });
    await waitFor(() => api.callsOf('answerCallbackQuery')[0], { description: 'the callback answered' });
    expect(api.callsOf('answerCallbackQuery')[0]?.params.callback_query_id).toBe('cbq-1');

    const after = await h.pool.query(
      `SELECT t.status, (SELECT count(*)::int FROM messages) AS messages,
              (SELECT count(*)::int FROM events WHERE type = 'ticket.rated' AND data->>'ticketId' = t.id::text) AS rated
         FROM tickets t WHERE t.id = $1`,
      [ticket.id],
    );
    // The press is no message and reopens nothing; the survey itself is the one new message.
    expect(after.rows[0]).toEqual({ status: 'resolved', messages: messagesBefore, rated: 1 });
  });
});
