import { isRetriable, type OutboundMessage } from '@omni/contracts';
import { type Harness, MemoryBlobs, outboundMessage, platformFailure, startHarness } from '@omni/testkit';
import { FakeMaxApi, inlineKeyboardOf, MAX_ERRORS } from '@omni/testkit/src/fakes/max-api';
import { createSender, MAX_TEXT, MaxClient, StoppedDialogs } from '../src';

/** Replies against the fake MAX Bot API (real PostgreSQL holds who stopped the bot). */
let h: Harness;
let api: FakeMaxApi;
beforeAll(async () => {
  h = await startHarness('max-send');
  api = await new FakeMaxApi().start();
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});
beforeEach(() => {
  api.sent.length = 0;
  api.calls.length = 0;
  api.uploads.length = 0;
});

const outbound = (
  text: string,
  extra: Partial<OutboundMessage> = {},
  recipient: OutboundMessage['recipient'] = { externalId: '5550001' },
) => outboundMessage({ channel: 'max', account: 'max-bot', recipient }, text, extra);

function sender(blobs = new MemoryBlobs(), token = api.token) {
  const client = new MaxClient({ apiRoot: api.url, token, rateLimitDelayMs: 1 });
  return createSender({
    clients: new Map([['max-bot', client]]),
    blobs,
    stoppedDialogs: new StoppedDialogs(h.pool),
  });
}

describe('MAX replies (POST /messages)', () => {
  it('sends to the user with the token in the Authorization header, linked as a reply; our id is the mid', async () => {
    const result = await sender()(
      outbound('Здравствуйте! 😊', { thread: { replyToExternalId: 'mid.customer1' } }),
    );
    expect(api.sent).toEqual([
      {
        userId: 5550001,
        chatId: undefined,
        text: 'Здравствуйте! 😊',
        attachments: [],
        link: { type: 'reply', mid: 'mid.customer1' },
        mid: result.externalId,
      },
    ]);
    expect(result.externalId).toMatch(/^mid\./);
    expect(api.callsOf('POST', '/messages')[0]?.query).toEqual({ user_id: '5550001' });
  });

  it('offers choices as an inline keyboard of callback buttons on the last text part, at most 7 in a row', async () => {
    const choices = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), payload: `csat:t:${n}` }));
    await sender()(outbound(`${'а'.repeat(MAX_TEXT)}Оцените`, { choices }));
    expect(api.sent.map((s) => s.text)).toEqual(['а'.repeat(MAX_TEXT), 'Оцените']);
    expect(inlineKeyboardOf(api.sent[0] as (typeof api.sent)[0])).toEqual([]);
    expect(api.sent[1]?.attachments).toEqual([
      {
        type: 'inline_keyboard',
        payload: { buttons: [choices.map((c) => ({ type: 'callback', text: c.label, payload: c.payload }))] },
      },
    ]);
    api.sent.length = 0;
    const ten = Array.from({ length: 10 }, (_, i) => ({ label: String(i + 1), payload: `p${i + 1}` }));
    await sender()(outbound('0–10?', { choices: ten }));
    expect(inlineKeyboardOf(api.sent[0] as (typeof api.sent)[0]).map((row) => row.length)).toEqual([7, 3]);
  });

  it('a group chat reply goes to chat_id', async () => {
    await sender()(outbound('всем привет', {}, { externalId: '5550001', externalChatId: '-7000123' }));
    expect(api.sent.map((s) => [s.userId, s.chatId])).toEqual([[undefined, -7000123]]);
  });

  it('splits text at 4000 characters (emoji never cut, UTF-16 units within 4000 too); only the first part is a reply', async () => {
    const text = `${'а'.repeat(MAX_TEXT)}${'б'.repeat(100)}`;
    const result = await sender()(outbound(text, { thread: { replyToExternalId: 'mid.q' } }));
    expect(api.sent.map((s) => [...(s.text ?? '')].length)).toEqual([4000, 100]);
    expect(api.sent.map((s) => s.text).join('')).toBe(text);
    expect(api.sent.map((s) => s.link)).toEqual([{ type: 'reply', mid: 'mid.q' }, undefined]);
    expect(result.externalId).toBe(api.sent[0]?.mid);
    // Emoji-only text: 4000 characters are 8000 UTF-16 units, sent in parts that fit either count.
    api.sent.length = 0;
    await sender()(outbound('😀'.repeat(MAX_TEXT)));
    expect(api.sent.map((s) => (s.text ?? '').length)).toEqual([4000, 4000]);
  });

  it('attachments through the upload flow: an image with its photos tokens, a file with its token, a video with the endpoint’s token', async () => {
    const blobs = new MemoryBlobs();
    const photo = await blobs.put(Buffer.from('png-bytes'));
    const doc = await blobs.put(Buffer.from('%PDF-1.7'));
    const video = await blobs.put(Buffer.from('mp4!'));
    await sender(blobs)(
      outbound('файлы', {
        content: {
          text: 'файлы',
          attachments: [
            { name: 'скрин.png', mimeType: 'image/png', size: 9, blobId: photo.id },
            { name: 'счёт.pdf', mimeType: 'application/pdf', size: 8, blobId: doc.id },
            { name: 'видео.mp4', mimeType: 'video/mp4', size: 4, blobId: video.id },
            { name: 'gone.txt', mimeType: 'text/plain', size: 0, skipped: 'too big' },
          ],
        },
      }),
    );
    expect(api.uploads).toEqual([
      { type: 'image', name: 'скрин.png', mimeType: 'image/png', size: 9 },
      { type: 'file', name: 'счёт.pdf', mimeType: 'application/pdf', size: 8 },
      { type: 'video', name: 'видео.mp4', mimeType: 'video/mp4', size: 4 },
    ]);
    const [text, image, file, clip] = api.sent.map((s) => s.attachments);
    expect(text).toEqual([]);
    expect(image).toEqual([{ type: 'image', payload: { photos: expect.any(Object) } }]);
    expect(
      Object.values((image?.[0] as { payload: { photos: object } } | undefined)?.payload.photos ?? {}),
    ).toEqual([{ token: expect.stringMatching(/^photo-u/) }]);
    expect(file).toEqual([{ type: 'file', payload: { token: expect.stringMatching(/^tok-/) } }]);
    // The video's token is the one POST /uploads handed out with the URL.
    const videoEndpoint = api.callsOf('POST', '/uploads').find((c) => c.query.type === 'video');
    expect(videoEndpoint).toBeDefined();
    expect(clip).toEqual([{ type: 'video', payload: { token: expect.stringMatching(/^tok-u/) } }]);
  });

  it('429 is retried after Retry-After, 5xx and attachment.not.ready are retriable', async () => {
    api.failNext(MAX_ERRORS.tooManyRequests);
    const limited = await platformFailure(sender()(outbound('a')));
    expect(limited).toMatchObject({ code: 'max-429', retriable: true, retryAfterMs: 1000 });
    api.failNext(MAX_ERRORS.unavailable);
    expect(isRetriable(await platformFailure(sender()(outbound('b'))))).toBe(true);
    api.failNext(MAX_ERRORS.attachmentNotReady);
    expect(await platformFailure(sender()(outbound('c')))).toMatchObject({
      code: 'max-400',
      retriable: true,
    });
    expect(api.sent).toEqual([]);
  });

  it('403 and 404 are permanent, with MAX’s code and message; a wrong token too', async () => {
    api.failNext(MAX_ERRORS.chatDenied);
    const denied = await platformFailure(sender()(outbound('a')));
    expect(denied).toMatchObject({ code: 'max-403', retriable: false });
    expect(denied.message).toContain('chat.denied');
    api.failNext(MAX_ERRORS.notFound);
    expect(await platformFailure(sender()(outbound('b')))).toMatchObject({
      code: 'max-404',
      retriable: false,
    });
    expect(await platformFailure(sender(new MemoryBlobs(), 'wrong-token')(outbound('c')))).toMatchObject({
      code: 'max-401',
      retriable: false,
    });
  });

  it('a retry after a partial failure sends only the parts not sent yet, and reports the first part', async () => {
    const send = sender();
    const message = outbound(`${'p'.repeat(MAX_TEXT)}${'q'.repeat(10)}`);
    api.failNext(null, MAX_ERRORS.internal);
    expect(isRetriable(await platformFailure(send(message)))).toBe(true);
    expect(api.sent.map((s) => s.text?.[0])).toEqual(['p']);
    const result = await send(message);
    expect(api.sent.map((s) => s.text?.[0])).toEqual(['p', 'q']);
    expect(result.externalId).toBe(api.sent[0]?.mid);
  });

  it('refuses a recipient that is not a MAX id, and an attachment missing from the blob store', async () => {
    expect(await platformFailure(sender()(outbound('a', {}, { externalId: 'abc' })))).toMatchObject({
      code: 'bad-recipient',
      retriable: false,
    });
    expect(
      await platformFailure(
        sender()(
          outbound('', {
            content: {
              text: '',
              attachments: [{ name: 'x.pdf', mimeType: 'application/pdf', size: 1, blobId: 'nope' }],
            },
          }),
        ),
      ),
    ).toMatchObject({ code: 'attachment-missing', retriable: false });
  });
});
