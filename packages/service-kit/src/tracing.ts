import { context, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface TracingOptions {
  service: string;
  /**
   * OTLP/HTTP base URL (`OTEL_EXPORTER_OTLP_ENDPOINT`, e.g. http://collector:4318): spans
   * are exported to `<endpoint>/v1/traces`. Without it nothing leaves the process.
   */
  otlpEndpoint?: string;
  /** Extra exporters, each span handed over as soon as it ends (tests use an in-memory one). */
  exporters?: SpanExporter[];
}

export interface Tracing {
  /** Exports what is buffered (the process is about to exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

let current: (Tracing & { provider: NodeTracerProvider }) | undefined;

/**
 * Whether a service registers OpenTelemetry. Unset, only when spans have somewhere to go:
 * without an exporter every span would be made only to be dropped, yet its hooks, spans and
 * context switches cost tens of microseconds of CPU per webhook. `OTEL_SDK_DISABLED=false`
 * still turns it on for trace ids in logs and record headers alone.
 */
export function tracingEnabled(env: {
  OTEL_SDK_DISABLED?: boolean;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
}): boolean {
  return env.OTEL_SDK_DISABLED === undefined
    ? env.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined
    : !env.OTEL_SDK_DISABLED;
}

/**
 * Registers OpenTelemetry for the process: W3C trace-context propagation (HTTP headers,
 * Kafka record headers), spans kept in async context, trace ids in every log line.
 * Export is off unless an OTLP endpoint (or a test exporter) is given. Once per process:
 * later calls return the first registration.
 */
export async function setupTracing(opts: TracingOptions): Promise<Tracing> {
  if (current) return current;
  const spanProcessors: SpanProcessor[] = (opts.exporters ?? []).map((e) => new SimpleSpanProcessor(e));
  if (opts.otlpEndpoint) {
    // Loaded only when configured: most processes never export.
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    const url = `${opts.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.service }),
    spanProcessors,
  });
  provider.register();
  current = {
    provider,
    async flush() {
      await provider.forceFlush();
    },
    async shutdown() {
      await provider.shutdown();
    },
  };
  return current;
}

/** Trace and span id of the active span, for log lines (pino `mixin`). */
export function activeTraceIds(): { traceId: string; spanId: string } | Record<string, never> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  // Sampled-out or invalid contexts name no trace anyone can look up.
  if (!trace.isSpanContextValid(span.spanContext()) || (traceFlags & 1) === 0) return {};
  return { traceId, spanId };
}

const tracer = trace.getTracer('@omni/service-kit');

/**
 * A server span per HTTP request, continuing the caller's `traceparent` when it sends one.
 * The span becomes active just before the route handler (after the body is read: the
 * body stream's callbacks run outside any request context), so everything the handler
 * does — a publish to Kafka included — belongs to it. The trace id is answered in
 * `x-trace-id`.
 */
export function traceHttpRequests(app: FastifyInstance, safeUrl: (url: string) => string): void {
  // Tracing off (`tracingEnabled`: `setupTracing` never ran, and it runs before any server
  // is created): no propagator and no provider are registered, every span would be a no-op,
  // and three hooks per request cost a few percent of a webhook's CPU for nothing.
  if (!current) return;
  const spans = new WeakMap<FastifyRequest, Span>();
  app.addHook('onRequest', (request, reply, done) => {
    const parent = propagation.extract(context.active(), request.headers);
    const span = tracer.startSpan(
      `${request.method} ${request.routeOptions.url ?? 'unmatched'}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          'url.path': safeUrl(request.url).split('?')[0] ?? '/',
          'http.route': request.routeOptions.url ?? 'unmatched',
        },
      },
      parent,
    );
    spans.set(request, span);
    if (span.isRecording()) void reply.header('x-trace-id', span.spanContext().traceId);
    context.with(trace.setSpan(parent, span), done);
  });
  app.addHook('preHandler', (request, _reply, done) => {
    const span = spans.get(request);
    if (!span) return done();
    context.with(trace.setSpan(context.active(), span), done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const span = spans.get(request);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      spans.delete(request);
    }
    done();
  });
}
