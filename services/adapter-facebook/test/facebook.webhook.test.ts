import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageId } from '@omni/contracts';
import { hubSignature } from '@omni/meta';
import { OutboundGuard } from '@omni/service-kit';
import { loopbackOutboundGuard, tableResolver, testLogger } from '@omni/testkit';
import { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';
import type { FastifyInstance } from 'fastify';
import { buildFacebookAdapter } from '../src';
import {
  brokenBus,
  FIXTURES,
  facebookConfig,
  fixture,
  MemoryBlobs,
  PAGE_ID,
  recordingBus,
  SECRETS,
  serve,
} from './helpers';

const NOW = new Date('2026-11-22T10:00:00.000Z');
const path = '/channels/facebook/main-page/webhook';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await FakeGraphApi.start({ pageAccessToken: SECRETS.pageAccessToken });
  graph.files.set('photo.png', { data: Buffer.from('png-bytes'), type: 'image/png' });
  graph.files.set('arst', { data: Buffer.from('sticker-bytes'), type: 'image/png' });
  graph.profiles.set('5678', {
    first_name: 'Анна',
    last_name: 'Иванова',
    profile_pic: 'https://pics/anna.jpg',
  });
});
afterAll(() => graph.close());

/** Attachment URLs on loopback (the fake Graph API's) are allowed unless another guard is given. */
async function setup(extra = '', outboundGuard: OutboundGuard = loopbackOutboundGuard()) {
  const rec = await recordingBus();
  const blobs = new MemoryBlobs();
  const module = buildFacebookAdapter({
    config: facebookConfig(graph.url, extra),
    bus: rec.bus,
    log: testLogger('fb', 'silent'),
    blobs,
    now: () => NOW,
    outboundGuard,
  });
  const app = await serve(module);
  return { ...rec, blobs, module, app };
}

function post(app: FastifyInstance, body: unknown, opts: { raw?: string; signature?: string | null } = {}) {
  const payload = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.signature !== null)
    headers['x-hub-signature-256'] = opts.signature ?? hubSignature(payload, SECRETS.appSecret);
  return app.inject({ method: 'POST', url: path, payload, headers });
}

const envelope = (...messaging: unknown[]) => ({
  object: 'page',
  entry: [{ id: PAGE_ID, time: 1, messaging }],
});
const ev = (extra: Record<string, unknown>, sender = '5678') => ({
  sender: { id: sender },
  recipient: { id: PAGE_ID },
  timestamp: 1763800000000,
  ...extra,
});

describe('subscription handshake', () => {
  it('echoes the challenge as plain text for the right verify token, 403 otherwise', async () => {
    const { app } = await setup();
    const ok = await app.inject({
      url: `${path}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${SECRETS.verifyToken}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain/);
    expect(ok.body).toBe('1158201444');
    // The documented sample request (hub.* parameters over several lines).
    const sample = readFileSync(join(FIXTURES, 'official_verification_request.txt'), 'utf8').replace(
      /\s+/g,
      '',
    );
    const query = new URL(sample.replace(/^GET/, '')).search.replace('meatyhamhock', SECRETS.verifyToken);
    const documented = await app.inject({ url: `${path}${query}` });
    expect([documented.statusCode, documented.body]).toEqual([200, '1158201444']);
    const wrong = await app.inject({
      url: `${path}?hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock`,
    });
    expect(wrong.statusCode).toBe(403);
    const noMode = await app.inject({
      url: `${path}?hub.challenge=1&hub.verify_token=${SECRETS.verifyToken}`,
    });
    expect(noMode.statusCode).toBe(403);
    const unknown = await app.inject({
      url: `/channels/facebook/other/webhook?hub.mode=subscribe&hub.challenge=1&hub.verify_token=${SECRETS.verifyToken}`,
    });
    expect(unknown.statusCode).toBe(404);
    await app.close();
  });
});

describe('signature', () => {
  it('accepts a Cyrillic and emoji body signed over the raw bytes, with odd spacing kept', async () => {
    const { app, inbound } = await setup();
    const raw = `{"object":"page",  "entry":[{"id":"${PAGE_ID}","time":1,"messaging":[{"sender":{"id":"5678"},"recipient":{"id":"${PAGE_ID}"},"timestamp":1763800000000,"message":{"mid":"m_1","text":"Привет 👋🏽 мир"}}]}]}`;
    const res = await post(app, null, { raw });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('EVENT_RECEIVED');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]?.content.text).toBe('Привет 👋🏽 мир');
    // The same bytes signed after a re-serialization do not verify.
    const resigned = await post(app, null, {
      raw,
      signature: hubSignature(JSON.stringify(JSON.parse(raw)), SECRETS.appSecret),
    });
    expect(resigned.statusCode).toBe(401);
    await app.close();
  });

  it('rejects a missing or wrong signature and publishes nothing', async () => {
    const { app, inbound } = await setup();
    const body = fixture('courier_fba_hello_msg.json');
    expect((await post(app, body, { signature: null })).statusCode).toBe(401);
    expect((await post(app, body, { signature: hubSignature('other', SECRETS.appSecret) })).statusCode).toBe(
      401,
    );
    expect(
      (await post(app, body, { signature: hubSignature(JSON.stringify(body), 'wrong-secret') })).statusCode,
    ).toBe(401);
    expect((await post(app, body, { signature: 'sha256=zz' })).statusCode).toBe(401);
    expect(inbound).toHaveLength(0);
    await app.close();
  });

  it('answers 400 for a signed body that is not JSON or not a webhook payload', async () => {
    const { app, inbound } = await setup();
    expect((await post(app, null, { raw: '{"object":' })).statusCode).toBe(400);
    expect((await post(app, { hello: 'world' })).statusCode).toBe(400);
    expect((await post(app, null, { raw: '' })).statusCode).toBe(400);
    expect(inbound).toHaveLength(0);
    await app.close();
  });
});

describe('events', () => {
  it('never fetches an attachment URL that points inside the network (no allowlist): skipped with the reason, webhook answered', async () => {
    const strict = new OutboundGuard({ resolve: tableResolver({ 'cdn.internal.example': ['192.168.7.7'] }) });
    const { app, inbound, blobs } = await setup('', strict);
    const urls = [
      graph.fileUrl('photo.png'), // the fake, on 127.0.0.1
      `http://[::1]:${new URL(graph.url).port}/files/photo.png`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
      'https://cdn.internal.example/photo.png',
    ];
    const body = {
      object: 'page',
      entry: [
        {
          id: PAGE_ID,
          time: 1_700_000_000_000,
          messaging: [
            {
              sender: { id: '5678' },
              recipient: { id: PAGE_ID },
              timestamp: 1_700_000_000_000,
              message: {
                mid: 'mid.ssrf',
                attachments: urls.map((url) => ({ type: 'image', payload: { url } })),
              },
            },
          ],
        },
      ],
    };
    expect((await post(app, body)).statusCode).toBe(200);
    const attachments = inbound[0]?.content.attachments ?? [];
    expect(attachments.map((a) => a.skipped?.replace(/^.*: /, ''))).toEqual([
      '127.0.0.1 is in the loopback range',
      '::1 is in the loopback range',
      '169.254.169.254 is in the metadata range',
      'fd00:ec2::254 is in the metadata range',
      'cdn.internal.example (192.168.7.7) is in the private range',
    ]);
    expect(blobs.data.size).toBe(0);
    await app.close();
  });

  it('maps the reference payloads', async () => {
    const { app, inbound, reports, blobs } = await setup();
    const image = fixture('courier_fba_attachment.json') as {
      entry: Array<{ messaging: Array<{ message: { attachments: Array<{ payload: { url: string } }> } }> }>;
    };
    (image.entry[0]?.messaging[0]?.message.attachments[0]?.payload as { url: string }).url =
      graph.fileUrl('photo.png');
    const thumbs = fixture('courier_fba_thumbs_up.json') as typeof image;
    (thumbs.entry[0]?.messaging[0]?.message.attachments[0]?.payload as { url: string }).url =
      graph.fileUrl('arst');
    for (const body of [
      fixture('courier_fba_hello_msg.json'),
      image,
      thumbs,
      fixture('courier_fba_location_attachment.json'),
      fixture('courier_fba_postback.json'),
      fixture('courier_fba_echo.json'),
      fixture('courier_fba_dlr.json'),
      {
        object: 'page',
        entry: [fixture('fbmessenger_api_hackage_text_page_envelope.json')].flatMap(
          (b) => (b as { entry: unknown[] }).entry,
        ),
      },
    ]) {
      expect((await post(app, body)).statusCode).toBe(200);
    }
    const byText = inbound.map((m) => [m.content.kind, m.content.text, m.direction]);
    expect(byText).toEqual([
      ['text', 'Hello World', 'inbound'],
      ['image', '', 'inbound'],
      ['sticker', '', 'inbound'],
      ['location', '[location 1.2, -1.3]', 'inbound'],
      ['postback', 'postback title', 'inbound'],
      ['text', '', 'outbound'],
      ['text', 'hello, world!', 'inbound'],
    ]);
    const hello = inbound[0];
    expect(hello?.id).toBe(messageId('facebook', 'main-page', 'external_id'));
    expect(hello?.identities).toEqual([{ kind: 'facebook', value: '5678', verified: true }]);
    expect(hello?.sentAt).toBe('2016-04-07T01:11:27.970Z');
    const stored = inbound[1]?.content.attachments[0];
    expect(stored?.blobId && blobs.data.get(stored.blobId)?.toString()).toBe('png-bytes');
    expect(stored?.mimeType).toBe('image/png');
    expect(inbound[3]?.content.location).toEqual({ latitude: 1.2, longitude: -1.3 });
    expect(inbound[4]?.content.payload).toBe('postback payload');
    // The echo's customer is the non-page side; it is recorded as our own outbound message.
    expect(inbound[5]?.sender.externalId).toBe('5678');
    expect(inbound[5]?.flags.ownMessage).toBe(true);
    expect(reports).toEqual([
      expect.objectContaining({
        status: 'delivered',
        externalId: 'mid.1458668856218:ed81099e15d3f4f233',
        recipientExternalId: '5678',
        channel: 'facebook',
      }),
    ]);
    await app.close();
  });

  it('maps edits, reactions, reads, quick replies, referrals, fallback links and files; acknowledges the rest', async () => {
    const { app, inbound, reports } = await setup();
    const ourId = '0b4b1c0e-6f4a-4e55-9a57-1d6a3e2f0c11';
    const res = await post(
      app,
      envelope(
        ev({ message_edit: { mid: 'm_1', text: 'исправлено ✍️', num_edit: 1 } }),
        ev({ reaction: { reaction: 'love', emoji: '❤️', action: 'react', mid: 'm_ours' } }),
        ev({ reaction: { action: 'unreact', mid: 'm_ours' } }),
        ev({ read: { watermark: 1763800000000 } }),
        ev({ message: { mid: 'm_qr', text: 'Да', quick_reply: { payload: 'YES' } } }),
        ev({ referral: { ref: 'promo', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
        ev({
          message: {
            mid: 'm_link',
            attachments: [{ type: 'fallback', title: 'Статья', url: 'https://example.com/a', payload: null }],
          },
        }),
        ev({
          message: {
            mid: 'm_file',
            attachments: [{ type: 'file', payload: { url: `${graph.url}/files/missing.pdf` } }],
          },
        }),
        {
          sender: { id: PAGE_ID },
          recipient: { id: '5678' },
          timestamp: 1763800000000,
          message: { is_echo: true, mid: 'm_echo', text: 'Ответ', metadata: `omni:${ourId}` },
        },
        ev({ optin: { ref: 'x' } }),
        ev({ account_linking: { status: 'linked' } }),
      ),
    );
    expect(res.statusCode).toBe(200);
    const kinds = inbound.map((m) => [m.content.kind, m.content.text]);
    expect(kinds).toEqual([
      ['text', 'исправлено ✍️'],
      ['reaction', '❤️'],
      ['reaction', '[reaction removed]'],
      ['postback', 'Да'],
      ['postback', '[referral SHORTLINK: promo]'],
      ['other', '[fallback: Статья https://example.com/a]'],
      ['file', ''],
      ['text', 'Ответ'],
    ]);
    expect(inbound[0]?.flags.edited).toBe(true);
    expect(inbound[0]?.id).toBe(messageId('facebook', 'main-page', 'm_1'));
    expect(inbound[1]?.thread.replyToExternalId).toBe('m_ours');
    expect(inbound[3]?.content.payload).toBe('YES');
    expect(inbound[6]?.content.attachments[0]?.skipped).toMatch(/404/);
    // An echo of our own send takes our message's id from the metadata we attached.
    expect(inbound[7]).toMatchObject({
      id: ourId,
      direction: 'outbound',
      externalId: 'm_echo',
      sender: { externalId: '5678' },
    });
    expect(reports).toEqual([
      expect.objectContaining({
        status: 'read',
        watermark: '2025-11-22T08:26:40.000Z',
        recipientExternalId: '5678',
      }),
    ]);
    await app.close();
  });

  it('keeps every good event of a batch when one is malformed', async () => {
    const { app, inbound } = await setup();
    const body = {
      object: 'page',
      entry: [
        {
          id: PAGE_ID,
          time: 1,
          messaging: [
            ev({ message: { mid: 'a', text: 'one' } }),
            { sender: 'broken' },
            ev({ message: { mid: 'b', text: 'two' } }),
          ],
        },
        'not an entry',
        { id: PAGE_ID, time: 1, messaging: [ev({ message: { mid: 'c', text: 'three' } }, '9999')] },
      ],
    };
    expect((await post(app, body)).statusCode).toBe(200);
    expect(inbound.map((m) => m.content.text)).toEqual(['one', 'two', 'three']);
    await app.close();
  });

  it('publishes a duplicated mid once per request and the same id on a retry', async () => {
    const { app, inbound } = await setup();
    const body = fixture('courier_fba_duplicate_msg.json');
    expect((await post(app, body)).statusCode).toBe(200);
    expect(inbound).toHaveLength(1);
    expect((await post(app, body)).statusCode).toBe(200);
    expect(new Set(inbound.map((m) => m.id)).size).toBe(1);
    await app.close();
  });

  it('acknowledges non-page objects and unknown events without publishing', async () => {
    const { app, inbound, reports } = await setup();
    expect((await post(app, { object: 'instagram', entry: [{}] })).statusCode).toBe(200);
    expect(
      (await post(app, envelope(ev({ pass_thread_control: { new_owner_app_id: '1' } })))).statusCode,
    ).toBe(200);
    expect(inbound).toHaveLength(0);
    expect(reports).toHaveLength(0);
    await app.close();
  });

  it('answers 503 with Retry-After when the bus is down', async () => {
    const module = buildFacebookAdapter({
      config: facebookConfig(graph.url),
      bus: brokenBus,
      log: testLogger('fb', 'silent'),
      blobs: new MemoryBlobs(),
    });
    const app = await serve(module);
    const res = await post(app, fixture('courier_fba_hello_msg.json'));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBeDefined();
    const dlr = await post(app, fixture('courier_fba_dlr.json'));
    expect(dlr.statusCode).toBe(503);
    await app.close();
  });

  it('adds the profile name once it is cached, without waiting for it', async () => {
    const { app, inbound, module } = await setup('      fetchProfiles: true\n');
    await post(app, fixture('courier_fba_hello_msg.json'));
    await module.stop?.();
    await post(app, envelope(ev({ message: { mid: 'm_2', text: 'ещё' } })));
    expect(inbound[0]?.sender.displayName).toBeUndefined();
    expect(inbound[1]?.sender).toMatchObject({
      displayName: 'Анна Иванова',
      avatarUrl: 'https://pics/anna.jpg',
    });
    await app.close();
  });
});
