import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InboundMessage, messageId } from '@omni/contracts';
import { MaxKnownUpdate, normalizeUpdate, readVcard } from '../src';

const fixture = (name: string) =>
  MaxKnownUpdate.parse(JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8')));
const ctx = { account: 'max-bot', receivedAt: new Date('2026-01-02T03:04:05Z'), acceptGroupChats: false };
const message = (name: string, c = ctx) => {
  const r = normalizeUpdate(fixture(name), c);
  if (r.status !== 'message') throw new Error(`expected a message, got ${JSON.stringify(r)}`);
  return { ...r, parsed: InboundMessage.parse(r.message) };
};

describe('MAX normalize', () => {
  it('a dialog text message: mid as the id, the user as a verified max identity, replies by user id', () => {
    const { parsed } = message('schema_message_created_text.json');
    expect(parsed).toMatchObject({
      id: messageId('max', 'max-bot', 'mid.0000000000a1b2c3'),
      channel: 'max',
      externalId: 'mid.0000000000a1b2c3',
      sentAt: '2026-01-01T00:00:00.123Z',
      sender: { externalId: '5550001', displayName: 'Мария Иванова', username: 'masha', locale: 'ru' },
      identities: [{ kind: 'max', value: '5550001', verified: true }],
      content: { kind: 'text', text: 'Здравствуйте! Где мой заказ? 🙏' },
    });
    // A dialog is answered with POST /messages?user_id=, so no chat id travels with it.
    expect(parsed.thread.externalChatId).toBeUndefined();
  });

  it('media: every file to fetch (video through its token), the caption as text, the reply link', () => {
    const { parsed, files } = message('schema_message_created_media.json');
    expect(parsed.content).toMatchObject({ kind: 'image', text: 'Вот чек' });
    expect(parsed.thread.replyToExternalId).toBe('mid.0000000000ffff01');
    expect(files).toEqual([
      {
        source: 'url',
        url: 'https://i.oneme.ru/i?r=receipt',
        name: 'image-mid.0000000000a1b2c4-1.jpg',
        mimeType: 'image/jpeg',
      },
      {
        source: 'url',
        url: 'https://fd.oneme.ru/getfile?id=42',
        name: 'чек.pdf',
        mimeType: 'application/octet-stream',
        size: 2048,
      },
      {
        source: 'video',
        token: 'video-token',
        name: 'video-mid.0000000000a1b2c4-3.mp4',
        mimeType: 'video/mp4',
      },
      {
        source: 'url',
        url: 'https://au.oneme.ru/?id=8',
        name: 'audio-mid.0000000000a1b2c4-4.mp3',
        mimeType: 'audio/mpeg',
      },
      {
        source: 'url',
        url: 'https://st.oneme.ru/s/1.webp',
        name: 'sticker-mid.0000000000a1b2c4-5.webp',
        mimeType: 'image/webp',
      },
    ]);
  });

  it("the sender's own contact card gives a verified phone identity; someone else's does not", () => {
    const { parsed } = message('schema_message_created_contact.json');
    expect(parsed.content).toMatchObject({ kind: 'contact', text: '[contact: Мария Иванова, +79161234567]' });
    expect(parsed.sender.phone).toBe('+79161234567');
    expect(parsed.identities).toContainEqual({ kind: 'phone', value: '+79161234567', verified: true });

    const other = fixture('schema_message_created_contact.json') as Extract<
      MaxKnownUpdate,
      { update_type: 'message_created' }
    >;
    const card = other.message.body.attachments?.[0] as unknown as {
      payload: { max_info: { user_id: number } };
    };
    card.payload.max_info.user_id = 777;
    const r = normalizeUpdate(other, ctx);
    expect(r.status === 'message' && r.message.identities).toEqual([
      { kind: 'max', value: '5550001', verified: true },
    ]);
  });

  it('location and a shared link', () => {
    const { parsed } = message('schema_message_created_location_share.json');
    expect(parsed.content).toMatchObject({
      kind: 'location',
      text: '[location 55.7558, 37.6173] [link: Заказ 42 https://shop.example.ru/order/42]',
      location: { latitude: 55.7558, longitude: 37.6173 },
    });
  });

  it('an edit keeps the message id and is flagged edited', () => {
    const created = fixture('schema_message_created_text.json') as { update_type: string };
    const edited = MaxKnownUpdate.parse({ ...created, update_type: 'message_edited' });
    const r = normalizeUpdate(edited, ctx);
    expect(r.status === 'message' && r.message).toMatchObject({
      id: messageId('max', 'max-bot', 'mid.0000000000a1b2c3'),
      flags: { edited: true },
    });
  });

  it('a button press is a postback to be answered', () => {
    const { parsed, callbackId } = message('schema_message_callback.json');
    expect(callbackId).toBe('f9LHodD0cOK3xL5ESkQvnY6kbUIB9VHbxrLYhS2nRr6ysUoGgF6e8nC7gyE');
    expect(parsed).toMatchObject({
      externalId: `callback:${callbackId}`,
      content: { kind: 'postback', text: 'rating:5', payload: 'rating:5' },
      thread: { replyToExternalId: 'mid.0000000000ffff02' },
    });
  });

  it('bot_started records the deep-link payload (the documented example); bot_stopped stops the dialog', () => {
    const { parsed, started } = message('official_bot_started.json');
    expect(started).toEqual({ userId: 1234567890 });
    expect(parsed).toMatchObject({
      externalId: 'started:1234567890:1573226679188',
      sender: { externalId: '1234567890', displayName: 'Boris', username: 'borisd84' },
      content: {
        kind: 'postback',
        payload: 'any data meaningful to bot',
        text: '[started the bot: any data meaningful to bot]',
      },
    });
    const stopped = MaxKnownUpdate.parse({
      update_type: 'bot_stopped',
      timestamp: 1,
      chat_id: 2,
      user: { user_id: 3 },
    });
    expect(normalizeUpdate(stopped, ctx)).toEqual({ status: 'stopped', userId: 3 });
  });

  it('ignores with a reason: deletions, group chats unless accepted, channels, bots', () => {
    expect(normalizeUpdate(fixture('schema_message_removed.json'), ctx)).toMatchObject({ status: 'ignored' });
    const group = (type: 'chat' | 'channel', sender = { user_id: 5, first_name: 'Ира', is_bot: false }) =>
      MaxKnownUpdate.parse({
        update_type: 'message_created',
        timestamp: 1,
        message: {
          sender,
          recipient: { chat_id: -70, chat_type: type },
          timestamp: 1,
          body: { mid: 'mid.g', text: 'hi' },
        },
      });
    expect(normalizeUpdate(group('chat'), ctx)).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('group chats'),
    });
    const accepted = normalizeUpdate(group('chat'), { ...ctx, acceptGroupChats: true });
    expect(accepted.status === 'message' && accepted.message.thread?.externalChatId).toBe('-70');
    expect(normalizeUpdate(group('channel'), { ...ctx, acceptGroupChats: true })).toMatchObject({
      status: 'ignored',
    });
    const bot = MaxKnownUpdate.parse({
      ...(fixture('schema_message_created_text.json') as object),
    }) as Extract<MaxKnownUpdate, { update_type: 'message_created' }>;
    if (bot.message.sender) bot.message.sender.is_bot = true;
    expect(normalizeUpdate(bot, ctx)).toMatchObject({
      status: 'ignored',
      reason: expect.stringContaining('bot'),
    });
  });

  it('reads FN and TEL of a folded vCard', () => {
    expect(
      readVcard('BEGIN:VCARD\nFN:Пётр\n  Петров\nitem1.TEL;type=CELL:tel:+7 900 000-00-00\nEND:VCARD'),
    ).toEqual({
      name: 'Пётр Петров',
      phone: '+7 900 000-00-00',
    });
  });
});
