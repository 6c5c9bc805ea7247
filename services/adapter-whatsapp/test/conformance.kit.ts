import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeWhatsAppApi, type SignedWebhook } from '@omni/testkit/src/fakes/whatsapp-api';

const NUMBER_ID = '106540352242922';
const TOKEN = 'conformance-wa-token';
const APP_SECRET = 'conformance-wa-secret';
const PATH = '/channels/whatsapp/conformance/webhook';

/** The sender's wa_id: a valid Russian mobile number per conformance sender. */
const waId = (sender: number) => `7916${String(sender).padStart(7, '0')}`;
const request = (hook: SignedWebhook): PlatformRequest => ({
  path: PATH,
  headers: hook.headers,
  body: hook.body,
});

/** WhatsApp for the conformance suite (services/channels): the fake Cloud API and its signed webhooks. */
const kit: ConformanceKit = {
  async start() {
    const wa = await FakeWhatsAppApi.start({
      accessToken: TOKEN,
      appSecret: APP_SECRET,
      phoneNumberId: NUMBER_ID,
    });
    const text = (m: ConformanceMessage) => ({
      from: waId(m.sender),
      id: `wamid.conf${m.id}`,
      // Now: the ticket API takes replies only within 24 hours of the customer's message.
      timestamp: String(Math.floor(Date.now() / 1000)),
      type: 'text',
      text: { body: m.text },
    });
    const contacts = (m: ConformanceMessage) => [{ name: `Sender ${m.sender}`, wa_id: waId(m.sender) }];
    return {
      account: {
        account: 'conformance',
        phoneNumberId: NUMBER_ID,
        accessToken: TOKEN,
        appSecret: APP_SECRET,
        verifyToken: 'conformance-verify',
        apiRoot: wa.url,
      },
      message: (m) => request(wa.messagesWebhook([text(m)], contacts(m))),
      badlySigned: (m) => ({
        ...request(wa.messagesWebhook([text(m)], contacts(m), 'not-the-app-secret')),
        why: 'X-Hub-Signature-256',
      }),
      // A well-formed notification whose only message has no timestamp: dead-lettered.
      malformed: () => request(wa.messagesWebhook([{ from: waId(1), id: 'wamid.broken', type: 'text' }])),
      busDownStatus: 503,
      repliesTo: (sender) =>
        wa
          .sent()
          .filter((c) => c.body.to === waId(sender))
          .map((c) => String((c.body.text as { body?: string } | undefined)?.body)),
      // WhatsApp sends no echo of our messages, only statuses about them.
      echoOf: (reply) => {
        const sent = wa
          .sent()
          .find((c) => (c.body.text as { body?: string } | undefined)?.body === reply.text);
        return request(wa.statusWebhook('read', String(sent?.body.wamid)));
      },
      stop: () => wa.close(),
    };
  },
};
export default kit;
