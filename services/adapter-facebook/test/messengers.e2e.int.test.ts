import { buildVkAdapter, randomId } from '@omni/adapter-vk';
import { createPool, PgBlobStore } from '@omni/db';
import { hubSignature } from '@omni/meta';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, loopbackOutboundGuard, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';
import { FakeVkApi } from '@omni/testkit/src/fakes/vk-api';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildFacebookAdapter } from '../src';

/**
 * End to end on real Kafka and PostgreSQL, composed as `pnpm start` does, for both
 * messengers in one run: a Messenger message and a VK message reach `/v1/tickets` once
 * (platform retries included); replies posted through the API reach the fake platforms
 * and are marked `sent`; the platforms' echoes of those replies do not add a second copy.
 */
describe('Facebook and VK end to end', () => {
  let h: Harness;
  let graph: FakeGraphApi;
  let vk: FakeVkApi;
  let running: RunningServices;
  const apiKey = generateApiKey();
  const fb = { token: 'e2e-page-token', secret: 'e2e-app-secret', pageId: '1000' };
  const vkAccount = { token: 'e2e-vk-token', secret: 'e2e-vk-secret', groupId: 4242 };

  beforeAll(async () => {
    h = await startHarness('msgr-e2e');
    graph = await FakeGraphApi.start({ pageAccessToken: fb.token });
    graph.files.set('photo.jpg', { data: Buffer.from('jpeg-bytes'), type: 'image/jpeg' });
    vk = await FakeVkApi.start({ accessToken: vkAccount.token, groupId: vkAccount.groupId });
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    const config = parseOmniConfig(
      [
        'channels:',
        '  facebook:',
        `    - { account: page, pageId: "${fb.pageId}", pageAccessToken: ${fb.token}, appSecret: ${fb.secret}, verifyToken: v, apiRoot: "${graph.url}" }`,
        '  vk:',
        `    - { account: club, groupId: ${vkAccount.groupId}, accessToken: ${vkAccount.token}, secret: ${vkAccount.secret}, confirmation: c, apiRoot: "${vk.url}" }`,
        '',
      ].join('\n'),
      {},
    );
    const blobs = new PgBlobStore(pool);
    running = await runServices({
      log: h.log,
      metrics: createMetrics('msgr-e2e'),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        // The fakes' file hosts listen on loopback.
        buildFacebookAdapter({
          config,
          bus,
          log: h.log,
          blobs,
          outbound: { groupId: uniqueName('fb-out') },
          outboundGuard: loopbackOutboundGuard(),
        }),
        buildVkAdapter({
          config,
          bus,
          log: h.log,
          blobs,
          outbound: { groupId: uniqueName('vk-out') },
          outboundGuard: loopbackOutboundGuard(),
        }),
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
    await graph?.close();
    await vk?.close();
    await h?.close();
  });

  /** The few fields of list and single responses this test reads. */
  type ApiRow = { id: string; channels: string[]; direction: string; text: string; deliveryStatus?: string };
  const v1 = async (
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: { data: ApiRow[]; id: string } }> => {
    const res = await fetch(`${running.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as { data: ApiRow[]; id: string } };
  };
  const ticketOf = (channel: string) =>
    waitFor(async () => (await v1('/v1/tickets')).body.data.find((t) => t.channels.includes(channel)), {
      timeoutMs: 40_000,
      description: `the ${channel} ticket in /v1/tickets`,
    });
  const messagesOf = async (
    ticketId: string,
  ): Promise<Array<{ id: string; direction: string; text: string; deliveryStatus?: string }>> =>
    (await v1(`/v1/tickets/${ticketId}/messages`)).body.data;
  const reply = async (ticketId: string, text: string): Promise<string> => {
    const posted = await v1(`/v1/tickets/${ticketId}/replies`, {
      method: 'POST',
      body: JSON.stringify({ text, author: 'Ольга' }),
    });
    expect(posted.status).toBe(202);
    return posted.body.id;
  };
  const marked = (ticketId: string, id: string, status: string) =>
    waitFor(async () => (await messagesOf(ticketId)).find((m) => m.id === id)?.deliveryStatus === status, {
      timeoutMs: 40_000,
      description: `the reply marked ${status}`,
    });

  it('Messenger: inbound with an attachment → ticket; reply → Send API → sent, delivered, read; its echo adds nothing', async () => {
    const fbPost = (body: unknown) => {
      const raw = JSON.stringify(body);
      return fetch(`${running.url}/channels/facebook/page/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, fb.secret) },
        body: raw,
      });
    };
    const event = (messaging: unknown) => ({
      object: 'page',
      entry: [{ id: fb.pageId, time: 1, messaging: [messaging] }],
    });
    const inbound = event({
      sender: { id: 'psid-1' },
      recipient: { id: fb.pageId },
      // Now: a reply is taken only within 24 hours of the customer's message (the ticket API's window).
      timestamp: Date.now() - 60_000,
      message: {
        mid: 'm_in_1',
        text: 'Здравствуйте, где заказ? 📦',
        attachments: [{ type: 'image', payload: { url: graph.fileUrl('photo.jpg') } }],
      },
    });
    expect((await fbPost(inbound)).status).toBe(200);
    expect((await fbPost(inbound)).status).toBe(200); // Meta's retry

    const ticket = await ticketOf('facebook');
    const stored = await messagesOf(ticket.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ direction: 'inbound', text: 'Здравствуйте, где заказ? 📦' });

    const replyId = await reply(ticket.id, 'Заказ в пути 🚚');
    const sent = await waitFor(() => graph.sent()[0], {
      timeoutMs: 40_000,
      description: 'the reply at the Send API',
    });
    expect(sent.body).toMatchObject({
      recipient: { id: 'psid-1' },
      messaging_type: 'RESPONSE',
      message: { text: 'Заказ в пути 🚚' },
    });
    await marked(ticket.id, replyId, 'sent');

    // Meta echoes the page's send with our metadata: stored once, as our reply.
    const echo = event({
      sender: { id: fb.pageId },
      recipient: { id: 'psid-1' },
      timestamp: Date.now() - 30_000,
      message: { is_echo: true, mid: 'm_fake1', text: 'Заказ в пути 🚚', metadata: `omni:${replyId}` },
    });
    expect((await fbPost(echo)).status).toBe(200);
    // Delivery names the mid, the read receipt a time: both reach our reply's status.
    const receipt = (extra: object) =>
      event({ sender: { id: 'psid-1' }, recipient: { id: fb.pageId }, timestamp: Date.now(), ...extra });
    expect((await fbPost(receipt({ delivery: { mids: ['m_fake1'], watermark: Date.now() } }))).status).toBe(
      200,
    );
    await marked(ticket.id, replyId, 'delivered');
    expect((await fbPost(receipt({ read: { watermark: Date.now() } }))).status).toBe(200);
    await marked(ticket.id, replyId, 'read');
    const marker = event({
      sender: { id: 'psid-1' },
      recipient: { id: fb.pageId },
      timestamp: Date.now(),
      message: { mid: 'm_in_2', text: 'Спасибо!' },
    });
    expect((await fbPost(marker)).status).toBe(200);
    await waitFor(async () => (await messagesOf(ticket.id)).some((m) => m.text === 'Спасибо!'), {
      timeoutMs: 40_000,
      description: 'the follow-up',
    });
    expect((await messagesOf(ticket.id)).map((m) => m.direction).sort()).toEqual([
      'inbound',
      'inbound',
      'outbound',
    ]);
  });

  it('VK: callback → ticket; reply → messages.send → sent, read; its message_reply echo adds nothing', async () => {
    const vkPost = (type: string, object: unknown, eventId: string) =>
      fetch(`${running.url}/channels/vk/club/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type,
          object,
          group_id: vkAccount.groupId,
          event_id: eventId,
          v: '5.199',
          secret: vkAccount.secret,
        }),
      });
    const message = {
      date: 1_767_225_600,
      from_id: 555,
      peer_id: 555,
      conversation_message_id: 7,
      text: 'Привет из ВК 👋',
    };
    const first = await vkPost('message_new', { message }, 'e-1');
    expect([first.status, await first.text()]).toEqual([200, 'ok']);
    expect((await vkPost('message_new', { message }, 'e-1')).status).toBe(200); // VK's retry

    const ticket = await ticketOf('vk');
    expect(await messagesOf(ticket.id)).toEqual([
      expect.objectContaining({ direction: 'inbound', text: 'Привет из ВК 👋' }),
    ]);

    const replyId = await reply(ticket.id, 'Ответ 🙂');
    const sent = await waitFor(() => vk.sent[0], {
      timeoutMs: 40_000,
      description: 'the reply at messages.send',
    });
    expect(sent).toMatchObject({ peerId: 555, text: 'Ответ 🙂', randomId: randomId(replyId) });
    await marked(ticket.id, replyId, 'sent');

    const echo = {
      date: 1_767_225_700,
      from_id: -vkAccount.groupId,
      peer_id: 555,
      conversation_message_id: sent.conversationMessageId,
      text: 'Ответ 🙂',
      out: 1,
      random_id: sent.randomId,
    };
    expect((await vkPost('message_reply', echo, 'e-2')).status).toBe(200);
    const read = {
      from_id: 555,
      peer_id: 555,
      read_message_id: sent.messageId,
      conversation_message_id: sent.conversationMessageId,
    };
    expect((await vkPost('message_read', read, 'e-read')).status).toBe(200);
    await marked(ticket.id, replyId, 'read');
    expect(
      (
        await vkPost(
          'message_new',
          { message: { ...message, conversation_message_id: 9, text: 'Спасибо' } },
          'e-3',
        )
      ).status,
    ).toBe(200);
    await waitFor(async () => (await messagesOf(ticket.id)).some((m) => m.text === 'Спасибо'), {
      timeoutMs: 40_000,
      description: 'the follow-up',
    });
    expect((await messagesOf(ticket.id)).map((m) => m.direction).sort()).toEqual([
      'inbound',
      'inbound',
      'outbound',
    ]);
  });
});
