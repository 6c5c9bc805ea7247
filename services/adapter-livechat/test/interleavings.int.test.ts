import { randomUUID } from 'node:crypto';
import { InProcessBus } from '@omni/bus';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import fc from 'fast-check';
import type { WebSocket } from 'ws';
import { buildLivechatAdapter, ConversationRepository } from '../src';
import type { ConversationEntry, ServerFrame } from '../src/livechat.schema';
import { VisitorClient } from './support/livechat-app';

/**
 * Network drops while both sides write (fast-check over interleavings): the visitor sends
 * over the socket or, with none open, over the API, resending what was not yet accepted
 * after a reconnect as the widget does; agents' replies are stored meanwhile; the socket
 * drops and comes back resuming after the last id shown. In the end every message is shown
 * exactly once, in the conversation's order.
 */
let h: Harness;
let running: RunningServices;
let repository: ConversationRepository;

beforeAll(async () => {
  h = await startHarness('livechat-interleavings');
  const config = parseOmniConfig(
    'channels:\n  livechat:\n    - account: shop\n      limits: { messagesPerVisitor: { max: 100000, windowSeconds: 60 }, sessionsPerIp: { max: 100000, windowSeconds: 60 } }\n',
    {},
  );
  const bus = new InProcessBus(h.log);
  running = await runServices({
    log: h.log,
    metrics: createMetrics('livechat-interleavings'),
    bus,
    host: '127.0.0.1',
    port: 0,
    modules: [buildLivechatAdapter({ config, bus, log: h.log, pool: h.pool })],
  });
  repository = new ConversationRepository(h.pool);
}, 120_000);
afterAll(async () => {
  await running?.stop();
  await h?.close();
});

type Step = { kind: 'visitor' } | { kind: 'agent' } | { kind: 'drop' } | { kind: 'reconnect' };
const step = fc.oneof(
  fc.constant<Step>({ kind: 'visitor' }),
  fc.constant<Step>({ kind: 'agent' }),
  fc.constant<Step>({ kind: 'drop' }),
  fc.constant<Step>({ kind: 'reconnect' }),
);

/** The widget's bookkeeping: what it shows, in order, and what it sent but saw no acceptance of. */
class Widget {
  shown: ConversationEntry[] = [];
  pending = new Map<string, string>();
  ws: WebSocket | undefined;
  constructor(readonly client: VisitorClient) {}

  private onFrame = (frame: ServerFrame) => {
    if (frame.type === 'message') {
      if (this.shown.some((e) => e.id === frame.message.id))
        throw new Error(`shown twice: ${frame.message.text}`);
      this.shown.push(frame.message);
      if (frame.message.clientMessageId) this.pending.delete(frame.message.clientMessageId);
    } else if (frame.type === 'accepted') this.pending.delete(frame.clientMessageId);
  };

  async connect(): Promise<void> {
    const { ws, frames } = await this.client.socket(this.shown.at(-1)?.id);
    for (const f of frames.splice(0)) this.onFrame(f);
    ws.on('message', (data) => this.onFrame(JSON.parse(data.toString()) as ServerFrame));
    this.ws = ws;
    for (const [clientMessageId, text] of this.pending)
      ws.send(JSON.stringify({ type: 'message', text, clientMessageId }));
  }

  drop(): void {
    this.ws?.terminate();
    this.ws = undefined;
  }

  async say(text: string): Promise<void> {
    const clientMessageId = randomUUID();
    this.pending.set(clientMessageId, text);
    if (this.ws) return this.ws.send(JSON.stringify({ type: 'message', text, clientMessageId }));
    // As the widget does: everything unconfirmed first, in order, then this one.
    for (const [id, pendingText] of this.pending) {
      if ((await this.client.send(pendingText, id)).status !== 202) return;
      this.pending.delete(id);
    }
  }
}

it('shows every message exactly once, in order, whatever the drops', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
      run++;
      const widget = new Widget(new VisitorClient(running.url, 'shop'));
      await widget.client.session();
      const visitor = JSON.parse(
        Buffer.from(widget.client.token.split('.')[1] as string, 'base64url').toString(),
      ).v as string;
      await widget.connect();
      const said: string[] = [];
      let replies = 0;
      for (const s of steps) {
        if (s.kind === 'visitor') {
          const text = `v${run}-${said.length}`;
          said.push(text);
          await widget.say(text);
        } else if (s.kind === 'agent') {
          await repository.append({
            account: 'shop',
            visitor,
            messageId: randomUUID(),
            direction: 'outbound',
            text: `agent ${run}-${replies++}`,
            attachments: [],
            createdAt: new Date(),
          });
        } else if (s.kind === 'drop') widget.drop();
        else if (!widget.ws) await widget.connect();
      }
      if (!widget.ws) await widget.connect();
      const expected = said.length + replies;
      await waitFor(() => widget.shown.length >= expected && widget.pending.size === 0, {
        description: `all ${expected} messages shown`,
      });
      const history = await repository.entriesAfter('shop', visitor, 0, 1000);
      expect(widget.shown.map((e) => e.id)).toEqual(history.map((e) => e.id));
      expect(history.filter((e) => e.direction === 'inbound').map((e) => e.text)).toEqual(said);
      expect(history.filter((e) => e.direction === 'outbound')).toHaveLength(replies);
      widget.drop();
    }),
    { numRuns: 25 },
  );
});
