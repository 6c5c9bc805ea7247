import { InboundMessage, messageId } from '@omni/contracts';
import { type NormalizeResult, normalizeUpdate, TgUpdate } from '../src';
import { fixture } from './setup';

const ctx = { account: 'support-bot', receivedAt: new Date('2026-01-02T03:04:05Z'), acceptGroupChats: false };
const user = {
  id: 42,
  is_bot: false,
  first_name: 'Аня',
  last_name: 'Петрова 🌸',
  username: 'anya',
  language_code: 'ru',
};
const chat = { id: 42, type: 'private', first_name: 'Аня' };

function run(update: Record<string, unknown>, c = ctx): NormalizeResult {
  return normalizeUpdate(TgUpdate.parse(update), c);
}
function message(fields: Record<string, unknown>, c = ctx) {
  const result = run(
    { update_id: 7, message: { message_id: 10, date: 1_767_225_600, chat, from: user, ...fields } },
    c,
  );
  if (result.status !== 'message') throw new Error(`ignored: ${result.reason}`);
  InboundMessage.parse(result.message); // every mapped message satisfies the contract
  return result;
}

describe('normalizeUpdate', () => {
  it('maps a text message: ids from chat.id + message_id, sender identity, Cyrillic and emoji intact', () => {
    const { message: m, files } = message({ text: 'Здравствуйте! Заказ №5 не пришёл 😢' });
    expect(m.externalId).toBe('42:10');
    expect(m.id).toBe(messageId('telegram', 'support-bot', '42:10'));
    expect(m.content).toMatchObject({ kind: 'text', text: 'Здравствуйте! Заказ №5 не пришёл 😢' });
    expect(m.sender).toMatchObject({
      externalId: '42',
      displayName: 'Аня Петрова 🌸',
      username: 'anya',
      locale: 'ru',
    });
    expect(m.identities).toEqual([{ kind: 'telegram', value: '42', verified: true }]);
    expect(m.thread).toMatchObject({ externalChatId: '42' });
    expect(m.sentAt).toBe('2026-01-01T00:00:00.000Z');
    expect(files).toEqual([]);
  });

  it('maps the documentation fixtures', () => {
    const text = run(fixture('official_text_start'));
    expect(text).toMatchObject({
      status: 'message',
      message: { content: { kind: 'text', text: '/start' }, externalId: '1111111:1365' },
    });
    const doc = run(fixture('official_document'));
    expect(doc).toMatchObject({
      status: 'message',
      message: { content: { kind: 'file', text: '[document: Testfile.pdf]' } },
      files: [
        {
          fileId: 'AwADBAADbXXXXXXXXXXXGBdhD2l6_XX',
          name: 'Testfile.pdf',
          mimeType: 'application/pdf',
          size: 536392,
        },
      ],
    });
    const reply = run(fixture('official_reply_to_message'));
    expect(reply).toMatchObject({
      status: 'message',
      message: { thread: { replyToExternalId: '1111112:1334' } },
    });
    const sticker = run(fixture('courier_sticker'));
    expect(sticker).toMatchObject({
      status: 'message',
      message: { content: { kind: 'sticker' } },
      files: [{ fileId: 'BQADAwADRQADyIsGAAHtBskMy6GoLAI' }],
    });
  });

  it('takes the largest photo size and the caption as text', () => {
    const r = run(fixture('courier_photo_caption'));
    expect(r).toMatchObject({
      status: 'message',
      message: { content: { kind: 'image', text: 'Photo Caption' } },
      files: [
        {
          fileId: 'AgADAQADtKcxG4LRUUQSQVUjfJIiiF8G6C8ABA9NJzFdXskaincBAAEC',
          mimeType: 'image/jpeg',
          size: 104737,
        },
      ],
    });
  });

  it('maps an edited message onto the id of the message it edits, flagged as edited', () => {
    const original = message({ text: 'первый вариант' });
    const edited = run({
      update_id: 8,
      edited_message: {
        message_id: 10,
        date: 1_767_225_600,
        edit_date: 1_767_225_700,
        chat,
        from: user,
        text: 'второй вариант',
      },
    });
    expect(edited).toMatchObject({
      status: 'message',
      message: { id: original.message.id, flags: { edited: true }, content: { text: 'второй вариант' } },
    });
    const doc = run(fixture('official_edited_message'));
    expect(doc).toMatchObject({
      status: 'message',
      message: { externalId: '1111111:1365', flags: { edited: true } },
    });
  });

  it.each([
    [
      'voice',
      { voice: { file_id: 'v1', file_size: 100, mime_type: 'audio/ogg' } },
      'voice',
      '[voice message]',
    ],
    [
      'audio',
      { audio: { file_id: 'a1', performer: 'Кино', title: 'Группа крови' } },
      'audio',
      '[audio: Кино — Группа крови]',
    ],
    [
      'video with caption',
      { video: { file_id: 'vd', mime_type: 'video/mp4' }, caption: 'видео 🎬' },
      'video',
      'видео 🎬',
    ],
    ['video note', { video_note: { file_id: 'vn' } }, 'video', '[video message]'],
    ['animation', { animation: { file_id: 'gif' }, document: { file_id: 'gif' } }, 'video', '[animation]'],
  ])('maps %s with its file', (_name, fields, kind, text) => {
    const r = message(fields);
    expect(r.message.content).toMatchObject({ kind, text });
    expect(r.files).toHaveLength(1);
  });

  it('maps locations and venues', () => {
    expect(message({ location: { latitude: 55.75, longitude: 37.62 } }).message.content).toMatchObject({
      kind: 'location',
      location: { latitude: 55.75, longitude: 37.62 },
    });
    const venue = message({
      location: { latitude: 55.75, longitude: 37.62 },
      venue: { location: { latitude: 55.75, longitude: 37.62 }, title: 'ГУМ', address: 'Красная пл., 3' },
    });
    expect(venue.message.content).toMatchObject({
      kind: 'location',
      text: 'ГУМ, Красная пл., 3',
      location: { title: 'ГУМ', address: 'Красная пл., 3' },
    });
  });

  it("treats a contact whose user_id is the sender as the sender's verified phone, and anyone else's as content only", () => {
    const own = message({ contact: { phone_number: '+79161234567', first_name: 'Аня', user_id: 42 } });
    expect(own.message.identities).toContainEqual({ kind: 'phone', value: '+79161234567', verified: true });
    expect(own.message.sender).toMatchObject({ phone: '+79161234567' });
    const other = run(fixture('courier_contact'));
    expect(other).toMatchObject({
      status: 'message',
      message: { content: { kind: 'contact', text: '[contact: Adolf Taxi, 0788531373]' } },
    });
    if (other.status === 'message')
      expect(other.message.identities).toEqual([{ kind: 'telegram', value: '3527065', verified: true }]);
  });

  it("cuts names longer than the contract's limits instead of failing the message", () => {
    const long = 'Я'.repeat(600);
    const r = run({
      update_id: 9,
      message: {
        message_id: 1,
        date: 1,
        chat,
        from: { ...user, first_name: long },
        document: { file_id: 'd', file_name: `${long}.pdf` },
      },
    });
    if (r.status !== 'message') throw new Error('ignored');
    InboundMessage.parse(r.message);
    expect(r.message.sender.displayName).toHaveLength(500);
    expect(r.files[0]?.name).toHaveLength(512);
  });

  it('marks forwarded messages', () => {
    expect(message({ text: 'fw', forward_origin: { type: 'user', date: 1 } }).message.flags).toMatchObject({
      forwarded: true,
    });
    expect(message({ text: 'fw', forward_date: 1 }).message.flags).toMatchObject({ forwarded: true });
  });

  it('maps a callback query to a postback', () => {
    const r = run(fixture('official_callback_query'));
    expect(r).toMatchObject({
      status: 'message',
      message: {
        externalId: 'callback:4382bfdwdsb323b2d9',
        content: { kind: 'postback', payload: 'Data from button callback' },
      },
    });
  });

  it('ignores group chats unless configured, channels, bots, service messages and other update kinds, saying why', () => {
    const group = {
      update_id: 1,
      message: {
        message_id: 1,
        date: 1,
        chat: { id: -100, type: 'supergroup', title: 'G' },
        from: user,
        text: 'hi',
      },
    };
    expect(run(group)).toMatchObject({ status: 'ignored', reason: expect.stringContaining('group') });
    expect(run(group, { ...ctx, acceptGroupChats: true })).toMatchObject({
      status: 'message',
      message: { thread: { externalChatId: '-100' } },
    });
    expect(run({ update_id: 2, channel_post: { message_id: 1 } })).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('channel'),
    });
    expect(run({ update_id: 3, my_chat_member: {} })).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('blocked'),
    });
    expect(run({ update_id: 4, brand_new_kind: {} })).toMatchObject({
      status: 'ignored',
      reason: 'update kind "brand_new_kind" is not handled',
    });
    expect(
      run({
        update_id: 5,
        message: { message_id: 1, date: 1, chat, from: { ...user, is_bot: true }, text: 'x' },
      }),
    ).toMatchObject({ status: 'ignored' });
    expect(
      run({ update_id: 6, message: { message_id: 1, date: 1, chat, from: user, new_chat_title: 'x' } }),
    ).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('new_chat_title'),
    });
  });
});
