import { buildLivechatAdapter } from '@omni/adapter-livechat';
import type { ConversationEntry } from '@omni/adapter-livechat/src/livechat.schema';
import { pushed, VisitorClient } from '@omni/adapter-livechat/test/support/livechat-app';
import { recordEvents } from '@omni/customers';
import { withTransaction } from '@omni/db';
import { uniqueName, waitFor } from '@omni/testkit';
import { type ChannelStack, startChannelStack } from './channel-stack';

/**
 * The in-widget rating, the whole way on real Kafka and PostgreSQL: a live-chat ticket is
 * resolved → the survey reaches the visitor's socket with its choices → a press (a socket
 * frame) records the score on the ticket as a `postback` → a second press (the API) changes
 * nothing and answers the choice that counted; the press is never the visitor's message, and
 * the history shows the buttons answered after a reload.
 */
describe('CSAT survey in the live-chat widget', () => {
  let stack: ChannelStack;

  beforeAll(async () => {
    stack = await startChannelStack('csat-livechat', {
      channelsYaml: `  livechat:
    - { account: shop }
`,
      automationYaml: `  csat:
    checkIntervalSeconds: 0.2
    surveys:
      - { channel: livechat, account: shop, enabled: true, delayMinutes: 0.02, texts: { en: { question: "Rate ticket #{{ticketNumber}}" } } }
`,
      scheduler: true,
      adapter: ({ config, bus, pool, h }) =>
        buildLivechatAdapter({ config, bus, log: h.log, pool, outbound: { groupId: uniqueName('lc-out') } }),
    });
  });
  afterAll(() => stack?.close());

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
  const csatOf = async (ticketId: string) =>
    (await stack.h.pool.query('SELECT csat FROM tickets WHERE id = $1', [ticketId])).rows[0]?.csat as
      | Record<string, unknown>
      | null
      | undefined;

  it('shows the choices; the first press rates the ticket once, a second changes nothing', async () => {
    const { pool } = stack.h;
    const visitor = new VisitorClient(stack.running.url, 'shop');
    await visitor.session({ name: 'Ann', locale: 'en' });
    const { ws, frames } = await visitor.socket();
    expect((await visitor.send('Where is my order?', 'c-1')).status).toBe(202);
    const ticket = await waitFor(
      async () =>
        (await pool.query<{ id: string; number: string }>('SELECT id, number FROM tickets')).rows[0],
      { description: 'the ticket', timeoutMs: 45_000 },
    );
    await resolve(ticket.id);

    const survey = await waitFor(() => pushed(frames).find((e) => e.choices), {
      description: 'the survey on the visitor’s socket',
      timeoutMs: 45_000,
    });
    expect(survey).toMatchObject({
      direction: 'outbound',
      text: `Rate ticket #${ticket.number}`,
      chosen: null,
    });
    expect(survey.choices?.map((c) => c.label)).toEqual(['1', '2', '3', '4', '5']);
    const five = survey.choices?.[4]?.payload as string;
    expect(five).toBe(`csat:${ticket.id}:5`);

    // A choice the reply does not offer, or a reply that is not the visitor's, is refused.
    expect((await visitor.choose(survey.id, `csat:${ticket.id}:9`)).status).toBe(400);
    const stranger = new VisitorClient(stack.running.url, 'shop');
    await stranger.session();
    expect((await stranger.choose(survey.id, five)).status).toBe(400);

    const messagesBefore = (await pool.query('SELECT count(*)::int AS n FROM messages')).rows[0].n as number;
    ws.send(JSON.stringify({ type: 'choice', id: survey.id, payload: five }));
    expect(
      await waitFor(() => frames.find((f) => f.type === 'chosen'), { description: 'the press acknowledged' }),
    ).toEqual({ type: 'chosen', id: survey.id, payload: five });
    const csat = await waitFor(() => csatOf(ticket.id), {
      description: 'the rating on the ticket',
      timeoutMs: 45_000,
    });
    expect(csat).toMatchObject({ score: 5, scale: 'five', channel: 'livechat', comment: null });

    // A second press (another tab, a retry) counts nothing and answers the choice that counted.
    const again = await visitor.choose(survey.id, `csat:${ticket.id}:1`);
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ id: survey.id, payload: five });
    ws.close();

    // After a reload the history shows the buttons answered; the press is no entry of the visitor's.
    const reloaded = await visitor.session();
    const entries = reloaded.messages as ConversationEntry[];
    expect(entries.map((e) => [e.direction, e.text])).toEqual([
      ['inbound', 'Where is my order?'],
      ['outbound', `Rate ticket #${ticket.number}`],
    ]);
    expect(entries[1]?.chosen).toBe(five);

    // Give a stray second publish time to arrive: nothing more reaches the ticket.
    await new Promise((r) => setTimeout(r, 1000));
    const after = await pool.query(
      `SELECT t.status, t.csat->>'score' AS score,
              (SELECT count(*)::int FROM messages) AS messages,
              (SELECT count(*)::int FROM messages WHERE direction = 'inbound' AND (text LIKE 'csat:%' OR text IN ('1', '5'))) AS pressed,
              (SELECT count(*)::int FROM events WHERE type = 'ticket.rated' AND data->>'ticketId' = t.id::text) AS rated
         FROM tickets t WHERE t.id = $1`,
      [ticket.id],
    );
    expect(after.rows[0]).toEqual({
      status: 'resolved',
      score: '5',
      messages: messagesBefore,
      pressed: 0,
      rated: 1,
    });
  });
});
