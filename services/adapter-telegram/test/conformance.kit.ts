import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';

const SECRET = 'conformance-secret-token';

/** Telegram for the conformance suite (services/channels): the Bot API fake, webhook mode. */
const kit: ConformanceKit = {
  async start() {
    const api = await new FakeTelegramApi().start();
    const path = '/channels/telegram/conformance-bot/webhook';
    const update = (body: unknown, secret = SECRET): PlatformRequest => ({
      path,
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
      body: JSON.stringify(body),
    });
    const message = (
      m: ConformanceMessage,
      from = { id: m.sender, is_bot: false, first_name: `Клиент ${m.sender}` },
    ) => ({
      update_id: m.id,
      message: {
        message_id: m.id,
        date: 1_767_225_600 + m.id,
        chat: { id: m.sender, type: 'private' },
        from,
        text: m.text,
      },
    });
    return {
      account: { account: 'conformance-bot', token: api.token, secretToken: SECRET, apiRoot: api.url },
      message: (m) => update(message(m)),
      badlySigned: (m) => ({
        ...update(message(m), `${SECRET}-wrong`),
        why: 'X-Telegram-Bot-Api-Secret-Token',
      }),
      // Valid JSON with an update_id whose message does not match the Bot API: dead-lettered.
      malformed: () => update({ update_id: 1, message: { message_id: 'not-a-number', chat: { id: 1 } } }),
      busDownStatus: 503,
      repliesTo: (sender) =>
        api
          .callsOf('sendMessage')
          .filter((c) => String(c.params.chat_id) === String(sender))
          .map((c) => String(c.params.text)),
      // The Bot API never delivers a bot's own messages; the nearest is a message from a bot
      // (another bot, or ours relayed): it is never customer input.
      echoOf: (reply) =>
        update(
          message(
            { sender: reply.sender, id: 900_000 + reply.sender, text: reply.text },
            { id: 42, is_bot: true, first_name: 'Support bot' },
          ),
        ),
      stop: () => api.close(),
    };
  },
};
export default kit;
