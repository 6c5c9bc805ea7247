import { InProcessBus } from '@omni/bus';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import type { Harness } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, createApiKey } from '@omni/tickets';
import { WebSocket } from 'ws';
import { buildLivechatAdapter } from '../../src';
import type { ConversationEntry, ServerFrame } from '../../src/livechat.schema';

export interface LivechatApp {
  running: RunningServices;
  bus: InProcessBus;
  url: string;
  apiKey: string;
  /** The API's answer as JSON, failing on an unexpected status. */
  api<T>(path: string, init?: { method?: string; body?: unknown; status?: number }): Promise<T>;
}

/** The adapter, threading and the ticket API in one process on the harness's database (an in-process bus). */
export async function startLivechatApp(h: Harness, accountsYaml: string): Promise<LivechatApp> {
  const config = parseOmniConfig(`channels:\n  livechat:\n${accountsYaml}`, {});
  const bus = new InProcessBus(h.log);
  const running = await runServices({
    log: h.log,
    metrics: createMetrics('livechat-test'),
    bus,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildLivechatAdapter({ config, bus, log: h.log, pool: h.pool }),
      buildThreadingService({ pool: h.pool, bus, log: h.log, settings: config.threading }),
      buildTicketsService({ pool: h.pool, log: h.log, bus }),
    ],
  });
  const apiKey = (
    await createApiKey(h.pool, 'livechat-test', ['tickets:read', 'tickets:write', 'customers:read'])
  ).key;
  return {
    running,
    bus,
    url: running.url,
    apiKey,
    async api<T>(path: string, init: { method?: string; body?: unknown; status?: number } = {}) {
      const res = await fetch(`${running.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          authorization: `Bearer ${apiKey}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      if (res.status !== (init.status ?? (init.body === undefined ? 200 : 202)))
        throw new Error(`${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
  };
}

/** A visitor's client speaking the visitor API. */
export class VisitorClient {
  token = '';
  constructor(
    readonly url: string,
    readonly account: string,
  ) {}

  private get base() {
    return `${this.url}/channels/livechat/${this.account}`;
  }

  async session(body: Record<string, unknown> = {}) {
    const res = await fetch(`${this.base}/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ visitorToken: this.token || undefined, ...body }),
    });
    if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`);
    const session = (await res.json()) as {
      visitorToken: string;
      conversationId: string;
      verified: boolean;
      messages: ConversationEntry[];
    };
    this.token = session.visitorToken;
    return session;
  }

  send(text: string, clientMessageId: string, token = this.token) {
    return fetch(`${this.base}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ text, clientMessageId }),
    });
  }

  /** Presses a choice under the reply `id` (the widget's way: the API, not the socket). */
  choose(id: string, payload: string, token = this.token) {
    return fetch(`${this.base}/choices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id, payload }),
    });
  }

  history(after?: string, token = this.token) {
    return fetch(`${this.base}/messages${after ? `?after=${after}` : ''}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  /** A socket whose frames are collected in order. */
  async socket(after?: string): Promise<{ ws: WebSocket; frames: ServerFrame[] }> {
    const ws = new WebSocket(`${this.base.replace(/^http/, 'ws')}/ws${after ? `?after=${after}` : ''}`, [
      'omni.livechat.v1',
      `bearer.${this.token}`,
    ]);
    const frames: ServerFrame[] = [];
    ws.on('message', (data) => frames.push(JSON.parse(data.toString()) as ServerFrame));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return { ws, frames };
  }
}

/** The message entries among a socket's frames. */
export const pushed = (frames: ServerFrame[]): ConversationEntry[] =>
  frames.flatMap((f) => (f.type === 'message' ? [f.message] : []));
