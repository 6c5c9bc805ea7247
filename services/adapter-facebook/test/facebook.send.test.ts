import { isRetriable, messageId, type OutboundMessage, outboundTopic } from '@omni/contracts';
import { hubSignature, MessengerClient } from '@omni/meta';
import { splitText } from '@omni/service-kit';
import { outboundMessage, platformFailure, testLogger, waitFor } from '@omni/testkit';
import { FakeGraphApi, GRAPH_ERRORS } from '@omni/testkit/src/fakes/graph-api';
import { buildFacebookAdapter, createSender } from '../src';
import { facebookConfig, MemoryBlobs, PAGE_ID, recordingBus, SECRETS, serve } from './helpers';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await FakeGraphApi.start({ pageAccessToken: SECRETS.pageAccessToken });
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.calls.length = 0;
  graph.outsideWindow.clear();
});

const outbound = (text: string, extra: Partial<OutboundMessage> = {}) =>
  outboundMessage(
    { channel: 'facebook', account: 'main-page', recipient: { externalId: '5678' } },
    text,
    extra,
  );

function sender(extra = '', blobs = new MemoryBlobs()) {
  const config = facebookConfig(graph.url, extra);
  const account = config.channels.facebook[0];
  if (!account) throw new Error('no account');
  const client = new MessengerClient({
    apiRoot: graph.url,
    graphVersion: account.graphVersion,
    accessToken: account.pageAccessToken,
    rateLimitDelayMs: 1,
  });
  return createSender({
    accounts: new Map([['main-page', account]]),
    clients: new Map([['main-page', client]]),
    blobs,
  });
}

const failure = platformFailure;

describe('Send API replies', () => {
  it('sends a RESPONSE with our id in the metadata and reports the mid', async () => {
    const msg = outbound('Здравствуйте! 😊');
    const result = await sender()(msg);
    expect(graph.sent()).toHaveLength(1);
    expect(graph.sent()[0]?.body).toMatchObject({
      recipient: { id: '5678' },
      messaging_type: 'RESPONSE',
      message: { text: 'Здравствуйте! 😊', metadata: `omni:${msg.id}` },
    });
    expect(result.externalId).toMatch(/^m_fake\d+$/);
  });

  it('offers choices as quick replies on the last part', async () => {
    const choices = [1, 2, 3, 4, 5].map((n) => ({ label: String(n), payload: `csat:t:${n}` }));
    await sender()(outbound('How did we do?', { choices }));
    expect(graph.sent()[0]?.body).toMatchObject({
      message: {
        text: 'How did we do?',
        quick_replies: choices.map((c) => ({ content_type: 'text', title: c.label, payload: c.payload })),
      },
    });
  });

  it('splits long text at the 2000-character limit without breaking emoji', async () => {
    const text = `${'я'.repeat(1999)}😊${'b'.repeat(10)}`;
    expect(splitText(text, 2000).map((c) => [...c].length)).toEqual([2000, 10]);
    await sender()(outbound(text));
    expect(graph.sent()).toHaveLength(2);
  });

  it('uploads attachments from the blob store as multipart', async () => {
    const blobs = new MemoryBlobs();
    const blob = await blobs.put(Buffer.from('%PDF-1.4'));
    await sender(
      '',
      blobs,
    )(
      outbound('см. счёт', {
        content: {
          text: 'см. счёт',
          attachments: [{ blobId: blob.id, name: 'счёт.pdf', mimeType: 'application/pdf', size: 8 }],
        },
      }),
    );
    const upload = graph.sent()[1];
    expect(upload?.file).toEqual({ name: 'счёт.pdf', type: 'application/pdf', size: 8 });
    expect(upload?.body).toMatchObject({ message: { attachment: { type: 'file' } } });
  });

  it('outside the 24-hour window: a permanent failure without a tag, MESSAGE_TAG with one', async () => {
    graph.outsideWindow.add('5678');
    const err = await failure(sender()(outbound('поздно')));
    expect(err.code).toBe('facebook-outside-window');
    expect(err.retriable).toBe(false);
    await sender('      messageTag: HUMAN_AGENT\n')(outbound('поздно'));
    expect(graph.sent()[0]?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });

  it('a reply the ticket API accepted past the window (outsideWindow) goes tagged at once', async () => {
    await sender('      messageTag: HUMAN_AGENT\n')(outbound('через три дня', { outsideWindow: true }));
    const calls = graph.calls.filter((c) => c.path === 'me/messages');
    expect(calls.map((c) => [c.status, c.body.messaging_type, c.body.tag])).toEqual([
      [200, 'MESSAGE_TAG', 'HUMAN_AGENT'],
    ]);
  });

  it('maps Graph errors: rate limits retriable, token errors permanent, with the Graph code', async () => {
    graph.failNext(GRAPH_ERRORS.rateLimit);
    const limited = await failure(sender()(outbound('a')));
    expect([limited.code, isRetriable(limited)]).toEqual(['graph-613', true]);
    graph.failNext(GRAPH_ERRORS.invalidToken);
    const token = await failure(sender()(outbound('a')));
    expect([token.code, isRetriable(token)]).toEqual(['graph-190', false]);
    graph.failNext(GRAPH_ERRORS.userUnavailable);
    expect((await failure(sender()(outbound('a')))).code).toBe('graph-551-1545041');
    graph.failNext(GRAPH_ERRORS.temporary);
    expect(isRetriable(await failure(sender()(outbound('a'))))).toBe(true);
  });

  it('does not resend the parts already sent when a retry follows a partial failure', async () => {
    const send = sender();
    const msg = outbound(`${'a'.repeat(2000)} tail`);
    graph.failNext(null, GRAPH_ERRORS.appRateLimit);
    expect(isRetriable(await failure(send(msg)))).toBe(true);
    await send(msg);
    const texts = graph.sent().map((c) => (c.body as { message: { text: string } }).message.text);
    expect(texts.filter((t) => t === 'tail')).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('aaa'))).toHaveLength(1);
  });
});

describe('outbound consumer', () => {
  it('reports sent with the mid, and failed with the Graph code', async () => {
    const { bus, reports } = await recordingBus();
    const module = buildFacebookAdapter({
      config: facebookConfig(graph.url),
      bus,
      log: testLogger('fb', 'silent'),
      blobs: new MemoryBlobs(),
      outbound: { initialBackoffMs: 1, rateLimitDelayMs: 1, maxAttempts: 3 },
    });
    await module.start?.();
    const ok = outbound('привет');
    await bus.publish(outboundTopic('facebook'), [{ key: ok.ticketId, value: ok }]);
    graph.failNext(GRAPH_ERRORS.invalidToken);
    const bad = outbound('нет');
    await bus.publish(outboundTopic('facebook'), [{ key: bad.ticketId, value: bad }]);
    graph.failNext(GRAPH_ERRORS.rateLimit, GRAPH_ERRORS.rateLimit);
    const retried = outbound('повтор');
    await bus.publish(outboundTopic('facebook'), [{ key: retried.ticketId, value: retried }]);
    await waitFor(() => reports.length === 3);
    expect(reports[0]).toMatchObject({
      messageId: ok.id,
      status: 'sent',
      externalId: expect.stringMatching(/^m_fake/),
    });
    expect(reports[1]).toMatchObject({
      messageId: bad.id,
      status: 'failed',
      error: { code: 'graph-190', retriable: false },
    });
    expect(reports[2]).toMatchObject({ messageId: retried.id, status: 'sent' });

    // Messenger's delivery (by mid) and read (by watermark) events then name our messages.
    const app = await serve(module);
    const webhook = async (messaging: unknown) => {
      const payload = JSON.stringify({
        object: 'page',
        entry: [{ id: PAGE_ID, time: 1, messaging: [messaging] }],
      });
      const res = await app.inject({
        method: 'POST',
        url: '/channels/facebook/main-page/webhook',
        payload,
        headers: { 'x-hub-signature-256': hubSignature(payload, SECRETS.appSecret) },
      });
      expect(res.statusCode).toBe(200);
    };
    const from = { sender: { id: '5678' }, recipient: { id: PAGE_ID } };
    await webhook({
      ...from,
      timestamp: Date.now(),
      delivery: { mids: [reports[0]?.externalId, 'm_unknown'], watermark: Date.now() },
    });
    await webhook({ ...from, timestamp: Date.now(), read: { watermark: Date.now() + 1000 } });
    expect(reports.slice(3)).toEqual([
      expect.objectContaining({ messageId: ok.id, status: 'delivered', externalId: reports[0]?.externalId }),
      expect.objectContaining({
        status: 'delivered',
        externalId: 'm_unknown',
        messageId: messageId('facebook', 'main-page', 'm_unknown'),
      }),
      expect.objectContaining({ messageId: ok.id, status: 'read' }),
      expect.objectContaining({ messageId: retried.id, status: 'read' }),
    ]);
    await app.close();
    await module.stop?.();
  });
});
