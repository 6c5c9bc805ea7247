import { createPool } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, loopbackOutboundGuard, startHarness, uniqueName, waitFor } from '@omni/testkit';
import { FakeMaxApi, maxUpdates } from '@omni/testkit/src/fakes/max-api';
import { buildThreadingService } from '@omni/threading';
import { buildTicketsService, generateApiKey } from '@omni/tickets';
import { buildMaxAdapter, MaxAccount } from '../src';

/**
 * End to end on real Kafka and PostgreSQL, composed as `pnpm start` does: a MAX update
 * reaches `/v1/tickets`; a reply posted through the API reaches the fake Bot API at
 * POST /messages?user_id= and its delivery status becomes `sent`; a button press is stored
 * on the same ticket and answered (POST /answers).
 */
describe('MAX end to end', () => {
  let h: Harness;
  let api: FakeMaxApi;
  let running: RunningServices;
  const outboundGuard = loopbackOutboundGuard();
  const apiKey = generateApiKey();
  const secret = 'e2e-max-secret';

  beforeAll(async () => {
    h = await startHarness('max-e2e');
    api = await new FakeMaxApi().start();
    const bus = await h.kafkaBus();
    const pool = createPool({ url: h.databaseUrl, log: h.log });
    const config = parseOmniConfig(
      `channels:\n  max:\n    - account: shop-bot\n      token: "${api.token}"\n      secret: ${secret}\n      apiRoot: ${api.url}\n`,
      {},
      { channels: { max: MaxAccount } },
    );
    running = await runServices({
      log: h.log,
      metrics: createMetrics('max-e2e'),
      bus,
      pool,
      host: '127.0.0.1',
      port: 0,
      modules: [
        buildMaxAdapter({
          config,
          bus,
          log: h.log,
          pool,
          outboundGuard,
          outbound: { groupId: uniqueName('max-out') },
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
    await outboundGuard.close();
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
  const webhook = (update: unknown) =>
    fetch(`${running.url}/channels/max/shop-bot/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-max-bot-api-secret': secret },
      body: JSON.stringify(update),
    });
  const WAIT = { timeoutMs: 40_000 };

  it('a message becomes a ticket once, a reply reaches MAX and is marked sent, a button press is answered', async () => {
    const update = maxUpdates.message({ userId: 777001, mid: 'mid.e2e1', text: 'Где мой заказ? 🙏' });
    expect((await webhook(update)).status).toBe(200);
    expect((await webhook(update)).status).toBe(200); // MAX's redelivery of the same update

    const ticket = await waitFor(
      async () =>
        (await v1('/v1/tickets')).body.data.find((t: { channels: string[] }) => t.channels.includes('max')),
      { ...WAIT, description: 'the MAX ticket in /v1/tickets' },
    );
    const messages = await v1(`/v1/tickets/${ticket.id}/messages`);
    expect(messages.body.data).toHaveLength(1);
    expect(messages.body.data[0]).toMatchObject({
      direction: 'inbound',
      channel: 'max',
      account: 'shop-bot',
      text: 'Где мой заказ? 🙏',
    });

    const posted = await v1(`/v1/tickets/${ticket.id}/replies`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Заказ №42 уже в пути 🚚', author: 'Ольга' }),
    });
    expect(posted.status).toBe(202);
    const sent = await waitFor(() => api.sent[0], { ...WAIT, description: 'the reply at the MAX Bot API' });
    expect(sent).toMatchObject({ userId: 777001, text: 'Заказ №42 уже в пути 🚚' });
    expect(api.callsOf('POST', '/messages')[0]?.query).toEqual({ user_id: '777001' });
    await waitFor(
      async () =>
        (await v1(`/v1/tickets/${ticket.id}/messages`)).body.data.find(
          (m: { id: string; deliveryStatus: string }) => m.id === posted.body.id,
        )?.deliveryStatus === 'sent',
      { ...WAIT, description: 'the reply marked sent' },
    );

    expect(
      (await webhook(maxUpdates.callback({ userId: 777001, callbackId: 'cb-e2e', payload: 'rating:5' })))
        .status,
    ).toBe(200);
    expect(api.answers).toEqual([{ callbackId: 'cb-e2e', body: { notification: '✓' } }]);
    await waitFor(
      async () =>
        (await v1(`/v1/tickets/${ticket.id}/messages`)).body.data.some(
          (m: { text: string; direction: string }) => m.direction === 'inbound' && m.text === 'rating:5',
        ),
      { ...WAIT, description: 'the button press on the same ticket' },
    );
  });
});
