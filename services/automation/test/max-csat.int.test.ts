import { buildMaxAdapter } from '@omni/adapter-max';
import { recordEvents } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { loopbackOutboundGuard, uniqueName, waitFor } from '@omni/testkit';
import { FakeMaxApi, inlineKeyboardOf, maxUpdates } from '@omni/testkit/src/fakes/max-api';
import { type ChannelStack, startChannelStack } from './channel-stack';

const SECRET = 'max-csat-secret';

/**
 * The whole way on real Kafka and PostgreSQL, through the fake MAX Bot API: a MAX ticket is
 * resolved → the survey leaves with an inline keyboard of callback buttons → the customer
 * presses 4 (a `message_callback` update) → the rating is on the ticket, the callback is
 * answered (POST /answers), and the press is neither a message nor a reason to reopen.
 */
describe('CSAT survey at the MAX Bot API', () => {
  let stack: ChannelStack;
  let api: FakeMaxApi;

  beforeAll(async () => {
    api = await new FakeMaxApi().start();
    const maxApi = api;
    stack = await startChannelStack('csat-max', {
      channelsYaml: `  max:
    - { account: shop-bot, token: "${api.token}", secret: ${SECRET}, apiRoot: "${api.url}" }
`,
      automationYaml: `  csat:
    checkIntervalSeconds: 0.2
    surveys:
      - { channel: max, account: shop-bot, enabled: true, delayMinutes: 0.02, texts: { ru: { question: "Оцените обращение #{{ticketNumber}}" } } }
`,
      scheduler: true,
      adapter: ({ config, bus, pool, h }) =>
        buildMaxAdapter({
          config,
          bus,
          log: h.log,
          pool,
          outboundGuard: loopbackOutboundGuard(),
          outbound: { groupId: uniqueName('max-out') },
        }),
      onClose: () => maxApi.close(),
    });
  });
  afterAll(() => stack?.close());

  const webhook = (update: unknown) =>
    fetch(`${stack.running.url}/channels/max/shop-bot/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': SECRET },
      body: JSON.stringify(update),
    });

  /** What the ticket API does on `PATCH {status: resolved}`: the change and its event, in one transaction. */
  const resolve = (ticketId: string) =>
    withTransaction(stack.h.pool, async (client) => {
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

  it('sends the inline keyboard after the delay; a message_callback press rates the ticket and is answered', async () => {
    const { pool } = stack.h;
    const userId = 7_700_001;
    expect(
      (await webhook(maxUpdates.message({ userId, mid: 'mid.csat-q1', text: 'Где мой заказ?' }))).status,
    ).toBe(200);
    const ticket = await waitFor(
      async () =>
        (await pool.query<{ id: string; number: string }>('SELECT id, number FROM tickets')).rows[0],
      { description: 'the ticket', timeoutMs: 45_000 },
    );
    await resolve(ticket.id);

    const survey = await waitFor(() => api.sent.find((s) => s.text?.startsWith('Оцените обращение')), {
      description: 'the survey at the Bot API',
      timeoutMs: 45_000,
    });
    expect(survey.text).toBe(`Оцените обращение #${ticket.number}`);
    expect(survey.userId).toBe(userId);
    const [row] = inlineKeyboardOf(survey);
    expect(row?.map((b) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    const four = row?.[3]?.payload as string;
    expect(four).toBe(`csat:${ticket.id}:4`);

    const messagesBefore = (await pool.query('SELECT count(*)::int AS n FROM messages')).rows[0].n as number;
    const press = maxUpdates.callback({
      userId,
      callbackId: 'cb.csat-1',
      payload: four,
      mid: survey.mid,
      timestamp: Date.now(),
    });
    expect((await webhook(press)).status).toBe(200);

    const csat = await waitFor(
      async () =>
        (await pool.query('SELECT csat FROM tickets WHERE id = $1', [ticket.id])).rows[0]?.csat as
          | Record<string, unknown>
          | null
          | undefined,
      { description: 'the rating on the ticket', timeoutMs: 45_000 },
    );
    expect(csat).toMatchObject({ score: 4, scale: 'five', channel: 'max', comment: null });
    expect(api.answers.map((a) => a.callbackId)).toEqual(['cb.csat-1']);

    // MAX redelivers what it did not see answered 200: the same press again changes nothing.
    expect((await webhook(press)).status).toBe(200);
    const after = await pool.query(
      `SELECT t.status, t.csat->>'score' AS score, (SELECT count(*)::int FROM messages) AS messages,
              (SELECT count(*)::int FROM events WHERE type = 'ticket.rated' AND data->>'ticketId' = t.id::text) AS rated
         FROM tickets t WHERE t.id = $1`,
      [ticket.id],
    );
    // The press is no message and reopens nothing.
    expect(after.rows[0]).toEqual({ status: 'resolved', score: '4', messages: messagesBefore, rated: 1 });
  });
});
