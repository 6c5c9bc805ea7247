import type { ConformanceKit, ConformanceKits, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeMaxApi, maxUpdates } from '@omni/testkit/src/fakes/max-api';

const SECRET = 'conformance-max-secret';

const customerMessage = (m: ConformanceMessage) =>
  maxUpdates.message({
    userId: m.sender,
    mid: `mid.conf${m.id}`,
    text: m.text,
    timestamp: 1_767_225_600_000 + m.id,
  });
/** A message_created whose message has no body: authenticated, so dead-lettered. */
const malformedUpdate = { update_type: 'message_created', timestamp: 1, message: { recipient: {} } };
/** MAX shows a bot its own message as message_created from the bot (is_bot): never customer input. */
const echoUpdate = (api: FakeMaxApi, reply: { sender: number; text: string }) =>
  maxUpdates.message({
    userId: reply.sender,
    mid: api.sent.find((s) => s.userId === reply.sender && s.text === reply.text)?.mid ?? 'mid.unknown',
    text: reply.text,
    sender: { user_id: 1, first_name: 'Support bot', is_bot: true },
  });
const repliesTo = (api: FakeMaxApi, sender: number) =>
  api.sent.filter((s) => s.userId === sender).map((s) => s.text ?? '');

/** Webhook mode: updates posted with X-Max-Bot-Api-Secret. */
const webhook: ConformanceKit = {
  async start() {
    const api = await new FakeMaxApi().start();
    const update = (body: unknown, secret = SECRET): PlatformRequest => ({
      path: '/channels/max/conformance-bot/webhook',
      headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': secret },
      body: JSON.stringify(body),
    });
    return {
      account: { account: 'conformance-bot', token: api.token, secret: SECRET, apiRoot: api.url },
      message: (m) => update(customerMessage(m)),
      badlySigned: (m) => ({ ...update(customerMessage(m), `${SECRET}-wrong`), why: 'X-Max-Bot-Api-Secret' }),
      malformed: () => update(malformedUpdate),
      busDownStatus: 503,
      repliesTo: (sender) => repliesTo(api, sender),
      echoOf: (reply) => update(echoUpdate(api, reply)),
      stop: () => api.close(),
    };
  },
};

/** Polling mode: updates queued at the fake's GET /updates; the marker is kept in PostgreSQL. */
const polling: ConformanceKit = {
  async start() {
    const api = await new FakeMaxApi().start();
    const queued = (body: unknown) => ({ polled: true as const, hand: () => api.pushUpdates(body) });
    return {
      account: {
        account: 'conformance-poll',
        token: api.token,
        mode: 'polling',
        pollingTimeoutSeconds: 1,
        apiRoot: api.url,
      },
      message: (m) => queued(customerMessage(m)),
      // Nothing is signed when we fetch from MAX ourselves; what a forger could try is our URL,
      // and a polling account has no webhook there.
      badlySigned: (m) => ({
        path: '/channels/max/conformance-poll/webhook',
        headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': SECRET },
        body: JSON.stringify(customerMessage(m)),
        why: 'a polling account has no webhook: a posted update finds nothing (404)',
      }),
      malformed: () => queued(malformedUpdate),
      // An update the bus did not take is not confirmed: GET /updates hands it out again.
      busDownStatus: { refetched: (m) => api.timesHandedOut(`mid.conf${m.id}`) >= 2 },
      repliesTo: (sender) => repliesTo(api, sender),
      echoOf: (reply) => queued(echoUpdate(api, reply)),
      stop: () => api.close(),
    };
  },
};

const kits: ConformanceKits = { webhook, polling };
export default kits;
