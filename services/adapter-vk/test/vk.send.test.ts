import { isRetriable, type OutboundMessage, outboundTopic } from '@omni/contracts';
import { outboundMessage, platformFailure, testLogger, waitFor } from '@omni/testkit';
import { FakeVkApi, VK_ERRORS } from '@omni/testkit/src/fakes/vk-api';
import { buildVkAdapter, createSender, randomId, VkClient } from '../src';
import { GROUP_ID, MemoryBlobs, recordingBus, SECRETS, serve, vkConfig } from './helpers';

let vk: FakeVkApi;
beforeAll(async () => {
  vk = await FakeVkApi.start({ accessToken: SECRETS.accessToken, groupId: GROUP_ID });
});
afterAll(() => vk.close());
beforeEach(() => {
  vk.sent.length = 0;
  vk.calls.length = 0;
  vk.denied.clear();
});

const outbound = (text: string, extra: Partial<OutboundMessage> = {}) =>
  outboundMessage(
    { channel: 'vk', account: 'club', recipient: { externalId: '777', externalChatId: '777' } },
    text,
    extra,
  );

function sender(blobs = new MemoryBlobs(), token = SECRETS.accessToken) {
  const client = new VkClient({
    apiRoot: vk.url,
    apiVersion: '5.199',
    accessToken: token,
    rateLimitDelayMs: 1,
  });
  return createSender({ clients: new Map([['club', client]]), blobs });
}

const failure = platformFailure;

describe('messages.send replies', () => {
  it('derives random_id from our message id, so a retried send is not doubled', async () => {
    const msg = outbound('Здравствуйте! 😊', { thread: { replyToExternalId: '777:42' } });
    const first = await sender()(msg);
    const again = await sender()(msg);
    expect(vk.sent).toHaveLength(1);
    expect(first.externalId).toBe('777:1');
    expect(again.externalId).toBe(first.externalId);
    const call = vk.calls.find((c) => c.method === 'messages.send');
    expect(call?.params).toMatchObject({
      peer_ids: '777',
      random_id: String(randomId(msg.id)),
      message: 'Здравствуйте! 😊',
      v: '5.199',
    });
    expect(JSON.parse(call?.params.forward ?? '{}')).toEqual({
      peer_id: 777,
      conversation_message_ids: [42],
      is_reply: true,
    });
    expect(randomId(msg.id)).toBe(randomId(msg.id));
    expect(Number.isInteger(randomId(msg.id)) && Math.abs(randomId(msg.id)) < 2 ** 31).toBe(true);
  });

  it('offers choices as an inline keyboard of text buttons carrying our payload', async () => {
    const choices = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), payload: `csat:t:${n}` }));
    await sender()(outbound('How did we do?', { choices }));
    const call = vk.calls.find((c) => c.method === 'messages.send');
    expect(JSON.parse(call?.params.keyboard ?? '{}')).toEqual({
      inline: true,
      buttons: [
        choices.map((c) => ({
          action: { type: 'text', label: c.label, payload: JSON.stringify({ omni: c.payload }) },
        })),
      ],
    });
  });

  it('uploads a photo and a document through the upload flow', async () => {
    const blobs = new MemoryBlobs();
    const photo = await blobs.put(Buffer.from('jpeg'));
    const doc = await blobs.put(Buffer.from('%PDF'));
    await sender(blobs)(
      outbound('файлы', {
        content: {
          text: 'файлы',
          attachments: [
            { blobId: photo.id, name: 'фото.jpg', mimeType: 'image/jpeg', size: 4 },
            { blobId: doc.id, name: 'счёт.pdf', mimeType: 'application/pdf', size: 4 },
          ],
        },
      }),
    );
    expect(vk.uploads.map((u) => [u.field, u.name])).toEqual([
      ['photo', 'фото.jpg'],
      ['file', 'счёт.pdf'],
    ]);
    expect(vk.sent[0]?.attachment).toMatch(new RegExp(`^photo-${GROUP_ID}_\\d+_ak1,doc-${GROUP_ID}_\\d+$`));
    expect(vk.calls.map((c) => c.method)).toEqual([
      'photos.getMessagesUploadServer',
      'photos.saveMessagesPhoto',
      'docs.getMessagesUploadServer',
      'docs.save',
      'messages.send',
    ]);
  });

  it('maps VK errors: 6 and 10 transient, 901, 7 and 5 permanent, with the code', async () => {
    for (const [error, retriable] of [
      [VK_ERRORS.tooManyRequests, true],
      [VK_ERRORS.internal, true],
      [VK_ERRORS.noPermission, false],
      [VK_ERRORS.permission, false],
      [VK_ERRORS.blacklisted, false],
    ] as const) {
      vk.failNext(error);
      const err = await failure(sender()(outbound('x')));
      expect([err.code, isRetriable(err)]).toEqual([`vk-${error.code}`, retriable]);
    }
    const token = await failure(sender(new MemoryBlobs(), 'bad-token')(outbound('x')));
    expect([token.code, token.retriable]).toEqual(['vk-5', false]);
    vk.denied.add(777);
    expect((await failure(sender()(outbound('x')))).code).toBe('vk-901');
  });
});

describe('outbound consumer and long poll', () => {
  it('reports sent with peer:cmid and failed with the VK code; the echo keeps our id', async () => {
    const { bus, reports, inbound } = await recordingBus();
    const module = buildVkAdapter({
      config: vkConfig(vk.url),
      bus,
      log: testLogger('vk', 'silent'),
      blobs: new MemoryBlobs(),
      outbound: { initialBackoffMs: 1, rateLimitDelayMs: 1, maxAttempts: 3 },
    });
    await module.start?.();
    const ok = outbound('привет');
    vk.failNext(VK_ERRORS.tooManyRequests);
    await bus.publish(outboundTopic('vk'), [{ key: ok.ticketId, value: ok }]);
    vk.failNext(VK_ERRORS.noPermission);
    const bad = outbound('нет');
    await bus.publish(outboundTopic('vk'), [{ key: bad.ticketId, value: bad }]);
    await waitFor(() => reports.length === 2);
    expect(reports[0]).toMatchObject({
      messageId: ok.id,
      status: 'sent',
      externalId: expect.stringMatching(/^777:\d+$/),
    });
    expect(reports[1]).toMatchObject({
      messageId: bad.id,
      status: 'failed',
      error: { code: 'vk-901', retriable: false },
    });
    // VK echoes our send as message_reply with our random_id: the echo takes our message's id.
    const app = await serve(module);
    const [peer, cmid] = (reports[0]?.externalId ?? '').split(':').map(Number);
    const echo = {
      date: 1763800000,
      from_id: -GROUP_ID,
      peer_id: peer,
      conversation_message_id: cmid,
      text: 'привет',
      out: 1,
      random_id: randomId(ok.id),
    };
    const res = await app.inject({
      method: 'POST',
      url: '/channels/vk/club/callback',
      payload: {
        type: 'message_reply',
        object: echo,
        group_id: GROUP_ID,
        event_id: 'r1',
        secret: SECRETS.secret,
      },
    });
    expect(res.body).toBe('ok');
    expect(inbound[0]).toMatchObject({
      id: ok.id,
      direction: 'outbound',
      externalId: reports[0]?.externalId,
    });
    // The customer's read receipt names the same peer:cmid, and so our message.
    const read = { from_id: peer, peer_id: peer, read_message_id: 1, conversation_message_id: cmid };
    await app.inject({
      method: 'POST',
      url: '/channels/vk/club/callback',
      payload: {
        type: 'message_read',
        object: read,
        group_id: GROUP_ID,
        event_id: 'r2',
        secret: SECRETS.secret,
      },
    });
    expect(reports[2]).toMatchObject({
      messageId: ok.id,
      status: 'read',
      externalId: reports[0]?.externalId,
    });
    await app.close();
    await module.stop?.();
  });

  it('long poll: ingests updates, renews an expired key, re-reads a batch the bus refused', async () => {
    const { bus, inbound } = await recordingBus();
    let refuse = true;
    const flaky = {
      ...bus,
      publish: async (topic: string, records: Parameters<typeof bus.publish>[1]) => {
        if (refuse) {
          refuse = false;
          throw new Error('broker down');
        }
        return bus.publish(topic, records);
      },
      subscribe: bus.subscribe.bind(bus),
      health: bus.health.bind(bus),
      close: bus.close.bind(bus),
    };
    const module = buildVkAdapter({
      config: vkConfig(vk.url, '      mode: longpoll\n'),
      bus: flaky,
      log: testLogger('vk', 'silent'),
      blobs: new MemoryBlobs(),
      longPoll: { waitSeconds: 1, retryDelayMs: 10 },
    });
    await module.start?.();
    // Like VK, the fake delivers only what happens after the poller connected.
    await waitFor(() => vk.calls.some((c) => c.method === 'groups.getLongPollServer'));
    const update = (cmid: number, text: string) => ({
      type: 'message_new',
      group_id: GROUP_ID,
      event_id: `lp-${cmid}`,
      v: '5.199',
      object: { message: { date: 1763800000, from_id: 1, peer_id: 1, conversation_message_id: cmid, text } },
    });
    vk.pushLongPoll(update(1, 'первое'));
    await waitFor(() => inbound.length === 1);
    vk.expireLongPollKey();
    vk.pushLongPoll({ type: 'wall_post_new', group_id: GROUP_ID, object: { id: 28 } }, update(2, 'второе'));
    await waitFor(() => inbound.length === 2);
    await module.stop?.();
    expect(inbound.map((m) => m.content.text)).toEqual(['первое', 'второе']);
    expect(vk.calls.filter((c) => c.method === 'groups.getLongPollServer').length).toBeGreaterThanOrEqual(2);
  });
});
