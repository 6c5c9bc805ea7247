import { createPool } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, loopbackOutboundGuard, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { FakeViberApi, viberSignature } from '@omni/testkit/src/fakes/viber-api';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildViberAdapter } from '../src';

/**
 * End to end on real Kafka and PostgreSQL, composed as `pnpm start` does: a Viber message
 * (its picture stored) reaches `/v1/tickets`; a reply posted through the API reaches the
 * fake Viber API, its status becomes `sent`, then `read` when Viber reports it seen.
 */
// Consumer groups join slowly on a busy 2-core machine: generous waits, still bounded by the test timeout.
describe('Viber end to end', () => {
  let h: Harness;
  let api: FakeViberApi;
  let running: RunningServices;
  const apiKey = generateApiKey();

  beforeAll(async () => {
    h = await startHarness('viber-e2e');
    api = await new FakeViberApi().start();
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    const config = parseOmniConfig(
      `channels:\n  viber:\n    - account: shop\n      authToken: "${api.authToken}"\n      senderName: Магазин\n      apiRoot: ${api.url}\n`,
      {},
    );
    running = await runServices({
      log: h.log,
      metrics: createMetrics('viber-e2e'),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        buildViberAdapter({
          config,
          bus,
          log: h.log,
          pool,
          outbound: { groupId: uniqueName('viber-out') },
          // The fake's media host listens on loopback.
          outboundGuard: loopbackOutboundGuard(),
        }),
        buildThreadingService({
          pool,
          bus,
          log: h.log,
          settings: config.threading,
          groupId: uniqueName('thr'),
        }),
        buildTicketsService({ pool, log: h.log, bus, bootstrapApiKey: apiKey }),
      ],
    });
  });
  afterAll(async () => {
    await running?.stop();
    await api?.close();
    await h?.close();
  });

  const v1 = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const callback = (body: string) =>
    fetch(`${running.url}/channels/viber/shop/webhook`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-viber-content-signature': viberSignature(api.authToken, body),
      },
      body,
    });
  const sender = '{"id":"e2eUser+/Q==","name":"Тарас","language":"uk","country":"UA","api_version":10}';

  it('a message reaches /v1/tickets; a reply is sent through send_message and its receipts move its status', async () => {
    const media = api.mediaUrl('receipt.jpg', Buffer.from('jpeg bytes of a receipt'));
    const body = `{"event":"message","timestamp":1767225600000,"message_token":5322949834599114401,"sender":${sender},"message":{"type":"picture","text":"Чек об оплате 🧾","media":"${media}"}}`;
    expect((await callback(body)).status).toBe(200);
    expect((await callback(body)).status).toBe(200); // Viber's retry: still one message

    const ticket = await waitFor(
      async () =>
        (await v1('/v1/tickets')).body.data.find((t: { channels: string[] }) => t.channels.includes('viber')),
      { timeoutMs: 40_000, description: 'the Viber ticket in /v1/tickets' },
    );
    const messages = await v1(`/v1/tickets/${ticket.id}/messages`);
    expect(messages.body.data).toHaveLength(1);
    expect(messages.body.data[0]).toMatchObject({
      channel: 'viber',
      account: 'shop',
      text: 'Чек об оплате 🧾',
    });
    expect(messages.body.data[0].attachments).toEqual([
      expect.objectContaining({ name: 'picture-5322949834599114401.jpg', size: 23 }),
    ]);

    const posted = await v1(`/v1/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Спасибо, Тарас! Оплата получена ✅' }),
    });
    expect(posted.status).toBe(202);
    const sent = await waitFor(() => api.callsOf('send_message')[0], {
      timeoutMs: 40_000,
      description: 'the reply at the Viber API',
    });
    expect(sent.body).toMatchObject({
      receiver: 'e2eUser+/Q==',
      sender: { name: 'Магазин' },
      type: 'text',
      text: 'Спасибо, Тарас! Оплата получена ✅',
    });
    const status = async () =>
      (await v1(`/v1/tickets/${ticket.id}/messages`)).body.data.find(
        (m: { id: string }) => m.id === posted.body.id,
      )?.deliveryStatus;
    await waitFor(async () => (await status()) === 'sent', {
      timeoutMs: 40_000,
      description: 'the reply marked sent',
    });

    // Viber's receipt names only the token send_message returned (> 2^53, exact).
    const seen = await callback(
      `{"event":"seen","timestamp":1767225700000,"message_token":${api.lastToken},"user_id":"e2eUser+/Q=="}`,
    );
    expect(seen.status).toBe(200);
    await waitFor(async () => (await status()) === 'read', {
      timeoutMs: 40_000,
      description: 'the reply marked read',
    });
  });
});
