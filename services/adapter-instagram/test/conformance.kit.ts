import { hubSignature } from '@omni/meta';
import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeGraphApi, GRAPH_ERRORS } from '@omni/testkit/src/fakes/graph-api';

const IG_ID = '17841400000000001';
const TOKEN = 'conformance-ig-token';
const APP_SECRET = 'conformance-ig-secret';

/** Instagram Direct for the conformance suite (services/channels): the Graph API fake as graph.instagram.com, signed webhooks. */
const kit: ConformanceKit = {
  async start() {
    const graph = await FakeGraphApi.start({
      pageAccessToken: TOKEN,
      maxText: 1000,
      outsideWindow: GRAPH_ERRORS.instagramOutsideWindow,
    });
    const path = '/channels/instagram/conformance/webhook';
    const signed = (body: unknown, secret = APP_SECRET): PlatformRequest => {
      const raw = JSON.stringify(body);
      return {
        path,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, secret) },
        body: raw,
      };
    };
    const event = (messaging: unknown) => ({
      object: 'instagram',
      entry: [{ id: IG_ID, time: 1, messaging: [messaging] }],
    });
    const message = (m: ConformanceMessage) =>
      event({
        sender: { id: `igsid${m.sender}` },
        recipient: { id: IG_ID },
        // Now: the ticket API takes replies only within 24 hours of the customer's message.
        timestamp: Date.now(),
        message: { mid: `aWdf_conf_${m.id}`, text: m.text },
      });
    return {
      account: {
        account: 'conformance',
        instagramAccountId: IG_ID,
        accessToken: TOKEN,
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
          .filter((c) => (c.body.recipient as { id?: string } | undefined)?.id === `igsid${sender}`)
          .map((c) => String((c.body.message as { text?: string } | undefined)?.text)),
      // Instagram echoes every message the account sends (in the `messages` field), with our metadata.
      echoOf: (reply) => {
        const sent = graph.sent().find((c) => (c.body.message as { text?: string }).text === reply.text);
        const metadata = (sent?.body.message as { metadata?: string } | undefined)?.metadata;
        return signed(
          event({
            sender: { id: IG_ID },
            recipient: { id: `igsid${reply.sender}` },
            timestamp: Date.now(),
            message: { is_echo: true, mid: `aWdf_echo_${reply.sender}`, text: reply.text, metadata },
          }),
        );
      },
      stop: () => graph.close(),
    };
  },
};
export default kit;
