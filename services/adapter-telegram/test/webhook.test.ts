import { randomUUID } from 'node:crypto';
import { type Bus, InProcessBus } from '@omni/bus';
import { dlqTopic, type OutboundMessageInput, outboundTopic, TOPICS } from '@omni/contracts';
import { TELEGRAM_ERRORS } from '@omni/testkit/src/fakes/telegram-api';
import { testLogger } from '@omni/testkit/src/test-logger';
import fc from 'fast-check';
import { fixture, SECRET, startWebhookAdapter } from './setup';

type Adapter = Awaited<ReturnType<typeof startWebhookAdapter>>;

describe('Telegram webhook', () => {
  let t: Adapter;
  beforeAll(async () => {
    t = await startWebhookAdapter();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.inbound.length = 0;
    t.deliveries.length = 0;
  });

  it('registered the webhook with the secret and our explicit path on start', () => {
    expect(t.api.webhook).toEqual({
      url: 'https://omni.example.com/channels/telegram/support-bot/webhook',
      secretToken: SECRET,
    });
    expect(t.api.callsOf('setWebhook')[0]?.params.allowed_updates).toEqual([
      'message',
      'edited_message',
      'callback_query',
    ]);
  });

  it('publishes a message and answers 200 once the bus accepted it', async () => {
    const res = await t.post(fixture('courier_text'));
    expect(res.statusCode).toBe(200);
    expect(t.inbound).toHaveLength(1);
    expect(t.inbound[0]).toMatchObject({
      channel: 'telegram',
      account: 'support-bot',
      externalId: '3527065:41',
      content: { text: 'Hello World' },
    });
  });

  it('refuses a wrong or missing secret with 401 and publishes nothing', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { 'x-telegram-bot-api-secret-token': 'wrong' },
      { 'x-telegram-bot-api-secret-token': `${SECRET}x` },
    ]) {
      const res = await t.post(fixture('courier_text'), headers);
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(t.inbound).toHaveLength(0);
  });

  it('answers 400 to malformed JSON and to a body that is no update', async () => {
    expect((await t.post('{"update_id": 1, "message": ')).statusCode).toBe(400);
    expect((await t.post({ hello: 'world' })).statusCode).toBe(400);
    expect(t.inbound).toHaveLength(0);
  });

  it('acknowledges an unknown update kind with 200 and a debug log', async () => {
    const res = await t.post({ update_id: 99, message_reaction_v9: { chat: { id: 1 } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'ignored' });
    expect(t.inbound).toHaveLength(0);
    expect(t.log.lines.some((l) => l.includes('"level":20') && l.includes('message_reaction_v9'))).toBe(true);
  });

  it('dead-letters an update whose content no retry can fix, and still answers 200', async () => {
    const dead: unknown[] = [];
    await t.bus.subscribe({
      groupId: 'dlq-watch',
      topic: dlqTopic(TOPICS.inbound),
      schema: (await import('zod')).z.unknown(),
      handle: async (rs) => void dead.push(...rs),
    });
    const res = await t.post({ update_id: 5, message: { message_id: 'not-a-number', chat: { id: 1 } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'dead-lettered' });
    expect(dead).toHaveLength(1);
  });

  it('turns a redelivered update into the same message id (threading stores it once)', async () => {
    await t.post(fixture('official_text_start'));
    await t.post(fixture('official_text_start'));
    expect(t.inbound).toHaveLength(2);
    expect(t.inbound[0]?.id).toBe(t.inbound[1]?.id);
  });

  it('downloads the largest photo through getFile and stores it', async () => {
    const update = fixture('courier_photo_caption');
    const largest = 'AgADAQADtKcxG4LRUUQSQVUjfJIiiF8G6C8ABA9NJzFdXskaincBAAEC';
    const bytes = Buffer.from('\xff\xd8 a jpeg of sorts', 'latin1');
    t.api.addFile(largest, bytes, 'photos/file_1.jpg');
    (update.message as { photo: Array<{ file_size: number }> }).photo.at(-1)!.file_size = bytes.length;
    const res = await t.post(update);
    expect(res.statusCode).toBe(200);
    const [attachment] = t.inbound[0]?.content.attachments ?? [];
    expect(attachment).toMatchObject({ name: 'photo-85.jpg', mimeType: 'image/jpeg', size: bytes.length });
    expect(await t.blobs.get(attachment?.blobId ?? '')).toEqual(bytes);
    expect(t.api.callsOf('getFile').at(-1)?.params.file_id).toBe(largest);
  });

  it('records a file Telegram refuses or that is too big as skipped, never drops the message', async () => {
    const res = await t.post(fixture('official_document')); // file id unknown to the fake: 400 invalid file_id
    expect(res.statusCode).toBe(200);
    expect(t.inbound[0]?.content.attachments[0]).toMatchObject({
      name: 'Testfile.pdf',
      skipped: expect.stringContaining('invalid file_id'),
    });
    const big = fixture('official_document');
    (big.message as { document: { file_size: number } }).document.file_size = 30 * 1024 * 1024;
    await t.post(big);
    expect(t.inbound[1]?.content.attachments[0]?.skipped).toContain('limit');
  });

  it('answers 503 while a file cannot be fetched, and after five failures publishes the message with the file skipped', async () => {
    const update = fixture('courier_sticker');
    t.api.failNext('getFile', { error_code: 500, description: 'Internal Server Error' }, 6);
    for (let i = 0; i < 5; i++) expect((await t.post(update)).statusCode).toBe(503);
    expect(t.inbound).toHaveLength(0);
    expect((await t.post(update)).statusCode).toBe(200);
    expect(t.inbound[0]?.content.attachments[0]?.skipped).toMatch(
      /download failed 5 times: getFile: Internal Server Error/,
    );
  });

  it('never answers 5xx nor crashes on random or mutated updates', async () => {
    const base = [
      fixture('courier_text'),
      fixture('courier_photo_caption'),
      fixture('official_edited_message'),
      fixture('official_callback_query'),
    ];
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.jsonValue(),
            fc
              .tuple(
                fc.constantFrom(...base),
                fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })), {
                  maxLength: 4,
                }),
              )
              .map(([b, muts]) => {
                const copy = structuredClone(b) as Record<string, unknown>;
                const target = (copy.message ?? copy.edited_message ?? copy.callback_query ?? copy) as Record<
                  string,
                  unknown
                >;
                for (const [k, v] of muts) target[k === '' ? 'text' : k] = v;
                return copy;
              }),
            fc.string().map((s) => `{"update_id":1,"message":${s}`),
          ),
          async (body) => {
            const res = await t.post(typeof body === 'string' ? body : JSON.stringify(body));
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

  it('never writes the bot token or the webhook secret to the logs', () => {
    expect(t.log.lines.length).toBeGreaterThan(0);
    const all = t.log.lines.join('\n');
    expect(all).not.toContain(t.api.token.split(':')[1]);
    expect(all).not.toContain(SECRET);
  });
});

describe('Telegram webhook with the bus down', () => {
  it('answers 503 so Telegram retries', async () => {
    const log = testLogger('tg', 'silent');
    const failing = new InProcessBus(log) as Bus;
    failing.publish = async () => {
      throw new Error('broker unreachable');
    };
    const t = await startWebhookAdapter({ bus: failing });
    try {
      const res = await t.post(fixture('courier_text'));
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await t.close();
    }
  });
});

describe('Telegram replies', () => {
  let t: Adapter;
  beforeAll(async () => {
    t = await startWebhookAdapter();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.deliveries.length = 0;
  });

  const reply = (text: string, extra: Partial<OutboundMessageInput> = {}): OutboundMessageInput => ({
    version: 1,
    id: randomUUID(),
    ticketId: randomUUID(),
    ticketNumber: 7,
    channel: 'telegram',
    account: 'support-bot',
    recipient: { externalId: '3527065', externalChatId: '3527065' },
    content: { text, attachments: [] },
    thread: { replyToExternalId: '3527065:41' },
    createdAt: new Date().toISOString(),
    ...extra,
  });
  const publish = (m: OutboundMessageInput) =>
    t.bus.publish(outboundTopic('telegram'), [{ key: m.ticketId, value: m }]);

  it('sends the text to the chat as a reply and reports it sent with the platform id', async () => {
    const m = reply('Добрый день! Посылка в пути 📦');
    await publish(m);
    const call = t.api.callsOf('sendMessage').at(-1);
    expect(call?.params).toMatchObject({
      chat_id: '3527065',
      text: 'Добрый день! Посылка в пути 📦',
      reply_parameters: { message_id: 41 },
    });
    expect(t.deliveries).toEqual([
      expect.objectContaining({
        messageId: m.id,
        ticketId: m.ticketId,
        status: 'sent',
        externalId: expect.stringMatching(/^3527065:\d+$/),
      }),
    ]);
  });

  it('sends a stored image with sendPhoto and other files with sendDocument', async () => {
    const img = await t.blobs.put(Buffer.from('png-bytes'));
    const pdf = await t.blobs.put(Buffer.from('%PDF-1.7'));
    await publish(
      reply('Счёт во вложении', {
        content: {
          text: 'Счёт во вложении',
          attachments: [
            { blobId: img.id, name: 'chart.png', mimeType: 'image/png', size: img.size },
            { blobId: pdf.id, name: 'счёт.pdf', mimeType: 'application/pdf', size: pdf.size },
          ],
        },
      }),
    );
    expect(t.api.callsOf('sendPhoto').at(-1)?.files.photo?.data.toString()).toBe('png-bytes');
    expect(t.api.callsOf('sendDocument').at(-1)?.files.document).toMatchObject({ name: 'счёт.pdf' });
    expect(t.deliveries.at(-1)?.status).toBe('sent');
  });

  it('honours 429 retry_after, then sends', async () => {
    t.api.failNext('sendMessage', TELEGRAM_ERRORS.tooManyRequests(1));
    const before = t.api.callsOf('sendMessage').length;
    const started = Date.now();
    await publish(reply('после паузы'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(t.api.callsOf('sendMessage').length - before).toBe(2);
    expect(t.deliveries.at(-1)?.status).toBe('sent');
  });

  it('reports a bot blocked by the user as a permanent failure, without retrying', async () => {
    t.api.block('555');
    const before = t.api.callsOf('sendMessage').length;
    await publish(reply('вы нас заблокировали', { recipient: { externalId: '555', externalChatId: '555' } }));
    expect(t.api.callsOf('sendMessage').length - before).toBe(1);
    expect(t.deliveries.at(-1)).toMatchObject({
      status: 'failed',
      error: { code: 'telegram-403', retriable: false, message: expect.stringContaining('blocked') },
    });
  });
});
