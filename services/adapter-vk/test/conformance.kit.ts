import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { FakeVkApi } from '@omni/testkit/src/fakes/vk-api';

const GROUP_ID = 7070;
const TOKEN = 'conformance-vk-token';
const SECRET = 'conformance-vk-secret';

/** VK for the conformance suite (services/channels): the VK API fake, Callback API events. */
const kit: ConformanceKit = {
  async start() {
    const vk = await FakeVkApi.start({ accessToken: TOKEN, groupId: GROUP_ID });
    const path = '/channels/vk/conformance/callback';
    const callback = (type: string, object: unknown, eventId: string, secret = SECRET): PlatformRequest => ({
      path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type, object, group_id: GROUP_ID, event_id: eventId, v: '5.199', secret }),
    });
    const message = (m: ConformanceMessage) => ({
      message: {
        date: 1_767_225_600 + m.id,
        from_id: m.sender,
        peer_id: m.sender,
        conversation_message_id: m.id,
        text: m.text,
      },
    });
    return {
      account: {
        account: 'conformance',
        groupId: GROUP_ID,
        accessToken: TOKEN,
        secret: SECRET,
        confirmation: 'conformance-confirmation',
        apiRoot: vk.url,
      },
      message: (m) => callback('message_new', message(m), `ev-${m.id}`),
      badlySigned: (m) => ({
        ...callback('message_new', message(m), `ev-${m.id}`, 'wrong'),
        why: 'the secret field',
      }),
      // A message_new event without its message: dead-lettered.
      malformed: () => callback('message_new', { client_info: {} }, 'ev-malformed'),
      busDownStatus: 503,
      repliesTo: (sender) => vk.sent.filter((s) => s.peerId === sender).map((s) => s.text),
      // VK echoes the community's own sends as message_reply, with our random_id.
      echoOf: (reply) => {
        const sent = vk.sent.find((s) => s.peerId === reply.sender && s.text === reply.text);
        return callback(
          'message_reply',
          {
            date: 1_767_225_700,
            from_id: -GROUP_ID,
            peer_id: reply.sender,
            conversation_message_id: sent?.conversationMessageId ?? 0,
            text: reply.text,
            out: 1,
            random_id: sent?.randomId ?? 0,
          },
          `ev-echo-${reply.sender}`,
        );
      },
      stop: () => vk.close(),
    };
  },
};
export default kit;
