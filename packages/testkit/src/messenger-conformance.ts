import { hubSignature } from '@omni/meta';
import type { ConformanceKit, ConformanceMessage, PlatformRequest } from './conformance-kit';
import { FakeGraphApi, type GraphErrorSpec } from './fakes/graph-api';

/**
 * The conformance kit of a channel on the Messenger Platform (Facebook Messenger, Instagram
 * Direct): the Graph API fake as that product answers, and webhooks signed with the app
 * secret as Meta signs them. Messages of now: the ticket API takes replies only within the
 * 24-hour window. Meta echoes every message we send, with our metadata.
 */
export function messengerConformanceKit(product: {
  channel: 'facebook' | 'instagram';
  /** The webhook `object`: `page`, `instagram`. */
  object: string;
  /** Our id on the platform (the Page's, the Instagram account's). */
  ownId: string;
  /** The account entry, less what the kit fills in (`account`, `appSecret`, `verifyToken`, `apiRoot`). */
  account: (token: string) => Record<string, unknown>;
  fake?: { maxText?: number; outsideWindow?: GraphErrorSpec };
}): ConformanceKit {
  const token = `conformance-${product.channel}-token`;
  const appSecret = `conformance-${product.channel}-secret`;
  return {
    async start() {
      const graph = await FakeGraphApi.start({ pageAccessToken: token, ...product.fake });
      const path = `/channels/${product.channel}/conformance/webhook`;
      const signed = (body: unknown, secret = appSecret): PlatformRequest => {
        const raw = JSON.stringify(body);
        return {
          path,
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, secret) },
          body: raw,
        };
      };
      const event = (messaging: unknown) => ({
        object: product.object,
        entry: [{ id: product.ownId, time: 1, messaging: [messaging] }],
      });
      const customer = (sender: number) => `user${sender}`;
      const message = (m: ConformanceMessage) =>
        event({
          sender: { id: customer(m.sender) },
          recipient: { id: product.ownId },
          timestamp: Date.now(),
          message: { mid: `m_conf_${m.id}`, text: m.text },
        });
      return {
        account: {
          ...product.account(token),
          account: 'conformance',
          appSecret,
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
            .filter((c) => (c.body.recipient as { id?: string } | undefined)?.id === customer(sender))
            .map((c) => String((c.body.message as { text?: string } | undefined)?.text)),
        echoOf: (reply) => {
          const sent = graph.sent().find((c) => (c.body.message as { text?: string }).text === reply.text);
          const metadata = (sent?.body.message as { metadata?: string } | undefined)?.metadata;
          return signed(
            event({
              sender: { id: product.ownId },
              recipient: { id: customer(reply.sender) },
              timestamp: Date.now(),
              message: { is_echo: true, mid: `m_echo_${reply.sender}`, text: reply.text, metadata },
            }),
          );
        },
        stop: () => graph.close(),
      };
    },
  };
}
