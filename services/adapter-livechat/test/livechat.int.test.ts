import { createHmac } from 'node:crypto';
import { InboundMessage, messageId, TOPICS } from '@omni/contracts';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { ConversationRepository } from '../src';
import { type LivechatApp, pushed, startLivechatApp, VisitorClient } from './support/livechat-app';

/**
 * The visitor API against the adapter, threading and the ticket API on real PostgreSQL:
 * what a visitor sends is in /v1 once, a visitor reads only their own conversation, the
 * site's signature decides whether an identity is verified, replies and typing reach the
 * socket, and a reconnect resumes without loss or repetition.
 */
const IDENTITY_SECRET = 'shop-identity-secret-0123456789';
let h: Harness;
let app: LivechatApp;

beforeAll(async () => {
  h = await startHarness('livechat-api');
  app = await startLivechatApp(
    h,
    `    - account: shop
      identitySecret: ${IDENTITY_SECRET}
      allowedOrigins: ["https://shop.example.com"]
      topics: [{ id: billing, label: Billing }]
    - account: other
`,
  );
}, 120_000);
afterAll(async () => {
  await app?.running.stop();
  await h?.close();
});

interface StoredRow {
  id: string;
  ticket_id: string;
  customer_id: string;
  delivery_status: string | null;
}
const storedText = (text: string) =>
  waitFor(
    async () =>
      (
        await h.pool.query<StoredRow>(
          'SELECT id, ticket_id, customer_id, delivery_status FROM messages WHERE text = $1',
          [text],
        )
      ).rows[0],
    { description: `"${text}" stored` },
  );
const survivor = async (customerId: string) =>
  (
    await h.pool.query<{ id: string }>(
      'SELECT COALESCE(merged_into, id) AS id FROM customers WHERE id = $1',
      [customerId],
    )
  ).rows[0]?.id;

describe('visitor messages', () => {
  it('stores a message once, whatever the retries of the same clientMessageId', async () => {
    const v = new VisitorClient(app.url, 'shop');
    const session = await v.session({ name: 'Ann', topic: 'billing' });
    expect(session.messages).toEqual([]);
    const first = await v.send('Where is my order?', 'c-1');
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const again = await v.send('Where is my order?', 'c-1');
    expect(await again.json()).toEqual({ id });
    const row = await storedText('Where is my order?');
    expect(row.id).toBe(id);
    await v.send('Second question', 'c-2');
    await storedText('Second question');
    const { rows } = await h.pool.query('SELECT id FROM messages WHERE text = $1', ['Where is my order?']);
    expect(rows).toHaveLength(1);
    const ticket = await app.api<{ topic: string | null }>(`/v1/tickets/${row.ticket_id}`);
    expect(ticket.topic).toBe('billing');
    const history = (await (await v.history()).json()) as { data: Array<{ text: string }> };
    expect(history.data.map((e) => e.text)).toEqual(['Where is my order?', 'Second question']);
  });

  it('answers 401 to a missing, forged, other account’s or revoked token', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    expect((await v.history(undefined, '')).status).toBe(401);
    const [prefix, body] = v.token.split('.');
    expect((await v.history(undefined, `${prefix}.${body}.AAAA`)).status).toBe(401);
    expect((await v.send('forged', 'c-f', `${v.token}x`)).status).toBe(401);
    const other = new VisitorClient(app.url, 'other');
    expect((await other.history(undefined, v.token)).status).toBe(401);
    const visitor = JSON.parse(Buffer.from(body as string, 'base64url').toString()).v as string;
    await new ConversationRepository(h.pool).revoke('shop', visitor);
    expect((await v.history()).status).toBe(401);
    expect((await v.send('after revocation', 'c-r')).status).toBe(401);
  });

  it('never shows one visitor another’s conversation', async () => {
    const a = new VisitorClient(app.url, 'shop');
    const b = new VisitorClient(app.url, 'shop');
    await a.session();
    await b.session();
    const { id: fromA } = (await (await a.send('A private', 'c-a')).json()) as { id: string };
    await b.send('B private', 'c-b');
    expect((await b.history(fromA)).status).toBe(400);
    const seen = (await (await b.history()).json()) as { data: Array<{ text: string }> };
    expect(seen.data.map((e) => e.text)).toEqual(['B private']);
    // Resuming with another's token is resuming as them, so only the token counts; a guessable id is no key.
    const resumedB = await new VisitorClient(app.url, 'shop').session({ visitorToken: b.token });
    expect(resumedB.messages.map((m) => m.text)).toEqual(['B private']);
  });
});

describe('origins', () => {
  it('answers the account’s allowed origins with CORS headers and refuses any other', async () => {
    const base = `${app.url}/channels/livechat/shop`;
    const preflight = (origin: string) =>
      fetch(`${base}/messages`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const allowed = await preflight('https://shop.example.com');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://shop.example.com');
    expect((await preflight('https://evil.example')).status).toBe(403);
    const foreign = await fetch(`${base}/sessions`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
  });
});

describe('identity verification', () => {
  const hash = (userId: string, secret = IDENTITY_SECRET) =>
    createHmac('sha256', secret).update(userId).digest('hex');

  it('a signed userId is a verified identity: it merges with the same verified email elsewhere', async () => {
    const at = new Date().toISOString();
    await app.bus.publish(TOPICS.inbound, [
      {
        key: 'anna@example.com',
        value: InboundMessage.parse({
          version: 1,
          id: messageId('email', 'support', '<anna-1@example.com>'),
          channel: 'email',
          account: 'support',
          externalId: '<anna-1@example.com>',
          sentAt: at,
          receivedAt: at,
          sender: { externalId: 'anna@example.com', email: 'anna@example.com' },
          identities: [{ kind: 'email', value: 'anna@example.com', verified: true }],
          thread: { subject: 'Order' },
          content: { kind: 'text', text: 'Anna by email' },
          flags: {},
        }),
      },
    ]);
    const byEmail = await storedText('Anna by email');
    const user = new VisitorClient(app.url, 'shop');
    const first = await user.session({ userId: 'user-42', userHash: hash('user-42') });
    expect(first.verified).toBe(true);
    await user.send('Anna in the chat, logged in', 'c-1');
    const chat = await storedText('Anna in the chat, logged in');
    expect(await survivor(chat.customer_id)).not.toBe(await survivor(byEmail.customer_id));
    // Later the site passes her verified email too: the two customers are one.
    await user.session({ userId: 'user-42', userHash: hash('user-42'), email: 'anna@example.com' });
    await user.send('Anna with her email', 'c-2');
    await storedText('Anna with her email');
    await waitFor(async () => (await survivor(chat.customer_id)) === (await survivor(byEmail.customer_id)), {
      description: 'the chat customer merged with the email customer',
    });
    // Another device of the same user continues the same conversation.
    const phone = new VisitorClient(app.url, 'shop');
    const resumed = await phone.session({ userId: 'user-42', userHash: hash('user-42') });
    expect(resumed.messages.map((m) => m.text)).toEqual([
      'Anna in the chat, logged in',
      'Anna with her email',
    ]);
  });

  it('a wrong userHash leaves the visitor anonymous: unverified, merging nothing, reading nothing of the user', async () => {
    const merges = async () =>
      Number((await h.pool.query('SELECT count(*) FROM customer_merges')).rows[0].count);
    const before = await merges();
    const impostor = new VisitorClient(app.url, 'shop');
    const session = await impostor.session({
      userId: 'user-42',
      userHash: hash('user-42', 'not-the-secret-at-all'),
      email: 'anna@example.com',
    });
    expect(session.verified).toBe(false);
    expect(session.messages).toEqual([]);
    await impostor.send('Pretending to be Anna', 'c-1');
    await storedText('Pretending to be Anna');
    const visitor = JSON.parse(Buffer.from(impostor.token.split('.')[1] as string, 'base64url').toString())
      .v as string;
    expect(visitor).toMatch(/^a-/);
    const identity = await h.pool.query<{ verified: boolean }>(
      "SELECT verified FROM identities WHERE kind = 'livechat' AND value = $1",
      [`shop:${visitor}`],
    );
    expect(identity.rows).toEqual([{ verified: false }]);
    expect(await merges()).toBe(before);
  });
});

describe('the socket', () => {
  it('pushes agent replies and typing; receipts become delivered and read in /v1', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    const { ws, frames } = await v.socket();
    ws.send(JSON.stringify({ type: 'message', text: 'Hello over the socket', clientMessageId: 'w-1' }));
    await waitFor(() => frames.some((f) => f.type === 'accepted'), { description: 'accepted' });
    const asked = await storedText('Hello over the socket');
    await app.api(`/v1/tickets/${asked.ticket_id}/typing`, { body: { author: 'Kate' }, status: 204 });
    await waitFor(() => frames.some((f) => f.type === 'typing'), { description: 'typing pushed' });
    const reply = await app.api<{ id: string }>(`/v1/tickets/${asked.ticket_id}/replies`, {
      body: { text: 'Hi, Kate here', author: 'Kate' },
    });
    const entry = await waitFor(() => pushed(frames).find((e) => e.id === reply.id), {
      description: 'the reply pushed',
    });
    expect(entry).toMatchObject({ direction: 'outbound', text: 'Hi, Kate here', status: 'sent' });
    ws.send(JSON.stringify({ type: 'receipt', status: 'delivered', id: reply.id }));
    await waitFor(async () => (await storedText('Hi, Kate here')).delivery_status === 'delivered', {
      description: 'delivered in /v1',
    });
    ws.send(JSON.stringify({ type: 'receipt', status: 'read', id: reply.id }));
    await waitFor(async () => (await storedText('Hi, Kate here')).delivery_status === 'read', {
      description: 'read in /v1',
    });
    ws.close();
  });

  it('resumes after the last id seen: nothing lost, nothing twice, in order', async () => {
    const v = new VisitorClient(app.url, 'shop');
    await v.session();
    await v.send('Start', 'r-0');
    const { ticket_id } = await storedText('Start');
    const first = await v.socket();
    await app.api(`/v1/tickets/${ticket_id}/replies`, { body: { text: 'reply 1' } });
    await waitFor(() => pushed(first.frames).some((e) => e.text === 'reply 1'), { description: 'reply 1' });
    const lastSeen = pushed(first.frames).at(-1)?.id;
    first.ws.terminate();
    // While the visitor is away: replies and a message of their own from another tab.
    for (const n of [2, 3, 4])
      await app.api(`/v1/tickets/${ticket_id}/replies`, { body: { text: `reply ${n}` } });
    await v.send('from another tab', 'r-1');
    await waitFor(
      async () =>
        Number(
          (await h.pool.query("SELECT count(*) FROM livechat_entries WHERE text LIKE 'reply %'")).rows[0]
            .count,
        ) >= 4,
      { description: 'replies stored in the conversation' },
    );
    const second = await v.socket(lastSeen);
    await app.api(`/v1/tickets/${ticket_id}/replies`, { body: { text: 'reply 5' } });
    await waitFor(() => pushed(second.frames).some((e) => e.text === 'reply 5'), { description: 'reply 5' });
    // The conversation's own order (the tab's message may come between the replies).
    const history = (await (await v.history()).json()) as { data: Array<{ id: string; text: string }> };
    expect(history.data.map((e) => e.text).sort()).toEqual(
      ['Start', 'reply 1', 'reply 2', 'reply 3', 'reply 4', 'from another tab', 'reply 5'].sort(),
    );
    const shown = [...pushed(first.frames), ...pushed(second.frames)].map((e) => e.id);
    expect(shown).toEqual(history.data.map((e) => e.id));
    second.ws.close();
  });

  it('is refused before the upgrade without a valid token', async () => {
    const v = new VisitorClient(app.url, 'shop');
    v.token = 'lc1.forged.token';
    await expect(v.socket()).rejects.toThrow(/401/);
  });
});
