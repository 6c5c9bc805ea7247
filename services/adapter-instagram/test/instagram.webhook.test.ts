import { hubSignature } from '@omni/meta';
import {
  brokenBus,
  loopbackOutboundGuard,
  MemoryBlobs,
  recordingBus,
  serveModule,
  testLogger,
} from '@omni/testkit';
import type { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';
import { buildInstagramAdapter } from '../src';
import {
  envelope,
  event,
  fixtureText,
  IG_ID,
  instagramConfig,
  PATH,
  post,
  SECRETS,
  startFakeInstagram,
} from './helpers';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeInstagram();
  graph.files.set('photo.png', { data: Buffer.from('png-bytes'), type: 'image/png' });
  graph.files.set('story.mp4', { data: Buffer.from('story-bytes'), type: 'video/mp4' });
});
afterAll(() => graph.close());

async function setup(opts: { broken?: boolean; extra?: string } = {}) {
  const rec = await recordingBus();
  const blobs = new MemoryBlobs();
  const module = buildInstagramAdapter({
    config: instagramConfig(graph.url, opts.extra),
    bus: opts.broken ? brokenBus : rec.bus,
    log: testLogger('ig', 'silent'),
    blobs,
    outboundGuard: loopbackOutboundGuard(),
  });
  return { ...rec, blobs, module, app: await serveModule(module) };
}
const json = (body: unknown) => JSON.stringify(body);

it('answers the subscription handshake and checks X-Hub-Signature-256 over the raw bytes', async () => {
  const { app, inbound } = await setup();
  const hs = await app.inject({
    url: `${PATH}?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${SECRETS.verifyToken}`,
  });
  expect([hs.statusCode, hs.body]).toEqual([200, '42']);
  expect(
    (await app.inject({ url: `${PATH}?hub.mode=subscribe&hub.challenge=42&hub.verify_token=x` })).statusCode,
  ).toBe(403);
  const raw = fixtureText('courier_ig_hello_msg.json');
  expect((await post(app, raw, { signature: hubSignature(raw, 'other-secret') })).statusCode).toBe(401);
  expect((await post(app, raw, { signature: null })).statusCode).toBe(401);
  expect(inbound).toEqual([]);
  expect((await post(app, raw)).statusCode).toBe(200);
  expect(inbound).toHaveLength(1);
  await app.close();
});

it('a text: the Instagram-scoped id as a verified instagram identity (threading scopes it by account)', async () => {
  const { app, inbound } = await setup();
  expect((await post(app, fixtureText('courier_ig_hello_msg.json'))).statusCode).toBe(200);
  expect(inbound[0]).toMatchObject({
    channel: 'instagram',
    account: 'ig',
    externalId: 'external_id',
    sentAt: '2016-04-07T01:11:27.970Z',
    sender: { externalId: '5678' },
    identities: [{ kind: 'instagram', value: '5678', verified: true }],
    thread: { externalChatId: '5678' },
    content: { kind: 'text', text: 'Hello World' },
  });
  await app.close();
});

it('attachments: media stored, story mentions stored with their story, posts and reels kept as references, the heart', async () => {
  const { app, inbound, blobs } = await setup();
  const withAttachment = (mid: string, attachments: unknown[]) =>
    json(envelope(event({ message: { mid, attachments } })));
  await post(
    app,
    json(
      envelope(
        event({
          message: {
            mid: 'ig1',
            text: 'вот',
            attachments: [{ type: 'image', payload: { url: graph.fileUrl('photo.png') } }],
          },
        }),
      ),
    ),
  );
  await post(
    app,
    withAttachment('ig2', [{ type: 'story_mention', payload: { url: graph.fileUrl('story.mp4') } }]),
  );
  await post(
    app,
    withAttachment('ig3', [
      {
        type: 'ig_reel',
        payload: {
          reel_video_id: '1',
          title: 'Распаковка',
          url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1',
        },
      },
    ]),
  );
  await post(app, fixtureText('official_share_post.json'));
  await post(app, fixtureText('courier_ig_like_heart.json'));
  await post(app, fixtureText('courier_ig_story_mention.json').replace('external_id', 'ig6'));
  const [image, story, reel, share, heart, unreachable] = inbound;
  expect(image?.content).toMatchObject({
    kind: 'image',
    text: 'вот',
    attachments: [{ name: 'photo.png', mimeType: 'image/png' }],
  });
  expect(blobs.data.get(image?.content.attachments[0]?.blobId as string)?.toString()).toBe('png-bytes');
  expect(story?.content).toMatchObject({
    kind: 'other',
    text: `[mentioned you in a story: ${graph.fileUrl('story.mp4')}]`,
  });
  expect(blobs.data.get(story?.content.attachments[0]?.blobId as string)?.toString()).toBe('story-bytes');
  expect(reel?.content).toMatchObject({
    kind: 'other',
    text: '[shared a reel: Распаковка https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1]',
    attachments: [],
  });
  expect(share?.content.text).toMatch(
    /^\[shared a post: Build a workspace .* https:\/\/lookaside\.fbsbx\.com\//,
  );
  expect(heart?.content).toMatchObject({ kind: 'sticker', text: '❤️' });
  // A story link that does not resolve: the message is kept, the file marked skipped with the reason.
  expect(unreachable?.content.attachments[0]).toMatchObject({
    skipped: expect.stringMatching(/download failed/),
  });
  await app.close();
});

it('reactions, postbacks, story replies, edits, echoes and unsent messages each handled on purpose', async () => {
  const { app, inbound } = await setup();
  const raw = json(
    envelope(
      event({ reaction: { mid: 'ours-1', action: 'react', reaction: 'love', emoji: '❤️' } }),
      event({
        message: {
          mid: 'ig-story',
          text: 'классная история',
          reply_to: { story: { url: 'https://cdn.example/story', id: 'story-7' } },
        },
      }),
      event({ message_edit: { mid: 'ig-story', text: 'очень классная история', num_edit: 1 } }),
      event({ message: { mid: 'ig-unsupported', is_unsupported: true } }),
    ),
  );
  expect((await post(app, raw)).statusCode).toBe(200);
  for (const f of [
    'courier_ig_icebreaker_get_started.json',
    'courier_ig_echo.json',
    'courier_ig_unsent_msg.json',
  ])
    expect((await post(app, fixtureText(f))).statusCode).toBe(200);
  expect(inbound.map((m) => [m.content.kind, m.content.text, m.direction, m.flags])).toEqual([
    ['reaction', '❤️', 'inbound', {}],
    ['text', 'классная история\n[reply to a story: https://cdn.example/story]', 'inbound', {}],
    ['text', 'очень классная история', 'inbound', { edited: true }],
    ['other', '[a message the platform does not show through its API]', 'inbound', {}],
    ['postback', 'icebreaker question', 'inbound', {}],
    ['text', '', 'outbound', { ownMessage: true }],
  ]);
  expect(inbound[1]?.thread.replyToExternalId).toBe('story-7');
  expect(inbound[4]?.content.payload).toBe('get_started');
  await app.close();
});

it('a read receipt (messaging_seen) names the message read by its mid: one report', async () => {
  const { app, reports } = await setup();
  expect((await post(app, json(envelope(event({ read: { mid: 'aWdfZAG1' } }))))).statusCode).toBe(200);
  expect(reports).toEqual([
    expect.objectContaining({
      channel: 'instagram',
      account: 'ig',
      status: 'read',
      externalId: 'aWdfZAG1',
      recipientExternalId: '5678',
    }),
  ]);
  await app.close();
});

it('redelivery and duplicates: the same mid is one message; a batch with a malformed event keeps the others', async () => {
  const { app, inbound, deadLetters } = await setup();
  expect((await post(app, fixtureText('courier_ig_duplicate_msg.json'))).statusCode).toBe(200);
  expect((await post(app, fixtureText('courier_ig_duplicate_msg.json'))).statusCode).toBe(200);
  expect(new Set(inbound.map((m) => m.id)).size).toBe(1);
  const raw = json({
    object: 'instagram',
    entry: [
      { id: IG_ID, messaging: [event({ message: { mid: 'b1', text: 'first' } }), { sender: 'broken' }] },
      { id: IG_ID, messaging: [event({ message: { mid: 'b2', text: 'second' } }, '9999')] },
      42,
    ],
  });
  expect((await post(app, raw)).statusCode).toBe(200);
  expect(inbound.slice(-2).map((m) => [m.content.text, m.sender.externalId])).toEqual([
    ['first', '5678'],
    ['second', '9999'],
  ]);
  expect(deadLetters).toHaveLength(1);
  expect(deadLetters[0]).toMatchObject({ channel: 'instagram', account: 'ig', payload: JSON.parse(raw) });
  await app.close();
});

it('a Page subscription is not ours (ignored, 200); not a webhook → 400; the bus down → 503', async () => {
  const { app, inbound } = await setup();
  expect(
    (await post(app, fixtureText('courier_ig_hello_msg.json').replace('"instagram"', '"page"'))).statusCode,
  ).toBe(200);
  expect(inbound).toEqual([]);
  expect((await post(app, '[1,2]')).statusCode).toBe(400);
  await app.close();
  const down = await setup({ broken: true });
  expect((await post(down.app, fixtureText('courier_ig_hello_msg.json'))).statusCode).toBe(503);
  await down.app.close();
});

it('names and usernames are looked up in the background (fetchProfiles) and never delay ingestion', async () => {
  graph.profiles.set('5678', { name: 'Мария', username: 'maria.shop', profile_pic: 'https://pics/ig.jpg' });
  const { app, inbound, module } = await setup({ extra: '      fetchProfiles: true\n' });
  await post(app, json(envelope(event({ message: { mid: 'p1', text: 'раз' } }))));
  await module.stop?.(); // the first lookup has finished
  await post(app, json(envelope(event({ message: { mid: 'p2', text: 'два' } }))));
  expect(inbound[0]?.sender.displayName).toBeUndefined();
  expect(inbound[1]?.sender).toMatchObject({
    displayName: 'Мария',
    username: 'maria.shop',
    avatarUrl: 'https://pics/ig.jpg',
  });
  expect(graph.calls.find((c) => c.path === '5678')?.query.fields).toBe('name,username,profile_pic');
  await app.close();
});
