import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { buildAsyncApiDocument } from '@omni/asyncapi';
import { OmniError } from '@omni/contracts';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import FindMyWay, { type HTTPMethod, type HTTPVersion, type Instance } from 'find-my-way';
import type { Logger } from 'pino';
import { Histogram, type Registry } from 'prom-client';
import { omniMetrics } from './omni-metrics';
import { HttpProblem, PROBLEMS, type ProblemCode, problemBody } from './problem';
import { rejectUnstorableApiText } from './storable-text';
import { traceHttpRequests } from './tracing';

/** A check's answer on /readyz; fields beside `ok` and `reason` are details shown as they are. */
export type ReadinessResult = { ok: boolean; reason?: string; [detail: string]: unknown };
export interface ReadinessCheck {
  name: string;
  check: () => ReadinessResult | Promise<ReadinessResult>;
}

export interface HttpServerOptions {
  log: Logger;
  metrics: Registry;
  readiness: ReadinessCheck[];
  /** Largest accepted request body, bytes (default 1 MiB). */
  bodyLimit?: number;
}

let asyncApiDocument: ReturnType<typeof buildAsyncApiDocument> | undefined;

/** Query parameters never written to logs (the Facebook handshake sends its token in the URL). */
const SECRET_QUERY_KEYS = /^(hub\.verify_token|token|secret|key|api_key|access_token)$/i;

/**
 * The one HTTP server factory: health, readiness, Prometheus metrics, request ids,
 * problem+json errors (never a stack trace), body limits. Routes are registered by the
 * caller as plugins.
 */
export function createHttpServer({
  log,
  metrics,
  readiness,
  bodyLimit = 1024 * 1024,
}: HttpServerOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Requests are logged once, by our onResponse hook, with secrets removed from the URL.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // A malformed URL or an over-long path parameter (414) answers problem+json like every other error.
    frameworkErrors: (error, request, reply) => sendError(error, request, reply, log),
    // What node's HTTP parser refuses before there is a request (a NUL in a header, an unknown
    // method, headers over 16 KiB, a request too slow to arrive): problem+json too.
    clientErrorHandler: (error, socket) => answerClientError(error, socket, log),
  });

  // Every route and its methods, so a path served with other methods answers 405 with `Allow`.
  const routes = FindMyWay({ defaultRoute: () => undefined });
  app.addHook('onRoute', (route) => {
    // Wildcards (the CORS preflight's `OPTIONS *`) would make every unknown path look served.
    if (route.url.includes('*')) return;
    for (const method of [route.method].flat())
      if (method !== 'HEAD' && !routes.hasRoute(method as HTTPMethod, route.url))
        routes.on(method as HTTPMethod, route.url, () => undefined);
  });

  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics],
  });

  // Our API (`/v1`, on every service that serves part of it) refuses text PostgreSQL cannot store.
  rejectUnstorableApiText(app, '/v1/');
  traceHttpRequests(app, safeUrl);
  const rejected = omniMetrics(metrics).rejectedRequests;
  // Callback-style hooks (not async): no promise per request on the path every webhook takes.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    if (reply.statusCode >= 400 && reply.statusCode < 500) {
      rejected.inc({
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
        code: problemCode(reply.getHeader('content-type'), payload),
      });
    }
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    // Built only when written: at info, a request that did not fail logs nothing.
    if (reply.statusCode >= 500 || log.isLevelEnabled('debug')) {
      const line = {
        reqId: request.id,
        method: request.method,
        url: safeUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      };
      if (reply.statusCode >= 500) log.error(line, 'request failed');
      else log.debug(line, 'request');
    }
    done();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => sendError(error, request, reply, log));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const allowed = allowedMethods(routes, path);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return sendError(
        new HttpProblem(
          405,
          'method-not-allowed',
          PROBLEMS['method-not-allowed'].title,
          `${request.method} is not served at ${path}; it takes ${allowed.join(', ')}`,
        ),
        request,
        reply,
        log,
      );
    }
    return sendError(
      new HttpProblem(
        404,
        'not-found',
        PROBLEMS['not-found'].title,
        `No route for ${request.method} ${safeUrl(path)}`,
      ),
      request,
      reply,
      log,
    );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      readiness.map(async (c) => {
        try {
          return { name: c.name, ...(await c.check()) };
        } catch (err) {
          return { name: c.name, ok: false, reason: (err as Error).message };
        }
      }),
    );
    const ok = results.every((r) => r.ok);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks: results });
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.contentType).send(await metrics.metrics());
  });
  // The Kafka contract (AsyncAPI 3, generated from the zod schemas), served by every service.
  app.get('/asyncapi.json', async () => {
    asyncApiDocument ??= buildAsyncApiDocument();
    return asyncApiDocument;
  });
  return app;
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, log: Logger) {
  const send = (
    status: number,
    code: ProblemCode,
    title: string,
    detail?: string,
    errors?: Record<string, string>,
  ) =>
    reply
      .code(status)
      .type('application/problem+json')
      // Also on errors raised before routing (a too-long path parameter), where no onSend hook runs.
      .header('x-request-id', request.id)
      .send({
        ...problemBody({ status, code, title, detail, errors }),
        instance: safeUrl(request.url).split('?')[0],
        requestId: request.id,
      });

  if (error instanceof HttpProblem) {
    if (error.headers) void reply.headers(error.headers);
    return send(error.status, error.code, error.title, error.detail, error.errors);
  }
  if (error.validation) {
    const errors: Record<string, string> = {};
    for (const v of error.validation) {
      const field = (
        v.instancePath || `/${(v.params as { missingProperty?: string })?.missingProperty ?? ''}`
      )
        .replace(/^\//, '')
        .replaceAll('/', '.');
      errors[field || (error.validationContext ?? 'body')] = v.message ?? 'invalid';
    }
    return send(400, 'validation-failed', 'The request is not valid', error.message, errors);
  }
  if ((error instanceof OmniError && error.retriable) || isConnectionOutage(error)) {
    log.warn({ err: error, reqId: request.id }, 'dependency unavailable');
    void reply.header('retry-after', '5');
    return send(503, 'unavailable', 'Temporarily unavailable', 'A dependency is unavailable; retry later.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const code = FRAMEWORK_PROBLEMS[status] ?? 'bad-request';
    return send(
      status,
      code,
      PROBLEMS[code].status === status ? PROBLEMS[code].title : 'Request failed',
      error.message,
    );
  }
  log.error({ err: error, reqId: request.id, url: safeUrl(request.url) }, 'unhandled error');
  return send(500, 'internal', 'Internal error', 'The server failed to handle the request; it was logged.');
}

/** The methods a path is served with (with HEAD wherever GET is), or none. */
function allowedMethods(routes: Instance<HTTPVersion.V1>, path: string): string[] {
  const methods = new Set<string>();
  for (const method of SERVED_METHODS) if (routes.find(method, path) !== null) methods.add(method);
  if (methods.has('GET')) methods.add('HEAD');
  return [...methods].sort();
}
const SERVED_METHODS: HTTPMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * A request node's HTTP parser refused (no fastify request exists): answered on the socket as
 * problem+json, then closed — the parser cannot read on after an error.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex, log: Logger): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const code: ProblemCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 'request-timeout'
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 'header-too-large'
        : 'bad-request';
  const { status, title } = PROBLEMS[code];
  const body = JSON.stringify(
    problemBody({
      status,
      code,
      title,
      detail: `the request could not be read (${error.code ?? 'parse error'})`,
    }),
  );
  log.debug({ code: error.code, status }, 'client error');
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

/**
 * PostgreSQL (or another dependency) unreachable or restarting: a declared outage, 503 with
 * Retry-After so the platform retries — not a 500 (the chaos tests stopped PostgreSQL and
 * saw the email MIME route answer 500 on a refused connection).
 */
const OUTAGE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);
function isConnectionOutage(error: { code?: unknown; message?: unknown }): boolean {
  if (typeof error.code === 'string' && OUTAGE_CODES.has(error.code)) return true;
  return (
    typeof error.message === 'string' &&
    /^(Connection terminated|timeout exceeded when trying to connect)/.test(error.message)
  );
}

/** Errors fastify raises itself (body limit, media type, URL), by status, as problems of the catalogue. */
const FRAMEWORK_PROBLEMS: Partial<Record<number, ProblemCode>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
  414: 'uri-too-long',
  415: 'unsupported-media-type',
  416: 'range-not-satisfiable',
  429: 'rate-limited',
};

/** The `code` of a problem+json answer (every 4xx of ours is one), for the rejection metric. */
function problemCode(contentType: unknown, payload: unknown): string {
  if (typeof payload !== 'string' || !String(contentType).startsWith('application/problem+json'))
    return 'other';
  try {
    const type = (JSON.parse(payload) as { type?: unknown }).type;
    return typeof type === 'string' ? type.replace(/^urn:omni:problem:/, '').slice(0, 64) : 'other';
  } catch {
    return 'other';
  }
}

/** The URL with secret query values replaced, for logs and problem `instance`. */
export function safeUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.test(key)) params.set(key, 'redacted');
  return `${url.slice(0, q)}?${params.toString()}`;
}
