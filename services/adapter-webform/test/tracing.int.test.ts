import { InboundMessage, TOPICS } from '@omni/contracts';
import {
  createHttpServer,
  createMetrics,
  parseOmniConfig,
  setupTracing,
  type Tracing,
} from '@omni/service-kit';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { buildWebformAdapter } from '../src';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let h: Harness;

beforeAll(async () => {
  tracing = await setupTracing({ service: 'tracing-test', exporters: [exporter] });
  h = await startHarness('tracing');
});
afterAll(async () => {
  await h?.close();
  await tracing?.shutdown();
});

it('follows a web-form submission from the HTTP request through the Kafka record to the consumer', async () => {
  const producerBus = await h.kafkaBus();
  const consumerBus = await h.kafkaBus();
  const handled: Array<{ traceId: string | undefined; text: string }> = [];
  await consumerBus.subscribe({
    groupId: 'omni-threading',
    topic: TOPICS.inbound,
    schema: InboundMessage,
    handle: async (records) => {
      for (const r of records) {
        h.log.warn({ messageId: r.value.id }, 'handled in the consumer span');
        handled.push({ traceId: trace.getActiveSpan()?.spanContext().traceId, text: r.value.content.text });
      }
    },
  });

  const app = createHttpServer({ log: h.log, metrics: createMetrics('tracing-test'), readiness: [] });
  const { routes } = buildWebformAdapter({
    config: parseOmniConfig('channels:\n  webform:\n    - account: shop\n', {}),
    bus: producerBus,
    log: h.log,
  });
  if (!routes) throw new Error('the web-form adapter has routes');
  await app.register(routes);
  const res = await app.inject({
    method: 'POST',
    url: '/channels/webform/shop/submissions',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    payload: { name: 'Анна', email: 'anna@example.com', message: 'Где мой заказ?' },
  });
  expect(res.statusCode).toBeLessThan(300);
  const traceId = res.headers['x-trace-id'];
  expect(traceId).toMatch(/^[0-9a-f]{32}$/);

  await waitFor(() => handled.length === 1, { description: 'the consumer handles the record' });
  expect(handled[0]).toEqual({ traceId, text: 'Где мой заказ?' });

  // The spans: the request, the publish (child of the request), the batch (child of the publish).
  await waitFor(() => exporter.getFinishedSpans().some((s) => s.name === `process ${TOPICS.inbound}`), {
    description: 'the consumer span ends',
  });
  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const server = spans.find((s) => s.name === 'POST /channels/webform/:account/submissions');
  const send = spans.find((s) => s.name === `send ${TOPICS.inbound}`);
  const processed = spans.find((s) => s.name === `process ${TOPICS.inbound}`);
  expect(send?.parentSpanContext?.spanId).toBe(server?.spanContext().spanId);
  expect(processed?.parentSpanContext?.spanId).toBe(send?.spanContext().spanId);
  expect(processed?.attributes['messaging.consumer.group.name']).toBe(h.groupId('omni-threading'));

  // The log line written inside the handler names the trace.
  const line = h.log.lines.find((l) => l.includes('handled in the consumer span'));
  expect(JSON.parse(line ?? '{}').traceId).toBe(traceId);
  await app.close();
});
