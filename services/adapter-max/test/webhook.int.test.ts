import { messageId, outboundTopic } from '@omni/contracts';
import { type Harness, outboundMessage, startHarness, waitFor } from '@omni/testkit';
import { MAX_ERRORS, maxUpdates } from '@omni/testkit/src/fakes/max-api';
import { SECRET, startWebhookAdapter } from './setup';

/**
 * The webhook against the fake MAX Bot API, on an in-process bus and real PostgreSQL (dialog
 * state): the secret, redeliveries, dead letters, files, button presses, bot_started and
 * bot_stopped, and the subscription made on start.
 */
describe('MAX webhook', () => {
  let h: Harness;
  let t: Awaited<ReturnType<typeof startWebhookAdapter>>;
  beforeAll(async () => {
    h = await startHarness('max-webhook');
    t = await startWebhookAdapter(h);
  });
  afterAll(async () => {
    await t?.close();
    await h?.close();
  });
  beforeEach(() => {
    t.inbound.length = 0;
    t.deadLetters.length = 0;
    t.reports.length = 0;
  });

  it('subscribes on start with our URL, the handled update types and the secret', () => {
    expect(t.api.subscriptions).toEqual([
      {
        url: 'https://omni.example.com/base/channels/max/max-bot/webhook',
        time: expect.any(Number),
        update_types: [
          'message_created',
          'message_edited',
          'message_removed',
          'message_callback',
          'bot_started',
          'bot_stopped',
        ],
        secret: SECRET,
      },
    ]);
  });

  it('a missing or wrong secret is refused and nothing is published', async () => {
    const update = maxUpdates.message({ userId: 11, mid: 'mid.s1', text: 'forged' });
    expect((await t.post(update, {})).statusCode).toBe(401);
    expect((await t.post(update, { 'x-max-bot-api-secret': `${SECRET}x` })).statusCode).toBe(401);
    expect((await t.post(update, { 'x-max-bot-api-secret': '' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/channels/max/nobody/webhook', payload: '{}' })).statusCode,
    ).toBe(404);
    expect(t.inbound).toEqual([]);
  });

  it('a redelivered update is the same message (same id), so threading stores it once', async () => {
    const update = maxUpdates.message({ userId: 12, mid: 'mid.r1', text: 'дважды' });
    expect((await t.post(update)).statusCode).toBe(200);
    expect((await t.post(update)).statusCode).toBe(200);
    await waitFor(() => t.inbound.length === 2);
    expect(new Set(t.inbound.map((m) => m.id))).toEqual(new Set([messageId('max', 'max-bot', 'mid.r1')]));
  });

  it('a malformed update is dead-lettered with a 200 and the next one is published', async () => {
    const bad = await t.post({ update_type: 'message_created', timestamp: 5, message: { body: {} } });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ outcome: 'dead-lettered' });
    const headless = await t.post({ hello: 'world' });
    expect(headless.json()).toMatchObject({ outcome: 'dead-lettered' });
    expect((await t.post('not json')).statusCode).toBe(400);
    expect(
      (await t.post(maxUpdates.message({ userId: 13, mid: 'mid.after', text: 'после' }))).statusCode,
    ).toBe(200);
    await waitFor(() => t.inbound.length === 1 && t.deadLetters.length === 2);
    expect(t.inbound[0]?.content.text).toBe('после');
    expect(t.deadLetters[0]).toMatchObject({
      channel: 'max',
      account: 'max-bot',
      reason: expect.stringContaining('message_created'),
    });
  });

  it('membership and other kinds are acknowledged and ignored', async () => {
    for (const body of [
      { update_type: 'user_added', timestamp: 1, chat_id: -5, user: maxUpdates.user(1), is_channel: false },
      { update_type: 'bot_added', timestamp: 1, chat_id: -5, user: maxUpdates.user(1), is_channel: false },
      { update_type: 'message_removed', timestamp: 1, message_id: 'mid.x', chat_id: 5, user_id: 5 },
      { update_type: 'something_new', timestamp: 1 },
    ]) {
      const res = await t.post(body);
      expect(res.json()).toMatchObject({ outcome: 'ignored' });
    }
    expect(t.inbound).toEqual([]);
    expect(t.deadLetters).toEqual([]);
  });

  it('stores every attachment under the limits, a video through GET /videos, a refused file as skipped', async () => {
    const photo = t.api.serveFile('p.jpg', Buffer.from('jpeg-bytes'), 'image/jpeg');
    t.api.serveFile('video-vt1', Buffer.from('mp4-bytes'), 'video/mp4');
    const big = t.api.serveFile('big.bin', Buffer.alloc(64), 'application/octet-stream');
    const update = maxUpdates.message({
      userId: 14,
      mid: 'mid.media',
      text: 'фото и видео',
      attachments: [
        { type: 'image', payload: { photo_id: 1, token: 't', url: photo } },
        { type: 'video', payload: { url: 'https://vd.example/?1', token: 'vt1' } },
        { type: 'video', payload: { url: 'https://vd.example/?2', token: 'gone' } },
        {
          type: 'file',
          payload: { url: `${t.api.url}/files/missing`, token: 'f' },
          filename: 'нет.pdf',
          size: 10,
        },
        {
          type: 'file',
          payload: { url: big, token: 'f2' },
          filename: 'big.bin',
          size: 64 * 1024 * 1024 * 1024,
        },
      ],
    });
    expect((await t.post(update)).statusCode).toBe(200);
    await waitFor(() => t.inbound.length === 1);
    const attachments = t.inbound[0]?.content.attachments ?? [];
    expect(attachments.map((a) => [a.name, a.skipped === undefined])).toEqual([
      ['image-mid.media-1.jpg', true],
      ['video-mid.media-2.mp4', true],
      ['нет.pdf', false],
      ['big.bin', false],
      ['video-mid.media-3.mp4', false],
    ]);
    const [image, video] = attachments;
    expect(t.blobs.data.get(image?.blobId ?? '')?.toString()).toBe('jpeg-bytes');
    expect(t.blobs.data.get(video?.blobId ?? '')?.toString()).toBe('mp4-bytes');
    expect(attachments[4]?.skipped).toContain('MAX refused the video');
  });

  it('a file URL at an address the outbound guard forbids is never fetched: kept as skipped', async () => {
    const update = maxUpdates.message({
      userId: 18,
      mid: 'mid.ssrf',
      attachments: [
        {
          type: 'file',
          payload: { url: 'http://10.20.30.40/admin', token: 'f' },
          filename: 'x.txt',
          size: 5,
        },
      ],
    });
    expect((await t.post(update)).statusCode).toBe(200);
    await waitFor(() => t.inbound.length === 1);
    expect(t.inbound[0]?.content.attachments[0]?.skipped).toContain('outbound address policy');
  });

  it('a button press becomes a postback and is answered with POST /answers', async () => {
    const res = await t.post(maxUpdates.callback({ userId: 15, callbackId: 'cb-15', payload: 'rating:5' }));
    expect(res.json()).toMatchObject({ outcome: 'published' });
    await waitFor(() => t.inbound.length === 1);
    expect(t.inbound[0]?.content).toMatchObject({ kind: 'postback', payload: 'rating:5' });
    expect(t.api.answers).toEqual([{ callbackId: 'cb-15', body: { notification: '✓' } }]);
  });

  it('after bot_stopped a reply fails permanently with the reason; bot_started records its payload and lifts it', async () => {
    const reply = (text: string) =>
      outboundMessage({ channel: 'max', account: 'max-bot', recipient: { externalId: '16' } }, text);
    expect((await t.post(maxUpdates.botStopped(16))).json()).toMatchObject({ outcome: 'recorded' });
    const refused = reply('вы нас заблокировали');
    await t.bus.publish(outboundTopic('max'), [{ key: refused.ticketId, value: refused }]);
    await waitFor(() => t.reports.find((r) => r.messageId === refused.id));
    expect(t.reports.find((r) => r.messageId === refused.id)).toMatchObject({
      status: 'failed',
      error: {
        code: 'max-bot-stopped',
        retriable: false,
        message: expect.stringContaining('stopped the bot'),
      },
    });
    expect(t.api.sent).toEqual([]);

    expect((await t.post(maxUpdates.botStarted(16, 'promo-42', 1_767_225_900_000))).json()).toMatchObject({
      outcome: 'published',
    });
    await waitFor(() => t.inbound.length === 1);
    expect(t.inbound[0]?.content).toMatchObject({ kind: 'postback', payload: 'promo-42' });
    const allowed = reply('с возвращением');
    await t.bus.publish(outboundTopic('max'), [{ key: allowed.ticketId, value: allowed }]);
    await waitFor(() => t.reports.find((r) => r.messageId === allowed.id));
    expect(t.reports.find((r) => r.messageId === allowed.id)).toMatchObject({ status: 'sent' });
    expect(t.api.sent.map((s) => [s.userId, s.text])).toEqual([[16, 'с возвращением']]);
  });

  it("MAX's own 403 for a user who stopped the bot is permanent too", async () => {
    t.api.stopped.add(17);
    const message = outboundMessage(
      { channel: 'max', account: 'max-bot', recipient: { externalId: '17' } },
      'привет',
    );
    await t.bus.publish(outboundTopic('max'), [{ key: message.ticketId, value: message }]);
    await waitFor(() => t.reports.find((r) => r.messageId === message.id));
    expect(t.reports.find((r) => r.messageId === message.id)).toMatchObject({
      status: 'failed',
      error: {
        code: 'max-403',
        retriable: false,
        message: expect.stringContaining(MAX_ERRORS.chatDenied.code),
      },
    });
  });
});
