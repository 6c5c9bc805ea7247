import {
  type Context,
  context,
  type Link,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { OutgoingRecord } from './bus';

// Only the OpenTelemetry API here: without an SDK registered (tracing off) every call is a
// cheap no-op and no header is added. service-kit's tracing.ts registers the SDK.
const tracer = trace.getTracer('@omni/bus');

/**
 * Runs a publish inside a producer span and stamps each record with the W3C
 * `traceparent` of that span, so the consumer's span joins the same trace. A record that
 * already carries one (relayed from the outbox) keeps it.
 */
export function tracedPublish<T>(
  topic: string,
  records: OutgoingRecord[],
  publish: (records: OutgoingRecord[]) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.destination.name': topic,
        'messaging.batch.message_count': records.length,
      },
    },
    async (span) => {
      try {
        const stamped = records.map((r) => {
          if (r.headers?.traceparent) return r;
          const headers: Record<string, string> = { ...r.headers };
          propagation.inject(context.active(), headers);
          return { ...r, headers };
        });
        return await publish(stamped);
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Runs a consumer's handling of a batch inside a consumer span. Its parent is the trace of
 * the batch's first record; every record's trace is linked (OpenTelemetry's batch
 * convention), so each producer's trace leads to the batch that handled it.
 */
export function tracedHandle<T>(
  groupId: string,
  topic: string,
  records: Array<{ headers: Record<string, string> }>,
  handle: () => Promise<T>,
): Promise<T> {
  const contexts: Context[] = records
    .filter((r) => r.headers.traceparent)
    .map((r) => propagation.extract(ROOT_CONTEXT, r.headers));
  const links: Link[] = contexts.flatMap((c) => {
    const sc = trace.getSpanContext(c);
    return sc ? [{ context: sc }] : [];
  });
  return tracer.startActiveSpan(
    `process ${topic}`,
    {
      kind: SpanKind.CONSUMER,
      links,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'messaging.destination.name': topic,
        'messaging.consumer.group.name': groupId,
        'messaging.batch.message_count': records.length,
      },
    },
    contexts[0] ?? ROOT_CONTEXT,
    async (span) => {
      try {
        return await handle();
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}
