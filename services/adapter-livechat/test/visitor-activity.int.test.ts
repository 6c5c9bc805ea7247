import { request } from 'node:http';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { type LivechatApp, startLivechatApp, VisitorClient } from './support/livechat-app';

/**
 * What the helpdesk sees of the visitor besides messages: typing through the ticket API's
 * long poll (`GET /v1/typing`, throttled, stored nowhere) and "read up to" as the replies'
 * `read` status with its `message.delivery_updated` events.
 */
let h: Harness;
let app: LivechatApp;

beforeAll(async () => {
  h = await startHarness('livechat-activity');
  app = await startLivechatApp(h, '    - account: shop\n');
}, 120_000);
afterAll(async () => {
  await app?.running.stop();
  await h?.close();
});

type Typing = { data: Array<{ ticketId: string; channel: string; at: string }> };

/** A `GET /v1/typing` long poll, answered once the feed listens (the poll that opened it keeps it open). */
async function poll(query: string): Promise<{ answer: Promise<Typing> }> {
  // Its own connection (fetch may queue a second request to the origin behind a waiting one).
  const answer = new Promise<Typing>((resolve, reject) => {
    const req = request(
      `${app.url}/v1/typing?${query}`,
      { agent: false, headers: { authorization: `Bearer ${app.apiKey}` } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () =>
          res.statusCode === 200 ? resolve(JSON.parse(body) as Typing) : reject(new Error(body)),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
  await waitFor(
    async () =>
      (
        await h.pool.query(
          `SELECT 1 FROM pg_stat_activity
            WHERE datname = current_database() AND query = 'LISTEN omni_customer_typing' AND state = 'idle'`,
        )
      ).rows.length > 0,
    { description: 'the typing feed listening' },
  );
  // Wrapped: an async function returning the promise itself would wait for the answer.
  return { answer };
}

describe("the visitor's activity on the agent side", () => {
  it('tells a typing poll of the ticket API that the visitor types, throttled, storing no event', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    const sent = await v.send('Hello, a question about my order', 't-1');
    const { id } = (await sent.json()) as { id: string };
    const { ticket_id } = await waitFor(
      async () =>
        (await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE id = $1', [id]))
          .rows[0],
      { description: 'stored' },
    );
    const eventsBefore = Number((await h.pool.query('SELECT count(*) FROM events')).rows[0].count);
    const mine = await poll(`ticketId=${ticket_id}&wait=20`);
    const others = await poll(`ticketId=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}&wait=2`);
    const { ws } = await v.socket(id);
    for (let i = 0; i < 5; i++) ws.send(JSON.stringify({ type: 'typing' }));
    expect(await mine.answer).toEqual({
      data: [{ ticketId: ticket_id, channel: 'livechat', at: expect.any(String) }],
    });
    // A round trip on the same socket after the burst: every typing frame was handled by then.
    ws.send(JSON.stringify({ type: 'ping' }));
    await new Promise<void>((resolve) => ws.once('message', () => resolve()));
    // The other four were within the throttle: nothing more for this ticket.
    expect(await (await poll(`ticketId=${ticket_id}&wait=1`)).answer).toEqual({ data: [] });
    expect(await others.answer).toEqual({ data: [] });
    expect(Number((await h.pool.query('SELECT count(*) FROM events')).rows[0].count)).toBe(eventsBefore);
    // No wait: an empty answer at once.
    expect(await app.api<Typing>('/v1/typing?wait=0')).toEqual({ data: [] });
    ws.close();
  });

  it('a visitor reading a reply is its read status and a message.delivery_updated event', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    const sent = await v.send('Anyone there?', 'r-1');
    const { id } = (await sent.json()) as { id: string };
    const { ticket_id } = await waitFor(
      async () =>
        (await h.pool.query<{ ticket_id: string }>('SELECT ticket_id FROM messages WHERE id = $1', [id]))
          .rows[0],
      { description: 'stored' },
    );
    const reply = await app.api<{ id: string }>(`/v1/tickets/${ticket_id}/replies`, {
      body: { text: 'Yes!' },
    });
    await waitFor(
      async () =>
        (await h.pool.query('SELECT 1 FROM livechat_entries WHERE message_id = $1', [reply.id])).rows
          .length === 1,
      { description: 'the reply in the conversation' },
    );
    const read = await fetch(`${app.url}/channels/livechat/shop/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${v.token}` },
      body: JSON.stringify({ status: 'read', id: reply.id }),
    });
    expect(read.status).toBe(204);
    await waitFor(
      async () =>
        (
          await h.pool.query(
            `SELECT 1 FROM events WHERE type = 'message.delivery_updated'
               AND data->>'messageId' = $1 AND data::text LIKE '%read%'`,
            [reply.id],
          )
        ).rows.length > 0,
      { description: 'message.delivery_updated (read) in the change feed' },
    );
  });
});
