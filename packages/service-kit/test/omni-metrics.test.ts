import perfHooks from 'node:perf_hooks';
import { InProcessBus } from '@omni/bus';
import {
  DeliveryReport,
  ERROR_CODES,
  messageId,
  OmniError,
  OutboundMessage,
  outboundTopic,
  platformErrorCode,
  TOPICS,
} from '@omni/contracts';
import { testLogger, waitFor } from '@omni/testkit';
import { z } from 'zod';
import {
  busMetricsObserver,
  countChannelAccounts,
  createHttpServer,
  createMetrics,
  deadLetterIntake,
  PlatformError,
  publishInbound,
  startOutboundConsumer,
} from '../src';

const log = testLogger('metrics-test');

const message = (externalId: string) => ({
  version: 1 as const,
  id: messageId('webform', 'shop', externalId),
  channel: 'webform' as const,
  account: 'shop',
  externalId,
  sentAt: new Date().toISOString(),
  receivedAt: new Date().toISOString(),
  sender: { externalId: 'a@example.com' },
  identities: [],
  content: { kind: 'form' as const, text: 'hi' },
});

async function value(
  registry: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string>,
) {
  // Histograms list their `_count`/`_sum`/`_bucket` samples under the histogram's name.
  const samples = (await registry.getMetricsAsJSON()).flatMap((m) =>
    m.values.map((v) => ({ ...v, metricName: (v as { metricName?: string }).metricName ?? m.name })),
  );
  const sample = samples.find(
    (v) =>
      v.metricName === name &&
      Object.entries(labels).every(([k, l]) => String((v.labels as Record<string, unknown>)[k]) === l),
  );
  return sample?.value;
}

describe('platform metrics', () => {
  it('samples the event-loop delay every 100 ms, not every 10 (a timer that woke every idle process)', () => {
    const spy = jest.spyOn(perfHooks, 'monitorEventLoopDelay');
    try {
      createMetrics('metrics-event-loop');
      expect(spy.mock.calls.map(([o]) => o?.resolution)).toEqual([100]);
    } finally {
      spy.mockRestore();
    }
  });

  it('counts rejected requests by route, status and problem code', async () => {
    const metrics = createMetrics('metrics-rejected');
    const app = createHttpServer({ log, metrics, readiness: [] });
    app.post('/things', { schema: { body: { type: 'object', required: ['name'] } } }, async () => ({}));
    await app.inject({ url: '/nowhere' });
    await app.inject({ method: 'POST', url: '/things', payload: {} });
    await app.inject({ method: 'POST', url: '/things', payload: {} });
    await app.inject({ url: '/healthz' });
    expect(
      await value(metrics, 'omni_http_rejected_requests_total', { status: '404', code: 'not-found' }),
    ).toBe(1);
    expect(
      await value(metrics, 'omni_http_rejected_requests_total', {
        route: '/things',
        status: '400',
        code: 'validation-failed',
      }),
    ).toBe(2);
    await app.close();
  });

  it('counts inbound messages per channel and account, and times consumer batches', async () => {
    const metrics = createMetrics('metrics-inbound');
    const bus = new InProcessBus(log, busMetricsObserver(metrics));
    await bus.subscribe({
      groupId: 'omni-threading',
      topic: TOPICS.inbound,
      schema: z.unknown(),
      handle: async () => {},
    });
    await publishInbound(bus, [message('1'), message('2')]);
    expect(await value(metrics, 'omni_inbound_messages_total', { channel: 'webform', account: 'shop' })).toBe(
      2,
    );
    expect(
      await value(metrics, 'omni_consumer_batch_duration_seconds_count', { group: 'omni-threading' }),
    ).toBe(1);
    await bus.close();
  });

  it("counts dead letters by source topic and reason: a consumer's and an adapter's own", async () => {
    const metrics = createMetrics('metrics-dead-letters');
    const bus = new InProcessBus(log, busMetricsObserver(metrics));
    await bus.subscribe({
      groupId: 'omni-threading',
      topic: TOPICS.inbound,
      schema: z.object({ id: z.string() }),
      handle: async () => {
        throw new OmniError(ERROR_CODES.dataRejected, 'refused', { retriable: false });
      },
    });
    await publishInbound(bus, [message('1')]);
    await deadLetterIntake(
      { bus, channel: 'webform', log, now: () => new Date() },
      { account: 'shop', reason: 'not a form', payload: '%%%' },
    );
    const dead = (reason: string) =>
      value(metrics, 'omni_dead_letters_total', { topic: TOPICS.inbound, reason });
    expect(await dead('handler-failed')).toBe(1);
    expect(await dead('intake')).toBe(1);
    expect(await dead('invalid-record')).toBeUndefined();
    await bus.close();
  });

  it('counts replies the platform refused, by its error code', async () => {
    const metrics = createMetrics('metrics-delivery');
    const bus = new InProcessBus(log);
    const reports: DeliveryReport[] = [];
    await bus.subscribe({
      groupId: 'reports',
      topic: TOPICS.delivery,
      schema: DeliveryReport,
      handle: async (records) => void reports.push(...records.map((r) => r.value)),
    });
    await startOutboundConsumer({
      bus,
      channel: 'telegram',
      log,
      metrics,
      send: async () => {
        throw new PlatformError(platformErrorCode('403'), 'Forbidden: bot was blocked by the user', {
          retriable: false,
        });
      },
    });
    const reply = OutboundMessage.parse({
      version: 1,
      id: messageId('telegram', 'bot', 'reply-1'),
      ticketId: messageId('telegram', 'bot', 'ticket-1'),
      ticketNumber: 1,
      channel: 'telegram',
      account: 'bot',
      recipient: { externalId: '42' },
      content: { text: 'hello' },
      createdAt: new Date().toISOString(),
    });
    await bus.publish(outboundTopic('telegram'), [{ key: reply.ticketId, value: reply }]);
    await waitFor(() => reports.length === 1, { description: 'the failure report' });
    expect(await value(metrics, 'omni_delivery_failures_total', { channel: 'telegram', code: '403' })).toBe(
      1,
    );
    await bus.close();
  });
});

it('starts every configured account of the hosted channels at zero, and no other channel', async () => {
  const metrics = createMetrics('channel-series-test');
  countChannelAccounts(metrics, [{ name: 'telegram' }], {
    channels: {
      email: [{ account: 'support' }],
      telegram: [{ account: 'bot-a' }, { account: 'bot-b' }],
      viber: [],
      facebook: [],
      vk: [],
      webform: [],
      whatsapp: [],
      instagram: [],
      max: [],
      livechat: [],
    },
  });
  const series = (await metrics.getMetricsAsJSON()).find((m) => m.name === 'omni_inbound_messages_total');
  expect(series?.values.map((v) => [v.labels, v.value])).toEqual([
    [{ channel: 'telegram', account: 'bot-a', service: 'channel-series-test' }, 0],
    [{ channel: 'telegram', account: 'bot-b', service: 'channel-series-test' }, 0],
  ]);
});
