import { hubSignature } from '@omni/meta';
import { OutboundGuard } from '@omni/service-kit';
import {
  brokenBus,
  loopbackOutboundGuard,
  MemoryBlobs,
  recordingBus,
  serveModule,
  testLogger,
} from '@omni/testkit';
import type { FakeWhatsAppApi } from '@omni/testkit/src/fakes/whatsapp-api';
import { buildWhatsAppAdapter } from '../src';
import { fixtureText, NUMBER, PATH, post, SECRETS, startFake, whatsappConfig } from './helpers';

const NOW = new Date('2026-12-01T10:00:00.000Z');

let wa: FakeWhatsAppApi;
beforeAll(async () => {
  wa = await startFake();
  wa.media.set('id_image', { data: Buffer.from('jpeg-bytes'), type: 'image/jpeg' });
  wa.media.set('id_voice', { data: Buffer.from('ogg-bytes'), type: 'audio/ogg' });
  wa.media.set('id_document', { data: Buffer.from('%PDF-1.7'), type: 'application/pdf' });
  wa.media.set('id_sticker', { data: Buffer.from('webp-bytes'), type: 'image/webp' });
});
afterAll(() => wa.close());

/** Media URLs of the fake are on loopback: allowed unless another guard is given. */
async function setup(opts: { bus?: 'broken'; guard?: OutboundGuard; blobs?: MemoryBlobs } = {}) {
  const rec = await recordingBus();
  const blobs = opts.blobs ?? new MemoryBlobs();
  const module = buildWhatsAppAdapter({
    config: whatsappConfig(wa.url),
    bus: opts.bus === 'broken' ? brokenBus : rec.bus,
    log: testLogger('wa', 'silent'),
    blobs,
    now: () => NOW,
    outboundGuard: opts.guard ?? loopbackOutboundGuard(),
  });
  return { ...rec, blobs, app: await serveModule(module) };
}

describe('subscription handshake', () => {
  it('echoes the challenge for the right verify token, 403 otherwise, 404 for an unknown account', async () => {
    const { app } = await setup();
    const q = (token: string, mode = 'subscribe') =>
      `?hub.mode=${mode}&hub.challenge=1158201444&hub.verify_token=${token}`;
    const ok = await app.inject({ url: `${PATH}${q(SECRETS.verifyToken)}` });
    expect([ok.statusCode, ok.body, ok.headers['content-type']]).toEqual([
      200,
      '1158201444',
      'text/plain; charset=utf-8',
    ]);
    expect((await app.inject({ url: `${PATH}${q('wrong')}` })).statusCode).toBe(403);
    expect((await app.inject({ url: `${PATH}${q(SECRETS.verifyToken, 'unsubscribe')}` })).statusCode).toBe(
      403,
    );
    expect(
      (await app.inject({ url: `/channels/whatsapp/nope/webhook${q(SECRETS.verifyToken)}` })).statusCode,
    ).toBe(404);
    await app.close();
  });
});

describe('signature', () => {
  it('verifies the raw bytes (Cyrillic, emoji, odd spacing); a re-serialized or foreign signature is 401', async () => {
    const { app, inbound } = await setup();
    const raw = wa
      .messagesWebhook(
        [
          {
            from: '79161234567',
            id: 'wamid.sig1',
            timestamp: '1764583200',
            type: 'text',
            text: { body: 'Привет 👋🏽  мир' },
          },
        ],
        [{ name: 'Анна', wa_id: '79161234567' }],
      )
      .body.replace('"messages":', '"messages" :  ');
    expect((await post(app, raw)).statusCode).toBe(200);
    expect(inbound.map((m) => m.content.text)).toEqual(['Привет 👋🏽  мир']);
    const resigned = hubSignature(JSON.stringify(JSON.parse(raw)), SECRETS.appSecret);
    expect((await post(app, raw, { signature: resigned })).statusCode).toBe(401);
    expect((await post(app, raw, { signature: hubSignature(raw, 'another-app') })).statusCode).toBe(401);
    expect((await post(app, raw, { signature: null })).statusCode).toBe(401);
    expect(inbound).toHaveLength(1);
    await app.close();
  });
});

describe('messages', () => {
  it('the documented text message: wa_id as a verified E.164 phone and a whatsapp identity, the profile name', async () => {
    const { app, inbound } = await setup();
    expect(
      (
        await post(app, fixtureText('official_text_message.json'), {
          path: '/channels/whatsapp/wa-official/webhook',
        })
      ).statusCode,
    ).toBe(200);
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({
      channel: 'whatsapp',
      account: 'wa-official',
      externalId: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
      sentAt: '2025-06-08T20:59:43.000Z',
      sender: { externalId: '16505551234', displayName: 'Sheena Nelson', phone: '+16505551234' },
      identities: [
        { kind: 'phone', value: '+16505551234', verified: true },
        { kind: 'whatsapp', value: '16505551234', verified: true },
      ],
      content: { kind: 'text', text: 'Does it come in another color?' },
    });
    await app.close();
  });

  it('routes each change by its phone number id, whichever account URL Meta posts to', async () => {
    const { app, inbound } = await setup();
    // The app's one callback URL gets every number's notifications: the official example names wa-official's number.
    expect((await post(app, fixtureText('official_text_message.json'))).statusCode).toBe(200);
    expect(inbound[0]?.account).toBe('wa-official');
    await app.close();
  });

  it.each([
    [
      'courier_wac_image.json',
      'image',
      'Check out my new phone!',
      { id: 'id_image', name: 'image-id_image.jpg', mimeType: 'image/jpeg', bytes: 'jpeg-bytes' },
    ],
    [
      'courier_wac_voice.json',
      'voice',
      '',
      { id: 'id_voice', name: 'voice-id_voice.ogg', mimeType: 'audio/ogg', bytes: 'ogg-bytes' },
    ],
    [
      'courier_wac_document.json',
      'file',
      '80skaraokesonglistartist',
      { id: 'id_document', name: 'document-id_document.pdf', mimeType: 'application/pdf', bytes: '%PDF-1.7' },
    ],
    [
      'courier_wac_sticker.json',
      'sticker',
      '',
      { id: 'id_sticker', name: 'sticker-id_sticker.webp', mimeType: 'image/webp', bytes: 'webp-bytes' },
    ],
  ])('%s: %s, its media fetched through the Media API and stored', async (file, kind, text, media) => {
    const { app, inbound, blobs } = await setup();
    wa.calls.length = 0;
    expect((await post(app, fixtureText(file))).statusCode).toBe(200);
    const m = inbound[0];
    expect(m?.content).toMatchObject({ kind, text });
    const a = m?.content.attachments[0];
    expect(a).toMatchObject({ name: media.name, mimeType: media.mimeType, size: media.bytes.length });
    expect(blobs.data.get(a?.blobId as string)?.toString()).toBe(media.bytes);
    // GET /{media-id} (the token as Bearer), then the download URL with the token again (the fake checks both).
    expect(
      wa.calls.filter((c) => c.path === media.id).map((c) => [c.method, c.status, c.query.phone_number_id]),
    ).toEqual([['GET', 200, NUMBER]]);
    await app.close();
  });

  it('location, reply buttons, list rows and template buttons', async () => {
    const { app, inbound } = await setup();
    for (const f of ['location', 'button_reply', 'list_reply', 'button'])
      expect((await post(app, fixtureText(`courier_wac_${f}.json`))).statusCode).toBe(200);
    // The four fixtures reuse one message id: the first stored is the one kept (same id, same message).
    const byKind = Object.fromEntries(inbound.map((m) => [m.content.kind, m]));
    expect(byKind.location?.content).toMatchObject({
      text: '[location 0, 1 Main Street Beach, Main Street Beach, Santa Cruz, CA]',
      location: {
        latitude: 0,
        longitude: 1,
        title: 'Main Street Beach',
        address: 'Main Street Beach, Santa Cruz, CA',
      },
    });
    const postbacks = inbound
      .filter((m) => m.content.kind === 'postback')
      .map((m) => [m.content.text, m.content.payload, m.thread.replyToExternalId]);
    expect(postbacks).toEqual([
      ['Yes', 'id_button_reply', undefined],
      ['Yes', 'id_list_reply', undefined],
      ['No', 'No-Button-Payload', 'gBGGFmkiWVVPAgkgQkwi7IORac0'],
    ]);
    await app.close();
  });

  it('reactions, shared contacts, unsupported content and forwarded messages, kept; system notices ignored', async () => {
    const { app, inbound, deadLetters } = await setup();
    const at = '1764583200';
    const hook = wa.messagesWebhook([
      {
        from: '79161234567',
        id: 'wamid.r1',
        timestamp: at,
        type: 'reaction',
        reaction: { message_id: 'wamid.OURS', emoji: '👍' },
      },
      {
        from: '79161234567',
        id: 'wamid.r2',
        timestamp: at,
        type: 'reaction',
        reaction: { message_id: 'wamid.OURS', emoji: '' },
      },
      {
        from: '79161234567',
        id: 'wamid.c1',
        timestamp: at,
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Олег Петров' },
            phones: [{ phone: '+7 916 000-00-01', wa_id: '79160000001' }],
          },
        ],
      },
      {
        from: '79161234567',
        id: 'wamid.u1',
        timestamp: at,
        type: 'unsupported',
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      },
      {
        from: '79161234567',
        id: 'wamid.f1',
        timestamp: at,
        type: 'text',
        text: { body: 'fwd' },
        context: { forwarded: true },
      },
      {
        from: '79161234567',
        id: 'wamid.s1',
        timestamp: at,
        type: 'system',
        system: { body: 'changed number' },
      },
    ]);
    expect((await post(app, hook.body)).statusCode).toBe(200);
    expect(inbound.map((m) => [m.externalId, m.content.kind, m.content.text])).toEqual([
      ['wamid.r1', 'reaction', '👍'],
      ['wamid.r2', 'reaction', '[reaction removed]'],
      ['wamid.c1', 'contact', '[contact: Олег Петров, +7 916 000-00-01]'],
      ['wamid.u1', 'other', '[unsupported: Message type unknown — Message type is currently not supported.]'],
      ['wamid.f1', 'text', 'fwd'],
    ]);
    expect(inbound[0]?.thread.replyToExternalId).toBe('wamid.OURS');
    expect(inbound[4]?.flags.forwarded).toBe(true);
    // A shared contact is someone else's card: it claims no identity of the sender.
    expect(inbound[2]?.identities.map((i) => i.kind)).toEqual(['phone', 'whatsapp']);
    expect(deadLetters).toEqual([]);
    await app.close();
  });

  it('a business-scoped user id: a second whatsapp identity, and the only one (and address) when the number is hidden', async () => {
    const { app, inbound } = await setup();
    expect((await post(app, fixtureText('courier_wac_hello_bsuid.json'))).statusCode).toBe(200);
    expect(
      (
        await post(
          app,
          fixtureText('courier_wac_hello_user_id_only.json').replace('external_id', 'external_id_2'),
        )
      ).statusCode,
    ).toBe(200);
    expect(inbound[0]?.identities).toEqual([
      { kind: 'phone', value: '+5678', verified: true },
      { kind: 'whatsapp', value: '5678', verified: true },
      { kind: 'whatsapp', value: 'user.abcde12345', verified: true },
    ]);
    expect(inbound[1]).toMatchObject({
      sender: {
        externalId: 'US.13491208655302741918',
        displayName: 'Sheena Nelson',
        username: '@realsheenanelson',
      },
      identities: [{ kind: 'whatsapp', value: 'US.13491208655302741918', verified: true }],
      thread: { externalChatId: 'US.13491208655302741918' },
    });
    expect(inbound[1]?.sender.phone).toBeUndefined();
    await app.close();
  });

  it('the same wamid twice in one POST, and again in a retry, is published once per request (the id is deterministic)', async () => {
    const { app, inbound } = await setup();
    const raw = fixtureText('courier_wac_duplicate.json');
    expect((await post(app, raw)).statusCode).toBe(200);
    expect(inbound).toHaveLength(1);
    expect((await post(app, raw)).statusCode).toBe(200);
    expect(new Set(inbound.map((m) => m.id)).size).toBe(1);
    await app.close();
  });

  it('a batch of several entries with one malformed message: the others published, the request dead-lettered', async () => {
    const { app, inbound, deadLetters } = await setup();
    const one = (id: string, text: string) => ({
      from: '79161234567',
      id,
      timestamp: '1764583200',
      type: 'text',
      text: { body: text },
    });
    const entry = (messages: unknown[]) => ({
      id: '8856996819413533',
      changes: [
        {
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { phone_number_id: NUMBER }, messages },
        },
      ],
    });
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        entry([one('wamid.b1', 'first'), { from: '79161234567', id: 'wamid.bad', type: 'text' }]),
        entry([one('wamid.b2', 'second')]),
        'not an entry',
        entry([one('wamid.b3', 'third')]),
      ],
    });
    expect((await post(app, raw)).statusCode).toBe(200);
    expect(inbound.map((m) => m.content.text)).toEqual(['first', 'second', 'third']);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]).toMatchObject({ channel: 'whatsapp', account: 'wa', payload: JSON.parse(raw) });
    await app.close();
  });

  it('not a WhatsApp body → 400; a bus that is down → 503 so Meta retries', async () => {
    const { app } = await setup();
    expect((await post(app, '{"hello":1}')).statusCode).toBe(400);
    expect((await post(app, 'not json')).statusCode).toBe(400);
    await app.close();
    const down = await setup({ bus: 'broken' });
    const res = await post(down.app, fixtureText('courier_wac_duplicate.json'));
    expect(res.statusCode).toBe(503);
    await down.app.close();
  });
});

describe('media that cannot be had', () => {
  it('a media id the Media API does not know: stored without the file, marked skipped with the reason', async () => {
    const { app, inbound } = await setup();
    const hook = wa.messagesWebhook([
      {
        from: '79161234567',
        id: 'wamid.m404',
        timestamp: '1764583200',
        type: 'image',
        image: { id: 'gone', mime_type: 'image/jpeg' },
      },
    ]);
    expect((await post(app, hook.body)).statusCode).toBe(200);
    expect(inbound[0]?.content.attachments[0]).toMatchObject({
      skipped: expect.stringMatching(/Media API refused.*100/),
    });
    await app.close();
  });

  it('a download that fails on the server: 503 (Meta retries), and after three tries the message goes on without it', async () => {
    const { app, inbound } = await setup();
    wa.media.set('flaky', { data: Buffer.from('x'), type: 'image/jpeg', status: 500 });
    const hook = wa.messagesWebhook([
      {
        from: '79161234567',
        id: 'wamid.m500',
        timestamp: '1764583200',
        type: 'image',
        image: { id: 'flaky' },
      },
    ]);
    expect((await post(app, hook.body)).statusCode).toBe(503);
    expect((await post(app, hook.body)).statusCode).toBe(503);
    expect(inbound).toEqual([]);
    expect((await post(app, hook.body)).statusCode).toBe(200);
    expect(inbound[0]?.content.attachments[0]).toMatchObject({ skipped: expect.stringMatching(/3 times/) });
    await app.close();
  });

  it('a blob store that fails is a 503 however often it happens: the file is never given up for it', async () => {
    const failing = new MemoryBlobs();
    failing.put = async () => {
      throw new Error('connection to the database lost');
    };
    const { app, inbound } = await setup({ blobs: failing });
    const raw = fixtureText('courier_wac_image.json');
    for (let i = 0; i < 4; i++) expect((await post(app, raw)).statusCode).toBe(503);
    expect(inbound).toEqual([]);
    await app.close();
  });

  it('a media URL on a private address is never fetched under the default (strict) guard', async () => {
    const strict = await setup({ guard: new OutboundGuard() });
    expect((await post(strict.app, fixtureText('courier_wac_image.json'))).statusCode).toBe(200);
    expect(strict.inbound[0]?.content.attachments[0]).toMatchObject({
      skipped: expect.stringMatching(/outbound address policy/),
    });
    await strict.app.close();
  });
});

describe('statuses of our sends', () => {
  it('sent / failed with Meta code and title, by wamid; naming our message when the send carried our id', async () => {
    const { app, reports } = await setup();
    expect((await post(app, fixtureText('courier_wac_valid_status.json'))).statusCode).toBe(200);
    expect((await post(app, fixtureText('courier_wac_error_status.json'))).statusCode).toBe(200);
    const ours = '0b9e7c2e-2f39-4c0e-9a57-7f3bb1f3c001';
    const read = wa.sign({
      statuses: [
        {
          id: 'wamid.OURS',
          status: 'read',
          timestamp: '1764583300',
          recipient_id: '79161234567',
          biz_opaque_callback_data: `omni:${ours}`,
        },
        { id: 'wamid.OURS', status: 'deleted', timestamp: '1764583301', recipient_id: '79161234567' },
      ],
    });
    expect((await post(app, read.body)).statusCode).toBe(200);
    expect(reports.map((r) => [r.status, r.externalId, r.recipientExternalId, r.error?.code])).toEqual([
      ['sent', 'external_id', '250788123123', undefined],
      ['failed', 'external_id', '250788123123', 'graph-131014'],
      ['read', 'wamid.OURS', '79161234567', undefined],
    ]);
    expect(reports[1]?.error).toEqual({
      code: 'graph-131014',
      message: 'Request for url https://URL.jpg failed with error: 404 (Not Found)',
      retriable: false,
    });
    expect(reports[2]?.messageId).toBe(ours);
    await app.close();
  });
});
