import { randomUUID } from 'node:crypto';
import { isRetriable, type OutboundMessage } from '@omni/contracts';
import { createMessengerSender, MessengerClient, SentLog } from '@omni/meta';
import { MemoryBlobs, outboundMessage, platformFailure } from '@omni/testkit';
import { type FakeGraphApi, GRAPH_ERRORS } from '@omni/testkit/src/fakes/graph-api';
import { MAX_TEXT } from '../src';
import { instagramConfig, SECRETS, startFakeInstagram } from './helpers';

let graph: FakeGraphApi;
beforeAll(async () => {
  graph = await startFakeInstagram();
});
afterAll(() => graph.close());
beforeEach(() => {
  graph.calls.length = 0;
  graph.outsideWindow.clear();
});

const outbound = (text: string, extra: Partial<OutboundMessage> = {}) =>
  outboundMessage({ channel: 'instagram', account: 'ig', recipient: { externalId: '5678' } }, text, extra);

/** The adapter's sender: the shared Messenger Platform sender with Instagram's limit. */
function sender(extra = '', sentLog?: SentLog) {
  const account = instagramConfig(graph.url, extra).channels.instagram[0];
  if (!account) throw new Error('no account');
  const client = new MessengerClient({
    apiRoot: graph.url,
    graphVersion: account.graphVersion,
    accessToken: SECRETS.accessToken,
    rateLimitDelayMs: 1,
  });
  return createMessengerSender({
    channel: 'instagram',
    maxText: MAX_TEXT,
    accounts: new Map([['ig', account]]),
    clients: new Map([['ig', client]]),
    blobs: new MemoryBlobs(),
    sentLog,
  });
}

const failure = platformFailure;

it('sends through me/messages in parts of at most 1000 characters, our id in the metadata', async () => {
  const msg = outbound(`${'ж'.repeat(999)}🙂 и ещё`);
  await sender()(msg);
  const bodies = graph.sent().map((c) => c.body);
  expect(bodies.map((b) => [...(b.message as { text: string }).text].length)).toEqual([1000, 5]);
  expect(bodies[0]).toMatchObject({
    recipient: { id: '5678' },
    messaging_type: 'RESPONSE',
    message: { metadata: `omni:${msg.id}` },
  });
});

it("outside the window: Instagram's refusal → HUMAN_AGENT when configured, else a permanent failure", async () => {
  graph.outsideWindow.add('5678');
  const err = await failure(sender()(outbound('поздно')));
  expect([err.code, isRetriable(err)]).toEqual(['instagram-outside-window', false]);
  await sender('      messageTag: HUMAN_AGENT\n')(outbound('поздно'));
  expect(graph.calls.map((c) => [c.status, c.body.messaging_type])).toEqual([
    [403, 'RESPONSE'],
    [403, 'RESPONSE'],
    [200, 'MESSAGE_TAG'],
  ]);
  expect(graph.sent()[0]?.body.tag).toBe('HUMAN_AGENT');
});

it('a reply the API accepted past 24 hours (outsideWindow) carries the tag from the first call', async () => {
  graph.outsideWindow.add('5678');
  await sender('      messageTag: HUMAN_AGENT\n')(outbound('через 3 дня', { outsideWindow: true }));
  expect(graph.calls.map((c) => [c.status, c.body.messaging_type, c.body.tag])).toEqual([
    [200, 'MESSAGE_TAG', 'HUMAN_AGENT'],
  ]);
});

it('rate limits are retriable, a bad token is not; a read receipt for a sent mid names our message', async () => {
  graph.failNext(GRAPH_ERRORS.rateLimit);
  const limited = await failure(sender()(outbound('x')));
  expect([limited.code, isRetriable(limited)]).toEqual(['graph-613', true]);
  graph.failNext(GRAPH_ERRORS.invalidToken);
  const token = await failure(sender()(outbound('x')));
  expect([token.code, isRetriable(token)]).toEqual(['graph-190', false]);

  const log = new SentLog();
  const msg = outbound('прочитано?');
  const { externalId } = await sender('', log)(msg);
  const [report] = log.resolve({
    version: 1,
    messageId: randomUUID(),
    channel: 'instagram',
    account: 'ig',
    status: 'read',
    externalId,
    recipientExternalId: '5678',
    occurredAt: new Date().toISOString(),
  });
  expect(report?.messageId).toBe(msg.id);
});
