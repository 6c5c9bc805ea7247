import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OutboundGuard } from '@omni/service-kit';
import { type Harness, startHarness, tableResolver, waitFor } from '@omni/testkit';
import { createSubscription } from '../src/webhooks/webhook.repository';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedTicket } from './support/seed';

/**
 * The API and the worker as a deployment without `OMNI_OUTBOUND_ALLOW` runs them: a key
 * with the webhook scope cannot make the server call internal addresses. The only real
 * server is a receiver on 127.0.0.1 that must never be reached; every other address is
 * refused before any connection (and the test kit's tripwire fails the file otherwise).
 */
let h: Harness;
let api: ApiFixture;
let worker: WebhookWorker;
let receiver: Server;
let port: number;
const reached: string[] = [];
/** While true, rebind.partner.example answers a public address (the registration check); afterwards loopback. */
let registering = false;

beforeAll(async () => {
  h = await startHarness('tickets-webhook-policy');
  const outboundGuard = new OutboundGuard({
    resolve: tableResolver({
      'intranet.partner.example': ['10.0.0.8'],
      'dual.partner.example': ['93.184.216.34', 'fd00::8'],
      'rebind.partner.example': () => (registering ? ['93.184.216.34'] : ['127.0.0.1']),
    }),
  });
  api = await startApi(h.pool, h.log, { outboundGuard });
  worker = new WebhookWorker({
    pool: h.pool,
    log: h.log,
    outboundGuard,
    pollMs: 20,
    timeoutMs: 2_000,
    retryScheduleMs: [100, 100, 100],
  });
  worker.start();
  receiver = createServer((req, res) => {
    reached.push(req.url ?? '');
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await worker?.stop();
  receiver?.close();
  await api?.stop();
  await h?.close();
});

const subscribe = (url: string) =>
  api.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: bearer(api.adminKey),
    payload: { url, events: ['ticket.updated'] },
  });

const touchTicket = async () => {
  const ticket = await seedTicket(h.pool, { customerId: await seedCustomer(h.pool, 'Webhook policy') });
  const res = await api.app.inject({
    method: 'PATCH',
    url: `/v1/tickets/${ticket.id}`,
    headers: bearer(api.adminKey),
    payload: { status: 'pending' },
  });
  expect(res.statusCode).toBe(200);
};

/** The subscription's one delivery once the worker has given up on it, with the subscription's state. */
async function outcome(subscriptionId: string) {
  return waitFor(
    async () => {
      const { rows } = await h.pool.query<{
        status: string;
        attempts: number;
        last_error: string | null;
        disabled_reason: string | null;
        errors: Array<string | null>;
        codes: Array<number | null>;
      }>(
        `SELECT d.status, d.attempts, d.last_error, s.disabled_reason,
                array_agg(a.error ORDER BY a.id) AS errors, array_agg(a.status_code ORDER BY a.id) AS codes
           FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
           JOIN webhook_attempts a ON a.delivery_id = d.id
          WHERE d.subscription_id = $1 GROUP BY d.id, s.id`,
        [subscriptionId],
      );
      const row = rows[0];
      return row && row.status !== 'pending' ? row : undefined;
    },
    { timeoutMs: 20_000, description: `the delivery of ${subscriptionId} settled` },
  );
}

describe('registering a webhook URL', () => {
  it.each([
    [`http://127.0.0.1:PORT/hook`, '127.0.0.1 is in the loopback range'],
    [`http://[::1]:PORT/hook`, '::1 is in the loopback range'],
    [`http://localhost:PORT/hook`, 'localhost (127.0.0.1) is in the loopback range'],
    ['http://2130706433/hook', '127.0.0.1 is in the loopback range'],
    ['http://0177.0.0.1/hook', '127.0.0.1 is in the loopback range'],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1 (127.0.0.1) is in the loopback range'],
    ['http://0.0.0.0/hook', '0.0.0.0 is in the unspecified range'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is in the metadata range'],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254 is in the metadata range'],
    ['http://100.100.100.200/', '100.100.100.200 is in the metadata range'],
    ['http://192.168.1.20/hook', '192.168.1.20 is in the private range'],
    ['http://100.64.0.7/hook', '100.64.0.7 is in the carrierGradeNat range'],
    ['http://[fe80::1]/hook', 'fe80::1 is in the linkLocal range'],
    ['https://intranet.partner.example/hook', 'intranet.partner.example (10.0.0.8) is in the private range'],
    ['https://dual.partner.example/hook', 'dual.partner.example (fd00::8) is in the uniqueLocal range'],
  ])('refuses %s with a 400 naming url', async (template, reason) => {
    const res = await subscribe(template.replace('PORT', String(port)));
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: 'urn:omni:problem:validation-failed',
      errors: { url: `refused by the outbound address policy: ${reason}` },
    });
    const stored = await h.pool.query('SELECT 1 FROM webhook_subscriptions WHERE url LIKE $1', [
      template.replace('PORT', '%'),
    ]);
    expect(stored.rowCount).toBe(0);
  });

  it('accepts a name that does not resolve yet: it is judged at every connection', async () => {
    const res = await subscribe('https://not-yet.partner.example/hook');
    expect(res.statusCode).toBe(201);
    const deleted = await api.app.inject({
      method: 'DELETE',
      url: `/v1/webhooks/${res.json().id}`,
      headers: bearer(api.adminKey),
    });
    expect(deleted.statusCode).toBe(204);
  });
});

describe('delivering', () => {
  it('a subscription to loopback made before the policy is refused at connect time: one failed attempt with the reason, the subscription disabled, the receiver never reached', async () => {
    const v4 = await createSubscription(
      h.pool,
      { url: `http://127.0.0.1:${port}/old-v4`, events: ['ticket.updated'], payload: 'thin' },
      undefined,
    );
    const v6 = await createSubscription(
      h.pool,
      { url: `http://[::1]:${port}/old-v6`, events: ['ticket.updated'], payload: 'thin' },
      undefined,
    );
    await touchTicket();
    for (const [sub, reason] of [
      [v4, '127.0.0.1 is in the loopback range'],
      [v6, '::1 is in the loopback range'],
    ] as const) {
      const row = await outcome(sub.id);
      const expected = `refused by the outbound address policy: ${reason}`;
      // Not retried as if the receiver were down: the address will not change by waiting.
      expect(row).toMatchObject({
        status: 'failed',
        attempts: 1,
        last_error: expected,
        disabled_reason: expected,
      });
      expect(row.errors).toEqual([expected]);
      expect(row.codes).toEqual([null]);
      const disabled = await h.pool.query(
        `SELECT 1 FROM events WHERE type = 'webhook.disabled' AND data->>'subscriptionId' = $1`,
        [sub.id],
      );
      expect(disabled.rowCount).toBe(1);
    }
    expect(reached).toEqual([]);
  });

  it('DNS rebinding: a name that answered a public address at registration and loopback at delivery is refused before connecting', async () => {
    registering = true;
    const res = await subscribe(`http://rebind.partner.example:${port}/rebound`);
    registering = false;
    expect(res.statusCode).toBe(201);
    await touchTicket();
    const row = await outcome(res.json().id);
    expect(row).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error:
        'refused by the outbound address policy: rebind.partner.example (127.0.0.1) is in the loopback range',
    });
    expect(reached).toEqual([]);
  });
});
