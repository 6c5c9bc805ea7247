import { messageId } from '@omni/contracts';
import { OutboundGuard, parseOmniConfig } from '@omni/service-kit';
import { loopbackOutboundGuard, tableResolver, testLogger } from '@omni/testkit';
import { FakeVkApi } from '@omni/testkit/src/fakes/vk-api';
import type { FastifyInstance } from 'fastify';
import { buildVkAdapter, VkAccount } from '../src';
import { brokenBus, fixture, GROUP_ID, MemoryBlobs, recordingBus, SECRETS, serve, vkConfig } from './helpers';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const path = '/channels/vk/club/callback';

let vk: FakeVkApi;
beforeAll(async () => {
  vk = await FakeVkApi.start({ accessToken: SECRETS.accessToken, groupId: GROUP_ID });
  vk.files.set('y-photo.jpg', { data: Buffer.from('photo-y'), type: 'image/jpeg' });
  vk.files.set('doc.pdf', { data: Buffer.from('%PDF'), type: 'application/pdf' });
  vk.files.set('audio.mp3', { data: Buffer.from('mp3'), type: 'audio/mpeg' });
  vk.users.set(123456, { first_name: 'Пётр', last_name: 'Сидоров' });
});
afterAll(() => vk.close());

/** Attachment URLs on loopback (the fake VK's) are allowed unless another guard is given. */
async function setup(extra = '', outboundGuard: OutboundGuard = loopbackOutboundGuard()) {
  const rec = await recordingBus();
  const blobs = new MemoryBlobs();
  const module = buildVkAdapter({
    config: vkConfig(vk.url, extra),
    bus: rec.bus,
    log: testLogger('vk', 'silent'),
    blobs,
    now: () => NOW,
    outboundGuard,
  });
  const app = await serve(module);
  return { ...rec, blobs, module, app };
}

/** A documented envelope: group_id, event_id, v and the secret around the object. */
const envelope = (type: string, object: unknown, eventId = `ev-${Math.random()}`) => ({
  type,
  object,
  group_id: GROUP_ID,
  event_id: eventId,
  v: '5.199',
  secret: SECRETS.secret,
});
const withGroup = (body: unknown) => ({ group_id: GROUP_ID, event_id: 'e1', ...(body as object) });
const msg = (extra: Record<string, unknown>) => ({
  date: 1763800000,
  from_id: 777,
  peer_id: 777,
  conversation_message_id: 42,
  text: 'Привет 👋',
  ...extra,
});

function post(app: FastifyInstance, body: unknown, raw?: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: path,
    payload: raw ?? JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
}

describe('VK callback', () => {
  it('answers the confirmation request with the configured string as plain text', async () => {
    const { app } = await setup();
    const res = await post(app, { type: 'confirmation', group_id: GROUP_ID });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe(SECRETS.confirmation);
    expect((await post(app, { type: 'confirmation', group_id: 1 })).statusCode).toBe(403);
    expect((await post(app, fixture('vksdk_confirmation.json'))).statusCode).toBe(401);
    await app.close();
  });

  it('rejects a wrong or missing secret and a foreign group, publishing nothing', async () => {
    const { app, inbound } = await setup();
    const good = envelope('message_new', { message: msg({}) });
    expect((await post(app, { ...good, secret: 'wrong' })).statusCode).toBe(401);
    expect((await post(app, { ...good, secret: undefined })).statusCode).toBe(401);
    expect((await post(app, { ...good, group_id: 1 })).statusCode).toBe(403);
    expect((await post(app, good, undefined)).statusCode).toBe(200);
    expect(inbound).toHaveLength(1);
    expect(
      (await app.inject({ method: 'POST', url: '/channels/vk/nope/callback', payload: good })).statusCode,
    ).toBe(404);
    await app.close();
  });

  it('answers 400 for bodies that are not JSON events', async () => {
    const { app, inbound } = await setup();
    expect((await post(app, null, '{"type":')).statusCode).toBe(400);
    expect((await post(app, { object: {} })).statusCode).toBe(400);
    expect((await post(app, null, '')).statusCode).toBe(400);
    expect(inbound).toHaveLength(0);
    await app.close();
  });

  it('never fetches an attachment URL that points inside the network (no allowlist): skipped with the reason', async () => {
    const strict = new OutboundGuard({
      resolve: tableResolver({ 'userapi.internal.example': ['100.64.9.9'] }),
    });
    const { app, inbound, blobs } = await setup('', strict);
    const docs = [
      `${vk.url}/files/doc.pdf`, // the fake, on 127.0.0.1
      'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
      'http://0x7f.1/doc.pdf',
      'https://userapi.internal.example/doc.pdf',
    ];
    const body = envelope('message_new', {
      message: {
        id: 77,
        date: 1_700_000_000,
        peer_id: 123456,
        from_id: 123456,
        text: '',
        attachments: docs.map((url, i) => ({
          type: 'doc',
          doc: { id: i, title: `d${i}.pdf`, ext: 'pdf', size: 4, url },
        })),
      },
    });
    const res = await post(app, body);
    expect([res.statusCode, res.body]).toEqual([200, 'ok']);
    expect(inbound[0]?.content.attachments.map((a) => a.skipped?.replace(/^.*: /, ''))).toEqual([
      '127.0.0.1 is in the loopback range',
      '::ffff:a9fe:a9fe (169.254.169.254) is in the metadata range',
      '127.0.0.1 is in the loopback range',
      'userapi.internal.example (100.64.9.9) is in the carrierGradeNat range',
    ]);
    expect(blobs.data.size).toBe(0);
  });

  it('maps the reference payloads and stores attachments (largest photo size)', async () => {
    const { app, inbound, blobs } = await setup();
    const photo = JSON.parse(
      JSON.stringify(withGroup(fixture('courier_message_new_photo.json'))).replaceAll(
        'https://foo.bar',
        `${vk.url}/files`,
      ),
    );
    const doc = JSON.parse(
      JSON.stringify(withGroup(fixture('courier_message_new_doc.json'))).replaceAll(
        'https://foo.bar',
        `${vk.url}/files`,
      ),
    );
    for (const body of [
      withGroup(fixture('courier_message_new_text.json')),
      photo,
      doc,
      withGroup(fixture('courier_message_new_geo.json')),
    ]) {
      const res = await post(app, body);
      expect([res.statusCode, res.body]).toEqual([200, 'ok']);
    }
    expect(inbound.map((m) => [m.content.kind, m.content.text])).toEqual([
      ['text', 'Hello World'],
      ['image', ''],
      ['other', ''],
      ['location', '[location -9.652278, -35.701095]'],
    ]);
    expect(inbound[0]).toMatchObject({
      externalId: 'id:1',
      sender: { externalId: '123456' },
      identities: [{ kind: 'vk', value: '123456', verified: true }],
      sentAt: '2020-01-27T11:50:00.000Z',
    });
    const photos = inbound[1]?.content.attachments ?? [];
    expect(photos).toHaveLength(2);
    expect(photos[0]?.blobId && blobs.data.get(photos[0].blobId)?.toString()).toBe('photo-y');
    expect(photos[1]?.skipped).toBe('the platform answered 404');
    expect(inbound[2]?.content.attachments.map((a) => [a.name, a.mimeType, a.size])).toEqual([
      ['document-1', 'application/octet-stream', 4],
      ['voice-2.mp3', 'audio/mpeg', 3],
    ]);
    await app.close();
  });

  it('maps edits, our own replies, button events, reads, forwards, wall posts and stickers; acknowledges the rest', async () => {
    const { app, inbound, reports } = await setup();
    const bodies = [
      envelope('message_new', {
        message: msg({
          reply_message: {
            date: 1763790000,
            from_id: -GROUP_ID,
            peer_id: 777,
            conversation_message_id: 40,
            text: 'Ваш заказ готов',
          },
          fwd_messages: [{ date: 1763700000, from_id: 555, text: 'переслано' }],
          attachments: [{ type: 'wall', wall: { owner_id: -1, id: 28, text: 'Post text' } }],
        }),
        client_info: { keyboard: true },
      }),
      envelope('message_edit', msg({ text: 'Привет, исправлено' })),
      envelope(
        'message_reply',
        msg({ from_id: -GROUP_ID, conversation_message_id: 43, text: 'Ответ оператора', out: 1 }),
      ),
      envelope('message_new', {
        message: msg({
          conversation_message_id: 44,
          text: '',
          attachments: [{ type: 'sticker', sticker: { sticker_id: 9 } }],
        }),
      }),
      envelope('message_event', {
        user_id: 777,
        peer_id: 777,
        event_id: 'b1c2',
        payload: { button: 'yes' },
        conversation_message_id: 43,
      }),
      envelope('message_read', {
        from_id: 777,
        peer_id: 777,
        read_message_id: 100,
        conversation_message_id: 43,
      }),
      envelope('message_allow', { user_id: 777, key: 'k' }),
      envelope('message_deny', { user_id: 777 }),
      envelope('message_typing_state', { state: 'typing', from_id: 777, to_id: -GROUP_ID }),
      envelope('group_join', { user_id: 1, join_type: 'approved' }),
      envelope('wall_post_new', { id: 28, owner_id: -GROUP_ID, text: 'Post' }),
    ];
    for (const b of bodies) expect((await post(app, b)).body).toBe('ok');
    expect(inbound.map((m) => [m.content.kind, m.direction, m.externalId])).toEqual([
      ['other', 'inbound', '777:42'],
      ['text', 'inbound', '777:42'],
      ['text', 'outbound', '777:43'],
      ['sticker', 'inbound', '777:44'],
      ['postback', 'inbound', 'event:b1c2'],
    ]);
    const first = inbound[0];
    expect(first?.id).toBe(messageId('vk', 'club', '777:42'));
    expect(first?.content.text).toBe('Привет 👋\n[wall post https://vk.com/wall-1_28] Post text');
    expect(first?.content.fullText).toContain('> [forwarded from 555] переслано');
    expect(first?.thread.replyToExternalId).toBe('777:40');
    expect(first?.flags.forwarded).toBe(true);
    expect(inbound[1]).toMatchObject({
      id: first?.id,
      flags: { edited: true },
      content: { text: 'Привет, исправлено' },
    });
    expect(inbound[2]).toMatchObject({ sender: { externalId: '777' }, flags: { ownMessage: true } });
    expect(inbound[4]?.content.payload).toBe('{"button":"yes"}');
    expect(reports).toEqual([
      expect.objectContaining({
        status: 'read',
        externalId: '777:43',
        messageId: messageId('vk', 'club', '777:43'),
      }),
    ]);
    await app.close();
  });

  it('publishes a retried event once under the same id', async () => {
    const { app, inbound } = await setup();
    const body = envelope('message_new', { message: msg({}) }, 'same-event');
    expect((await post(app, body)).statusCode).toBe(200);
    expect((await post(app, body, undefined, { 'x-retry-counter': '1' })).statusCode).toBe(200);
    expect(new Set(inbound.map((m) => m.id)).size).toBe(1);
    await app.close();
  });

  it('answers 503 with Retry-After when the bus is down', async () => {
    const module = buildVkAdapter({
      config: vkConfig(vk.url),
      bus: brokenBus,
      log: testLogger('vk', 'silent'),
      blobs: new MemoryBlobs(),
    });
    const app = await serve(module);
    const res = await post(app, envelope('message_new', { message: msg({}) }));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    // Events we ignore need no bus: still `ok`.
    expect((await post(app, envelope('group_join', { user_id: 1 }))).body).toBe('ok');
    await app.close();
  });

  it('names the sender through users.get once cached', async () => {
    const { app, inbound, module } = await setup('      fetchProfiles: true\n');
    await post(app, withGroup(fixture('courier_message_new_text.json')));
    await module.stop?.();
    await post(app, envelope('message_new', { message: { ...msg({}), from_id: 123456, peer_id: 123456 } }));
    expect(inbound[0]?.sender.displayName).toBeUndefined();
    expect(inbound[1]?.sender.displayName).toBe('Пётр Сидоров');
    await app.close();
  });
});

describe('VK account configuration', () => {
  it('needs secret and confirmation in callback mode, not in long-poll mode', () => {
    const base = `channels:\n  vk:\n    - account: club\n      groupId: 1\n      accessToken: t\n`;
    const vk = { channels: { vk: VkAccount } };
    expect(() => parseOmniConfig(base, {}, vk)).toThrow(/secret/);
    expect(parseOmniConfig(`${base}      mode: longpoll\n`, {}, vk).channels.vk[0]?.mode).toBe('longpoll');
  });
});
