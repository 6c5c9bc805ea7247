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
