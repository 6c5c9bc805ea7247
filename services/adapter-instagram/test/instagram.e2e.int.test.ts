import { createPool, PgBlobStore } from '@omni/db';
import { hubSignature } from '@omni/meta';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, loopbackOutboundGuard, startHarness, uniqueName, waitFor } from '@omni/testkit';
import type { FakeGraphApi } from '@omni/testkit/src/fakes/graph-api';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildInstagramAdapter } from '../src';
import { startFakeInstagram } from './helpers';

/**
 * End to end on real Kafka and PostgreSQL, composed as `pnpm start` does: an Instagram
 * message with a photo becomes a ticket whose photo `/v1/attachments/{id}` serves; a reply
 * reaches the Send API, its echo adds nothing, the read receipt moves it to `read`; after 24
 * hours a reply is refused (409) on an account without HUMAN_AGENT and sent tagged on one with it.
 */
describe('Instagram end to end', () => {
  let h: Harness;
  let graph: FakeGraphApi;
  let running: RunningServices;
  const apiKey = generateApiKey();
  const secret = 'e2e-ig-secret';
  const accounts = { shop: '17841400000000011', agent: '17841400000000022' };

  beforeAll(async () => {
    h = await startHarness('ig-e2e');
    graph = await startFakeInstagram();
    graph.files.set('photo.jpg', { data: Buffer.from('jpeg-bytes'), type: 'image/jpeg' });
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    const account = (name: string, id: string, extra = '') =>
      `    - { account: ${name}, instagramAccountId: "${id}", accessToken: ig-token-xyz, appSecret: ${secret}, verifyToken: v, apiRoot: "${graph.url}"${extra} }`;
    const config = parseOmniConfig(
      [
        'channels:',
        '  instagram:',
        account('shop', accounts.shop),
        account('agent', accounts.agent, ', messageTag: HUMAN_AGENT'),
        '',
      ].join('\n'),
      {},
    );
    running = await runServices({
      log: h.log,
      metrics: createMetrics('ig-e2e'),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        buildInstagramAdapter({
          config,
          bus,
          log: h.log,
          blobs: new PgBlobStore(pool),
          outbound: { groupId: uniqueName('ig-out') },
          outboundGuard: loopbackOutboundGuard(),
        }),
        buildThreadingService({
          pool,
          bus,
          log: h.log,
          settings: config.threading,
          groupId: uniqueName('thr'),
        }),
        buildTicketsService({ pool, log: h.log, bus, bootstrapApiKey: apiKey, channels: config.channels }),
      ],
    });
  });
  afterAll(async () => {
    await running?.stop();
    await graph?.close();
    await h?.close();
  });

  const v1 = async <T>(path: string, init: RequestInit = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const webhook = async (account: keyof typeof accounts, messaging: unknown) => {
    const raw = JSON.stringify({
      object: 'instagram',
      entry: [{ id: accounts[account], time: 1, messaging: [messaging] }],
    });
    const res = await fetch(`${running.url}/channels/instagram/${account}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': hubSignature(raw, secret) },
      body: raw,
    });
    expect(res.status).toBe(200);
  };
  type Message = {
    id: string;
    text: string;
    direction: string;
    deliveryStatus?: string;
    attachments: Array<{ id: string }>;
  };
  const ticketWith = (text: string) =>
    waitFor(
      async () => {
        for (const t of (await v1<{ data: Array<{ id: string }> }>('/v1/tickets?channel=instagram&limit=200'))
          .body.data) {
          const messages = (await v1<{ data: Message[] }>(`/v1/tickets/${t.id}/messages`)).body.data;
          if (messages.some((m) => m.text === text)) return { id: t.id, messages };
        }
        return undefined;
      },
      { timeoutMs: 40_000, description: `a ticket with "${text}"` },
    );
  const reply = (ticketId: string, text: string) =>
    v1<{ id: string; type?: string }>(`/v1/tickets/${ticketId}/replies`, {
      method: 'POST',
      body: JSON.stringify({ text }),
    });
  const marked = (ticketId: string, id: string, status: string) =>
    waitFor(
      async () =>
        (await v1<{ data: Message[] }>(`/v1/tickets/${ticketId}/messages`)).body.data.find((m) => m.id === id)
          ?.deliveryStatus === status,
      { timeoutMs: 40_000, description: `the reply ${status}` },
    );

  it('message with a photo → ticket, bytes served; reply → Send API → sent; echo adds nothing; read', async () => {
    const inbound = {
      sender: { id: 'igsid-1' },
      recipient: { id: accounts.shop },
      timestamp: Date.now(),
      message: {
        mid: 'aWdf_in_1',
        text: 'Есть размер M?',
        attachments: [{ type: 'image', payload: { url: graph.fileUrl('photo.jpg') } }],
      },
    };
    await webhook('shop', inbound);
    await webhook('shop', inbound); // Meta's retry
    const ticket = await ticketWith('Есть размер M?');
    expect(ticket.messages).toHaveLength(1);
    const photo = ticket.messages[0]?.attachments[0];
    const bytes = await fetch(`${running.url}/v1/attachments/${photo?.id}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect([bytes.status, await bytes.text()]).toEqual([200, 'jpeg-bytes']);

    const posted = await reply(ticket.id, 'Да, есть 🙂');
    expect(posted.status).toBe(202);
    const sent = await waitFor(() => graph.sent()[0], {
      timeoutMs: 40_000,
      description: 'the reply at the Send API',
    });
    expect(sent.body).toMatchObject({
      recipient: { id: 'igsid-1' },
      messaging_type: 'RESPONSE',
      message: { text: 'Да, есть 🙂' },
    });
    await marked(ticket.id, posted.body.id, 'sent');
    const mid = 'm_fake1';
    const metadata = (sent.body.message as { metadata?: string }).metadata;
    await webhook('shop', {
      sender: { id: accounts.shop },
      recipient: { id: 'igsid-1' },
      timestamp: Date.now(),
      message: { is_echo: true, mid, text: 'Да, есть 🙂', metadata },
    });
    await webhook('shop', {
      sender: { id: 'igsid-1' },
      recipient: { id: accounts.shop },
      timestamp: Date.now(),
      read: { mid },
    });
    await marked(ticket.id, posted.body.id, 'read');
    const after = (await v1<{ data: Message[] }>(`/v1/tickets/${ticket.id}/messages`)).body.data;
    expect(after.map((m) => m.direction).sort()).toEqual(['inbound', 'outbound']);
  });

  it('after 24 hours: 409 without HUMAN_AGENT; tagged with it (within 7 days)', async () => {
    const threeDaysAgo = Date.now() - 3 * 24 * 3_600_000;
    await webhook('shop', {
      sender: { id: 'igsid-2' },
      recipient: { id: accounts.shop },
      timestamp: threeDaysAgo,
      message: { mid: 'aWdf_old_1', text: 'Давно спрашивала' },
    });
    await webhook('agent', {
      sender: { id: 'igsid-3' },
      recipient: { id: accounts.agent },
      timestamp: threeDaysAgo,
      message: { mid: 'aWdf_old_2', text: 'Давно спрашивал' },
    });
    const refused = await reply((await ticketWith('Давно спрашивала')).id, 'Ответ');
    expect([refused.status, refused.body.type]).toEqual([409, 'urn:omni:problem:reply-window-closed']);
    const agentTicket = await ticketWith('Давно спрашивал');
    const accepted = await reply(agentTicket.id, 'Ответ агента');
    expect(accepted.status).toBe(202);
    await marked(agentTicket.id, accepted.body.id, 'sent');
    const call = graph.sent().find((c) => (c.body.recipient as { id: string }).id === 'igsid-3');
    expect(call?.body).toMatchObject({ messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });
  });
});
