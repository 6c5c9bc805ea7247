import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeViberApi, viberSignature } from '@omni/testkit/src/fakes/viber-api';

/** Viber for the conformance suite (services/channels): the REST API fake and signed callbacks. */
const kit: ConformanceKit = {
  async start() {
    const api = await new FakeViberApi().start();
    const path = '/channels/viber/conformance/webhook';
    const signed = (raw: string, token = api.authToken): PlatformRequest => ({
      path,
      headers: {
        'content-type': 'application/json',
        'x-viber-content-signature': viberSignature(token, raw),
      },
      body: raw,
    });
    const userId = (sender: number) => `vbr${sender}AAAA==`;
    // Viber's tokens exceed 2^53: written as a bare JSON number, as Viber does.
    const message = (m: ConformanceMessage) =>
      JSON.stringify({
        event: 'message',
        timestamp: 1_767_225_600_000 + m.id,
        message_token: '__TOKEN__',
        sender: { id: userId(m.sender), name: `Customer ${m.sender}`, language: 'ru', api_version: 10 },
        message: { type: 'text', text: m.text },
        silent: false,
      }).replace('"__TOKEN__"', `${5_000_000_000_000_000_000n + BigInt(m.id)}`);
    return {
      account: { account: 'conformance', authToken: api.authToken, senderName: 'Support', apiRoot: api.url },
      message: (m) => signed(message(m)),
      badlySigned: (m) => ({ ...signed(message(m), 'not-the-auth-token'), why: 'X-Viber-Content-Signature' }),
      // A `message` callback without its sender: does not match Viber's shape, dead-lettered.
      malformed: () =>
        signed(JSON.stringify({ event: 'message', timestamp: 1, message_token: 1, message: {} })),
      busDownStatus: 503,
      repliesTo: (sender) =>
        api
          .callsOf('send_message')
          .filter((c) => c.body.receiver === userId(sender))
          .map((c) => String(c.body.text)),
      // Viber sends no copy of a bot's own message, only receipts about it.
      echoOf: (reply) =>
        signed(
          JSON.stringify({
            event: 'delivered',
            timestamp: 1_767_225_700_000,
            message_token: '__TOKEN__',
            user_id: userId(reply.sender),
          }).replace('"__TOKEN__"', api.lastToken ?? '0'),
        ),
      stop: () => api.close(),
    };
  },
};
export default kit;
