import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeMaxApi, maxUpdates } from '@omni/testkit/src/fakes/max-api';

const SECRET = 'conformance-max-secret';

/** MAX for the conformance suite (services/channels): the Bot API fake, webhook mode. */
const kit: ConformanceKit = {
  async start() {
    const api = await new FakeMaxApi().start();
    const path = '/channels/max/conformance-bot/webhook';
    const update = (body: unknown, secret = SECRET): PlatformRequest => ({
      path,
      headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': secret },
      body: JSON.stringify(body),
    });
    const message = (m: ConformanceMessage) =>
      maxUpdates.message({
        userId: m.sender,
        mid: `mid.conf${m.id}`,
        text: m.text,
        timestamp: 1_767_225_600_000 + m.id,
      });
    return {
      account: { account: 'conformance-bot', token: api.token, secret: SECRET, apiRoot: api.url },
      message: (m) => update(message(m)),
      badlySigned: (m) => ({ ...update(message(m), `${SECRET}-wrong`), why: 'X-Max-Bot-Api-Secret' }),
      // A message_created whose message has no body: authenticated, so dead-lettered.
      malformed: () => update({ update_type: 'message_created', timestamp: 1, message: { recipient: {} } }),
      busDownStatus: 503,
      repliesTo: (sender) => api.sent.filter((s) => s.userId === sender).map((s) => s.text ?? ''),
      // MAX shows a bot its own message as message_created from the bot (is_bot): never customer input.
      echoOf: (reply) => {
        const sent = api.sent.find((s) => s.userId === reply.sender && s.text === reply.text);
        return update(
          maxUpdates.message({
            userId: reply.sender,
            mid: sent?.mid ?? 'mid.unknown',
            text: reply.text,
            sender: { user_id: 1, first_name: 'Support bot', is_bot: true },
          }),
        );
      },
      stop: () => api.close(),
    };
  },
};
export default kit;
