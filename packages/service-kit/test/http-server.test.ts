import { connect } from 'node:net';
import { OmniError } from '@omni/contracts';
import { testLogger } from '@omni/testkit';
import { createHttpServer, createMetrics, HttpProblem, safeUrl } from '../src';

function server(ready = true) {
  const log = testLogger('http-test');
  const app = createHttpServer({
    log,
    metrics: createMetrics('http-test'),
    readiness: [
      { name: 'db', check: () => (ready ? { ok: true } : { ok: false, reason: 'database unreachable' }) },
    ],
    bodyLimit: 1024,
  });
  app.get('/problem', async () => {
    throw new HttpProblem(409, 'merge-conflict', 'Conflict', 'already there');
  });
  app.get('/boom', async () => {
    throw new Error('secret internals at /srv/app.ts:12');
  });
  app.get('/down', async () => {
    throw new OmniError('bus-unavailable', 'bus down', { retriable: true });
  });
  app.post('/echo', async (request) => request.body);
  app.get('/items/:id', async () => ({ ok: true }));
  app.patch('/items/:id', async () => ({ ok: true }));
  return { app, log };
}

describe('the HTTP server factory', () => {
  it('answers errors as problem+json, never with a stack trace', async () => {
    const { app, log } = server();
    const problem = await app.inject({ url: '/problem' });
    expect(problem.statusCode).toBe(409);
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem.json()).toMatchObject({
      type: 'urn:omni:problem:merge-conflict',
      status: 409,
      detail: 'already there',
      instance: '/problem',
    });

    const boom = await app.inject({ url: '/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret internals');
    expect(log.lines.join('\n')).toContain('secret internals'); // logged for operators, not shown to clients

    const down = await app.inject({ url: '/down' });
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('5');

    const missing = await app.inject({ url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('maps body-limit, bad JSON and media-type errors to 4xx problems', async () => {
    const { app } = server();
    const big = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'y'.repeat(2000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toMatch(/^application\/problem\+json/);
    const bad = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(bad.statusCode).toBe(400);
    const media = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'x',
    });
    expect(media.statusCode).toBe(415);
  });

  it('answers every error fastify or node raises itself as problem+json of our catalogue', async () => {
    const { app } = server();
    const isProblem = (res: { headers: Record<string, unknown>; json(): { type: string } }, type: string) => {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().type).toBe(`urn:omni:problem:${type}`);
    };
    const long = await app.inject({ url: `/items/${'a'.repeat(200)}` });
    expect(long.statusCode).toBe(414);
    isProblem(long, 'uri-too-long');
    const big = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ x: 'y'.repeat(2000) }),
    });
    isProblem(big, 'payload-too-large');
    const media = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'x',
    });
    isProblem(media, 'unsupported-media-type');
    for (const payload of ['{"a":', '', '{"__proto__":{"x":1}}']) {
      const bad = await app.inject({
        method: 'POST',
        url: '/echo',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(bad.statusCode).toBe(400);
      isProblem(bad, 'bad-request');
    }
    const badUrl = await app.inject({ url: '/items/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    isProblem(badUrl, 'bad-request');

    const missing = await app.inject({ url: '/nope?x=1' });
    expect(missing.statusCode).toBe(404);
    isProblem(missing, 'not-found');
    expect(missing.json().instance).toBe('/nope');
    const wrongMethod = await app.inject({ method: 'DELETE', url: '/items/1' });
    expect(wrongMethod.statusCode).toBe(405);
    isProblem(wrongMethod, 'method-not-allowed');
    expect(wrongMethod.headers.allow).toBe('GET, HEAD, PATCH');
    expect((await app.inject({ method: 'PUT', url: '/echo' })).headers.allow).toBe('POST');

    // Refused by node's parser before fastify sees a request: answered on the socket.
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as { port: number };
      const raw = (request: string) =>
        new Promise<string>((resolve) => {
          let answer = '';
          const socket = connect(port, '127.0.0.1', () => socket.write(request));
          socket.on('data', (chunk) => {
            answer += chunk;
          });
          socket.on('close', () => resolve(answer));
          socket.on('error', () => undefined);
        });
      const answers = {
        nul: await raw('GET /items/1 HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n'),
        method: await raw('FOO /items/1 HTTP/1.1\r\nHost: x\r\n\r\n'),
        longUrl: await raw(`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
      };
      for (const [what, answer] of Object.entries(answers)) {
        const [head = '', body = ''] = answer.split('\r\n\r\n');
        const status = Number(head.split(' ')[1]);
        expect({ what, status }).toEqual({ what, status: what === 'longUrl' ? 431 : 400 });
        expect(head).toMatch(/content-type: application\/problem\+json/i);
        expect(JSON.parse(body).type).toBe(
          what === 'longUrl' ? 'urn:omni:problem:header-too-large' : 'urn:omni:problem:bad-request',
        );
      }
    } finally {
      await app.close();
    }
  });

  it('reports readiness with the reason it is not ready, and serves Prometheus metrics', async () => {
    expect((await server(true).app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const notReady = await server(false).app.inject({ url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks).toEqual([{ name: 'db', ok: false, reason: 'database unreachable' }]);
    const { app } = server();
    await app.inject({ url: '/healthz' });
    const metrics = await app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/healthz"/);
    expect(metrics.body).toMatch(/process_cpu_user_seconds_total/);
  });

  it('never logs secret query parameters', () => {
    expect(
      safeUrl('/channels/facebook/p/webhook?hub.mode=subscribe&hub.verify_token=s3cret&hub.challenge=42'),
    ).toBe('/channels/facebook/p/webhook?hub.mode=subscribe&hub.verify_token=redacted&hub.challenge=42');
  });
});
