import { createHmac, randomUUID } from 'node:crypto';
import { type Bus, InProcessBus } from '@omni/bus';
import { dlqTopic, messageId, type OutboundMessageInput, outboundTopic, TOPICS } from '@omni/contracts';
import { VIBER_STATUS, viberSignature } from '@omni/testkit/src/fakes/viber-api';
import { testLogger } from '@omni/testkit/src/test-logger';
import fc from 'fast-check';
import { parseLosslessJson, signatureMatches } from '../src';
import { fixtureText, startViberAdapter } from './setup';

type Adapter = Awaited<ReturnType<typeof startViberAdapter>>;

const message = (token: string, message: Record<string, unknown>, sender: Record<string, unknown> = {}) =>
  `{"event":"message","timestamp":1767225600000,"chat_hostname":"SN-376_","message_token":${token},` +
  `"sender":${JSON.stringify({ id: 'Vu7X/abc+def==', name: 'Олег 🚀', avatar: 'https://avatar.example/o.jpg', country: 'UA', language: 'uk', api_version: 10, ...sender })},` +
  `"message":${JSON.stringify(message)},"silent":false}`;

describe('Viber signature', () => {
  it('matches the viber-bot-python test vector', () => {
    const v = JSON.parse(fixtureText('signature_vector_viberbotpython'));
    expect(signatureMatches(v.x_viber_content_signature, Buffer.from(v.raw_body), v.auth_token)).toBe(true);
    expect(signatureMatches(v.x_viber_content_signature, Buffer.from(`${v.raw_body} `), v.auth_token)).toBe(
      false,
    );
    expect(signatureMatches(undefined, Buffer.from(v.raw_body), v.auth_token)).toBe(false);
    expect(signatureMatches('abc', Buffer.from(v.raw_body), v.auth_token)).toBe(false);
  });
});

describe('lossless parsing', () => {
  it('keeps tokens above 2^53 exact', () => {
    expect(JSON.parse('{"t":5000000000000000001}').t).toBe(5000000000000000000); // what JSON.parse does
    expect(parseLosslessJson('{"t":5000000000000000001}')).toEqual({ t: '5000000000000000001' });
  });
});

describe('Viber webhook', () => {
  let t: Adapter;
  beforeAll(async () => {
    t = await startViberAdapter();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.inbound.length = 0;
    t.deliveries.length = 0;
  });

  it('registered the webhook with our path and the receipt events on start', () => {
    expect(t.api.webhook).toEqual({
      url: 'https://omni.example.com/channels/viber/support/webhook',
      eventTypes: ['delivered', 'seen', 'failed', 'subscribed', 'unsubscribed', 'conversation_started'],
    });
  });

  it('publishes a text message with the sender identity, Cyrillic and emoji intact', async () => {
    const res = await t.post(
      message('5312391233847543811', { type: 'text', text: 'Привет! Где мой заказ? 📦' }),
    );
    expect(res.statusCode).toBe(200);
    expect(t.inbound[0]).toMatchObject({
      channel: 'viber',
      account: 'support',
      externalId: '5312391233847543811',
      id: messageId('viber', 'support', '5312391233847543811'),
      sentAt: '2026-01-01T00:00:00.000Z',
      sender: {
        externalId: 'Vu7X/abc+def==',
        displayName: 'Олег 🚀',
        locale: 'uk',
        country: 'UA',
        avatarUrl: 'https://avatar.example/o.jpg',
      },
      identities: [{ kind: 'viber', value: 'Vu7X/abc+def==', verified: true }],
      content: { kind: 'text', text: 'Привет! Где мой заказ? 📦' },
    });
  });

  it('keeps two tokens that differ only in the last digits as two messages', async () => {
    // Both round to the same double: JSON.parse would make them one message.
    expect(Number('5312391233847543811')).toBe(Number('5312391233847543812'));
    await t.post(message('5312391233847543811', { type: 'text', text: 'один' }));
    await t.post(message('5312391233847543812', { type: 'text', text: 'два' }));
    expect(t.inbound.map((m) => m.externalId)).toEqual(['5312391233847543811', '5312391233847543812']);
    expect(t.inbound[0]?.id).not.toBe(t.inbound[1]?.id);
  });

  it('maps the fixtures of every message kind', async () => {
    for (const name of [
      'courier_message_text',
      'courier_message_contact',
      'courier_message_location',
      'courier_message_sticker',
      'viberbotpython_message_text_unicode',
    ]) {
      expect((await t.post(fixtureText(name))).statusCode).toBe(200);
    }
    expect(t.inbound.map((m) => m.content.kind)).toEqual(['text', 'contact', 'location', 'sticker', 'text']);
    expect(t.inbound[1]?.content.text).toBe('[contact: Alex, +12067799191]');
    expect(t.inbound[1]?.identities).toHaveLength(1); // someone's contact card is not the sender's identity
    expect(t.inbound[2]?.content.location).toEqual({ latitude: 1.2, longitude: -1.3 });
    expect(t.inbound[4]?.externalId).toBe('4912661846655238145');
    expect(t.inbound[4]?.content.text).toContain('批封廟根縄華勢田郎報株聞');
  });

  it('downloads picture, video and file media and stores them; a too-big file is recorded as skipped', async () => {
    const jpg = Buffer.from('jpeg-bytes');
    await t.post(
      message('1', {
        type: 'picture',
        text: 'фото чека',
        media: t.api.mediaUrl('p.jpg', jpg),
        thumbnail: 'https://x/t.jpg',
      }),
    );
    await t.post(
      message('2', {
        type: 'video',
        media: t.api.mediaUrl('v.mp4', Buffer.from('mp4')),
        size: 3,
        duration: 4,
      }),
    );
    await t.post(
      message('3', {
        type: 'file',
        media: t.api.mediaUrl('a.pdf', Buffer.from('%PDF')),
        file_name: 'договор.pdf',
        size: 4,
      }),
    );
    await t.post(
      message('4', {
        type: 'file',
        media: t.api.mediaUrl('big.bin', Buffer.alloc(2000)),
        file_name: 'big.bin',
        size: 2000,
      }),
    );
    await t.post(message('5', { type: 'url', media: 'https://shop.example.com/orders/5' }));
    const [picture, video, file, big, url] = t.inbound;
    expect(picture?.content).toMatchObject({
      kind: 'image',
      text: 'фото чека',
      attachments: [{ mimeType: 'image/jpeg', size: jpg.length }],
    });
    expect(await t.blobs.get(picture?.content.attachments[0]?.blobId ?? '')).toEqual(jpg);
    expect(video?.content).toMatchObject({
      kind: 'video',
      attachments: [{ mimeType: 'video/mp4', size: 3 }],
    });
    expect(file?.content).toMatchObject({
      kind: 'file',
      text: '[file: договор.pdf]',
      attachments: [{ name: 'договор.pdf', mimeType: 'application/pdf' }],
    });
    expect(big?.content.attachments[0]?.skipped).toContain('limit');
    expect(url?.content).toMatchObject({ kind: 'text', text: 'https://shop.example.com/orders/5' });
  });

  it('answers 503 while media cannot be downloaded, and after five failures publishes the message with it skipped', async () => {
    const body = message('9000000000000000001', {
      type: 'picture',
      text: 'фото',
      media: 'http://127.0.0.1:9/unreachable.jpg',
    });
    for (let i = 0; i < 5; i++) expect((await t.post(body)).statusCode).toBe(503);
    expect(t.inbound).toHaveLength(0);
    expect((await t.post(body)).statusCode).toBe(200);
    expect(t.inbound[0]?.content.attachments[0]?.skipped).toMatch(/^download failed 5 times/);
  });

  it('acknowledges conversation_started, subscribed, unsubscribed and the webhook check without publishing', async () => {
    for (const name of [
      'official_conversation_started',
      'courier_conversation_started',
      'courier_subscribed',
      'courier_webhook_check_event',
    ]) {
      const res = await t.post(fixtureText(name));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 0, outcome: 'ignored' });
    }
    const res = await t.post(
      '{"event":"unsubscribed","timestamp":1457764197627,"user_id":"01234567890A=","message_token":4912661846655238145}',
    );
    expect(res.statusCode).toBe(200);
    expect(t.inbound).toHaveLength(0);
  });

  it('answers 200 and logs at debug for an unknown event', async () => {
    const res = await t.post('{"event":"client_status","timestamp":1,"message_token":1}');
    expect(res.statusCode).toBe(200);
    expect(t.log.lines.some((l) => l.includes('"level":20') && l.includes('client_status'))).toBe(true);
  });

  it('refuses a wrong or missing signature with 401 and publishes nothing', async () => {
    const body = message('77', { type: 'text', text: 'x' });
    expect((await t.post(body, null)).statusCode).toBe(401);
    expect((await t.post(body, viberSignature('another-token', body))).statusCode).toBe(401);
    expect((await t.post(body, viberSignature(t.api.authToken, `${body} `))).statusCode).toBe(401);
    // Upper-case hex of the right digest is still the right digest.
    expect((await t.post(body, viberSignature(t.api.authToken, body).toUpperCase())).statusCode).toBe(200);
    expect(t.inbound).toHaveLength(1);
  });

  it('dead-letters a known event whose shape no retry can fix, answers 200, and publishes nothing', async () => {
    const dead: Array<{ value: unknown }> = [];
    await t.bus.subscribe({
      groupId: 'dlq-watch-shape',
      topic: dlqTopic(TOPICS.inbound),
      schema: (await import('zod')).z.unknown(),
      handle: async (rs) => void dead.push(...rs),
    });
    // A message without its sender: known by name, not in Viber's shape.
    const res = await t.post(
      '{"event":"message","timestamp":1,"message_token":77,"message":{"type":"text","text":"x"}}',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 0, outcome: 'dead-lettered' });
    expect(dead).toHaveLength(1);
    expect(JSON.stringify(dead[0]?.value)).toContain('does not match');
    expect(t.inbound).toHaveLength(0);
  });

  it('answers 400 to a body that names no event', async () => {
    expect((await t.post('{"timestamp":1,"message_token":77}')).statusCode).toBe(400);
    expect((await t.post('{"event":42}')).statusCode).toBe(400);
    expect(t.inbound).toHaveLength(0);
  });

  it('answers 400 to malformed JSON', async () => {
    expect((await t.post('{"event":"message",')).statusCode).toBe(400);
    expect((await t.post('')).statusCode).toBe(400);
    expect((await t.post('[1,2]')).statusCode).toBe(400);
  });

  it('turns a redelivered callback into the same message id', async () => {
    await t.post(fixtureText('courier_message_text'));
    await t.post(fixtureText('courier_message_text'));
    expect(t.inbound[0]?.id).toBe(t.inbound[1]?.id);
  });

  it('never answers 5xx nor crashes on random or mutated callbacks', async () => {
    const bases = [
      'courier_message_text',
      'courier_message_location',
      'courier_delivered',
      'official_seen',
      'courier_subscribed',
    ].map((n) => JSON.parse(fixtureText(n)));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc
              .tuple(
                fc.constantFrom(...bases),
                fc.array(
                  fc.tuple(
                    fc.constantFrom(
                      'event',
                      'message',
                      'sender',
                      'message_token',
                      'timestamp',
                      'user',
                      'type',
                      'location',
                      'media',
                      'text',
                    ),
                    fc.jsonValue({ maxDepth: 2 }),
                  ),
                  { maxLength: 4 },
                ),
              )
              .map(([b, muts]) => {
                const copy = structuredClone(b) as Record<string, unknown>;
                for (const [k, v] of muts) {
                  const inner = copy.message as Record<string, unknown> | undefined;
                  if (inner && typeof inner === 'object' && ['type', 'location', 'media', 'text'].includes(k))
                    inner[k] = v;
                  else copy[k] = v;
                }
                return JSON.stringify(copy);
              }),
            fc.string().map((s) => `{"event":"message","message_token":${s}}`),
          ),
          async (body) => {
            const res = await t.post(body);
            expect(res.statusCode).toBeLessThan(500);
          },
        ),
        { numRuns: 150 },
      );
      // Give any stray promise a turn to reject before checking.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  });

  it('never writes the auth token to the logs', () => {
    expect(t.log.lines.length).toBeGreaterThan(0);
    expect(t.log.lines.join('\n')).not.toContain(t.api.authToken);
  });
});

describe('Viber webhook with the bus down', () => {
  it('answers 503 so Viber retries', async () => {
    const failing = new InProcessBus(testLogger('viber', 'silent')) as Bus;
    failing.publish = async () => {
      throw new Error('broker unreachable');
    };
    const t = await startViberAdapter({ bus: failing });
    try {
      expect((await t.post(fixtureText('courier_message_text'))).statusCode).toBe(503);
    } finally {
      await t.close();
    }
  });
});

describe('Viber replies and receipts', () => {
  let t: Adapter;
  beforeAll(async () => {
    t = await startViberAdapter();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.deliveries.length = 0;
  });

  const reply = (text: string, extra: Partial<OutboundMessageInput> = {}): OutboundMessageInput => ({
    version: 1,
    id: randomUUID(),
    ticketId: randomUUID(),
    ticketNumber: 3,
    channel: 'viber',
    account: 'support',
    recipient: { externalId: 'Vu7X/abc+def==' },
    content: { text, attachments: [] },
    thread: {},
    createdAt: new Date().toISOString(),
    ...extra,
  });
  const publish = (m: OutboundMessageInput) =>
    t.bus.publish(outboundTopic('viber'), [{ key: m.ticketId, value: m }]);
  const signed = (body: string) =>
    t.post(body, createHmac('sha256', t.api.authToken).update(body).digest('hex'));

  it('sends with the bot sender name, reports sent with the exact token, and maps delivered/seen/failed receipts', async () => {
    const m = reply('Здравствуйте, Олег! Заказ отправлен 🚚');
    await publish(m);
    expect(t.api.callsOf('send_message').at(-1)?.body).toMatchObject({
      receiver: 'Vu7X/abc+def==',
      sender: { name: 'Поддержка' },
      type: 'text',
      text: 'Здравствуйте, Олег! Заказ отправлен 🚚',
    });
    const token = t.api.lastToken as string;
    expect(BigInt(token)).toBeGreaterThan(2n ** 53n);
    expect(t.deliveries).toEqual([
      expect.objectContaining({ messageId: m.id, ticketId: m.ticketId, status: 'sent', externalId: token }),
    ]);

    for (const event of ['delivered', 'seen']) {
      const res = await signed(
        `{"event":"${event}","timestamp":1767225600000,"message_token":${token},"user_id":"Vu7X/abc+def=="}`,
      );
      expect(res.json()).toMatchObject({ outcome: 'delivery' });
    }
    await signed(
      `{"event":"failed","timestamp":1767225600000,"message_token":${token},"user_id":"Vu7X/abc+def==","desc":"user blocked the bot"}`,
    );
    expect(t.deliveries.slice(1)).toEqual([
      expect.objectContaining({
        messageId: m.id,
        status: 'delivered',
        externalId: token,
        occurredAt: '2026-01-01T00:00:00.000Z',
      }),
      expect.objectContaining({ messageId: m.id, status: 'read' }),
      expect.objectContaining({
        messageId: m.id,
        status: 'failed',
        error: { code: 'viber-failed', message: 'user blocked the bot', retriable: false },
      }),
    ]);
  });

  it('acknowledges receipts of messages we did not send (a token one digit off is another message)', async () => {
    await publish(reply('ещё одно'));
    const other = (BigInt(t.api.lastToken as string) + 1000n).toString();
    const res = await signed(fixtureText('official_seen').replace('4912661846655238145', other));
    expect(res.json()).toMatchObject({ outcome: 'ignored' });
    expect(t.deliveries.filter((d) => d.status === 'read')).toHaveLength(0);
  });

  it('retries tooManyRequests and HTTP 5xx, then sends', async () => {
    t.api.failNext('send_message', VIBER_STATUS.tooManyRequests);
    t.api.failNext('send_message', { httpStatus: 503 });
    await publish(reply('после ретраев'));
    expect(t.deliveries.at(-1)?.status).toBe('sent');
  });

  it('reports a non-zero status with the platform message as a permanent failure', async () => {
    t.api.unsubscribe('gone-user');
    const before = t.api.callsOf('send_message').length;
    await publish(reply('вы отписались', { recipient: { externalId: 'gone-user' } }));
    expect(t.api.callsOf('send_message').length - before).toBe(1);
    expect(t.deliveries.at(-1)).toMatchObject({
      status: 'failed',
      error: { code: 'viber-6', retriable: false, message: expect.stringContaining('receiverNotSubscribed') },
    });
  });

  it('refuses stored attachments (Viber needs a public URL) as a permanent failure', async () => {
    await publish(
      reply('файл', {
        content: {
          text: 'файл',
          attachments: [{ blobId: randomUUID(), name: 'a.pdf', mimeType: 'application/pdf', size: 1 }],
        },
      }),
    );
    expect(t.deliveries.at(-1)).toMatchObject({
      status: 'failed',
      error: { code: 'viber-attachments-unsupported' },
    });
  });
});
