import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { freePort, type Harness, loopbackOutboundGuard, startHarness, waitFor } from '@omni/testkit';
import { Webhook } from 'standardwebhooks';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedTicket } from './support/seed';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver that keeps every request as it came (it verifies nothing itself). */
async function recordingReceiver() {
  const port = await freePort();
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** Standard Webhooks verification as the spec words it, written apart from any library. */
function specVerifies(secret: string, { headers, body }: Received): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest();
  return String(headers['webhook-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature = ''] = entry.split(',');
      const given = Buffer.from(signature, 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** The official receiver library (what an integrator's endpoint runs). */
function libraryVerifies(secret: string, { headers, body }: Received): boolean {
  try {
    new Webhook(secret).verify(body, headers as Record<string, string>);
    return true;
  } catch {
    return false;
  }
}

/** Which of the secrets a delivery verifies with, by both implementations (which must agree). */
function verifiedWith(secrets: Record<string, string>, delivery: Received): string[] {
  return Object.entries(secrets)
    .filter(([name, secret]) => {
      const spec = specVerifies(secret, delivery);
      expect({ name, library: libraryVerifies(secret, delivery) }).toEqual({ name, library: spec });
      return spec;
    })
    .map(([name]) => name);
}

let h: Harness;
let api: ApiFixture;
let worker: WebhookWorker;
let receiver: Awaited<ReturnType<typeof recordingReceiver>>;

beforeAll(async () => {
  h = await startHarness('tickets-webhook-rotation');
  api = await startApi(h.pool, h.log);
  worker = new WebhookWorker({
    pool: h.pool,
    log: h.log,
    pollMs: 20,
    timeoutMs: 2_000,
    outboundGuard: loopbackOutboundGuard(),
  });
  worker.start();
  receiver = await recordingReceiver();
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  await api?.stop();
  await h?.close();
});

const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
  api.app.inject({ method, url, headers: bearer(api.adminKey), ...(payload ? { payload } : {}) });

/** Changes the ticket and returns the delivery of the event it caused. */
async function nextDelivery(ticketId: string, tag: string): Promise<Received> {
  const before = receiver.received.length;
  expect((await call('PATCH', `/v1/tickets/${ticketId}`, { tags: [tag] })).statusCode).toBe(200);
  await waitFor(() => receiver.received.length > before, {
    timeoutMs: 20_000,
    description: `delivery ${tag}`,
  });
  return receiver.received.at(-1) as Received;
}

it('keeps the old secret signing beside the new one for the grace period, then only the new one', async () => {
  const created = await call('POST', '/v1/webhooks', { url: receiver.url, events: ['ticket.updated'] });
  expect(created.statusCode).toBe(201);
  const { id, secret: first } = created.json() as { id: string; secret: string };
  const ticket = await seedTicket(h.pool, { customerId: await seedCustomer(h.pool, 'Rotation') });

  const before = await nextDelivery(ticket.id, 'before');
  expect(String(before.headers['webhook-signature']).split(' ')).toHaveLength(1);
  expect(verifiedWith({ first }, before)).toEqual(['first']);

  const rotated = await call('POST', `/v1/webhooks/${id}/rotate-secret`, { gracePeriodSeconds: 3600 });
  expect(rotated.statusCode).toBe(200);
  const rotation = rotated.json() as {
    secret: string;
    secretRotatedAt: string;
    previousSecretExpiresAt: string;
  };
  const second = rotation.secret;
  expect(second).toMatch(/^whsec_/);
  expect(second).not.toBe(first);
  expect(Date.parse(rotation.previousSecretExpiresAt) - Date.parse(rotation.secretRotatedAt)).toBe(3_600_000);
  // The state is visible; the secrets are not, but at creation and rotation.
  const shown = await call('GET', `/v1/webhooks/${id}`);
  expect(shown.statusCode).toBe(200);
  expect(shown.json()).toMatchObject({
    id,
    secretRotatedAt: rotation.secretRotatedAt,
    previousSecretExpiresAt: rotation.previousSecretExpiresAt,
  });
  expect(shown.json()).not.toHaveProperty('secret');
  expect(shown.body).not.toContain('whsec_');
  expect((await call('GET', '/v1/webhooks')).body).not.toContain('whsec_');

  // During the overlap: two `v1,` signatures, so a receiver still on the old secret and one
  // already on the new one both accept the delivery.
  const during = await nextDelivery(ticket.id, 'during');
  expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
  expect(verifiedWith({ first, second }, during)).toEqual(['first', 'second']);

  // A second rotation with a one-second overlap: the first secret is gone at once, the
  // second signs until the overlap ends, then only the third.
  const again = await call('POST', `/v1/webhooks/${id}/rotate-secret`, { gracePeriodSeconds: 1 });
  const third = (again.json() as { secret: string }).secret;
  await waitFor(
    async () =>
      (await call('GET', `/v1/webhooks/${id}`)).json().previousSecretExpiresAt === null || undefined,
    { timeoutMs: 10_000, description: 'the overlap over' },
  );
  const after = await nextDelivery(ticket.id, 'after');
  expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
  expect(verifiedWith({ first, second, third }, after)).toEqual(['third']);
});

it('cuts over at once with a zero grace period, and answers 404 for an unknown subscription', async () => {
  const created = await call('POST', '/v1/webhooks', { url: receiver.url, events: ['ticket.created'] });
  const { id } = created.json() as { id: string };
  const rotated = await call('POST', `/v1/webhooks/${id}/rotate-secret`, { gracePeriodSeconds: 0 });
  expect(rotated.statusCode).toBe(200);
  expect(rotated.json()).toMatchObject({ previousSecretExpiresAt: null });
  expect((await call('GET', `/v1/webhooks/${id}`)).json()).toMatchObject({ previousSecretExpiresAt: null });

  const unknown = '0b5e0c4a-6f1e-4f8e-9a51-3d1f8e2b7c60';
  for (const res of [
    await call('GET', `/v1/webhooks/${unknown}`),
    await call('POST', `/v1/webhooks/${unknown}/rotate-secret`, {}),
  ]) {
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  }
  const tooLong = await call('POST', `/v1/webhooks/${id}/rotate-secret`, { gracePeriodSeconds: 30 * 86_400 });
  expect(tooLong.statusCode).toBe(400);
});
