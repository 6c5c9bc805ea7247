import { hubSignature } from '@omni/meta';
import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';

const PAGE_ID = '7000';
const TOKEN = 'conformance-page-token';
const APP_SECRET = 'conformance-app-secret';

/** Facebook Messenger for the conformance suite (services/channels): the Graph API fake, signed webhooks. */
const kit: ConformanceKit = {
  async start() {
    const graph = await FakeGraphApi.start({ pageAccessToken: TOKEN });
    const path = '/channels/facebook/conformance/webhook';
    const signed = (body: unknown, secret = APP_SECRET): PlatformRequest => {
      const raw = JSON.stringify(body);
      return {
        path,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, secret) },
        body: raw,
      };
    };
    const event = (messaging: unknown) => ({
      object: 'page',
      entry: [{ id: PAGE_ID, time: 1, messaging: [messaging] }],
    });
    const message = (m: ConformanceMessage) =>
      event({
        sender: { id: `psid${m.sender}` },
        recipient: { id: PAGE_ID },
        // Now, not a fixed date: replies are taken only within 24 hours of the customer's message.
        timestamp: Date.now(),
        message: { mid: `m_conf_${m.id}`, text: m.text },
      });
    return {
      account: {
        account: 'conformance',
        pageId: PAGE_ID,
        pageAccessToken: TOKEN,
        appSecret: APP_SECRET,
        verifyToken: 'conformance-verify',
        apiRoot: graph.url,
      },
      message: (m) => signed(message(m)),
      badlySigned: (m) => ({ ...signed(message(m), 'not-the-app-secret'), why: 'X-Hub-Signature-256' }),
      // A well-formed webhook whose only event is not a messaging event: dead-lettered.
      malformed: () => signed(event({ sender: 'broken' })),
      busDownStatus: 503,
      repliesTo: (sender) =>
        graph
          .sent()
          .filter((c) => (c.body.recipient as { id?: string } | undefined)?.id === `psid${sender}`)
          .map((c) => String((c.body.message as { text?: string } | undefined)?.text)),
      // Meta echoes every message the page sends, with our metadata.
      echoOf: (reply) => {
        const sent = graph.sent().find((c) => (c.body.message as { text?: string }).text === reply.text);
        const metadata = (sent?.body.message as { metadata?: string } | undefined)?.metadata;
        return signed(
          event({
            sender: { id: PAGE_ID },
            recipient: { id: `psid${reply.sender}` },
            timestamp: Date.now(),
            message: { is_echo: true, mid: `m_echo_${reply.sender}`, text: reply.text, metadata },
          }),
        );
      },
      stop: () => graph.close(),
    };
  },
};
export default kit;
