import type { ConformanceKit, ConformanceMessage, PlatformRequest } from '@omni/testkit';
import { signVisitorToken } from '../src/visitor-token';

const ACCOUNT = 'conformance';
const TOKEN_SECRET = 'conformance-token-secret';
const path = (what: string) => `/channels/livechat/${ACCOUNT}/${what}`;

/**
 * The live chat for the conformance suite: there is no platform — the visitor's widget
 * calls the adapter — so each sender is a visitor whose token the kit signs with the
 * account's configured key, and replies are read back from the visitor API.
 */
const kit: ConformanceKit = {
  async start() {
    const token = (sender: number, key = TOKEN_SECRET) =>
      signVisitorToken({ account: ACCOUNT, visitor: `a-conformance-${sender}`, version: 1 }, key);
    const post = (what: string, sender: number, body: unknown, key?: string): PlatformRequest => ({
      path: path(what),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token(sender, key)}` },
      body: JSON.stringify(body),
    });
    const message = (m: ConformanceMessage, key?: string) =>
      post('messages', m.sender, { text: m.text, clientMessageId: `c-${m.id}` }, key);
    let adapterUrl: string | undefined;
    const replies = new Map<number, string[]>();
    const reading = new Set<number>();
    /** Reads the visitor's conversation in the background; `repliesTo` is polled. */
    const readBack = (sender: number) => {
      if (!adapterUrl || reading.has(sender)) return;
      reading.add(sender);
      void fetch(`${adapterUrl}${path('messages')}`, {
        headers: { authorization: `Bearer ${token(sender)}` },
      })
        .then(async (res) => {
          const { data } = (await res.json()) as { data: Array<{ direction: string; text: string }> };
          replies.set(
            sender,
            data.filter((e) => e.direction === 'outbound').map((e) => e.text),
          );
        })
        .catch(() => undefined)
        .finally(() => reading.delete(sender));
    };
    return {
      account: {
        account: ACCOUNT,
        tokenSecret: TOKEN_SECRET,
        limits: { messagesPerVisitor: { max: 1000, windowSeconds: 60 } },
      },
      message: (m) => message(m),
      badlySigned: (m) => ({
        ...message(m, 'another-key-entirely-0123'),
        why: 'a visitor token not signed with the account key is refused (401)',
      }),
      malformed: () => post('messages', 999_999, { text: '', clientMessageId: 'empty' }),
      busDownStatus: 503,
      repliesTo: (sender) => {
        readBack(sender);
        return replies.get(sender) ?? [];
      },
      // The visitor's client reports having read the reply: a receipt, never a message.
      echoOf: ({ sender }) => post('receipts', sender, { status: 'read' }),
      attach: (url) => {
        adapterUrl = url;
      },
      async stop() {},
    };
  },
};
export default kit;
