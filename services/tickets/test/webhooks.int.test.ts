import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { WebhookEvent } from '@omni/contracts';
import { freePort, type Harness, loopbackOutboundGuard, startHarness, waitFor } from '@omni/testkit';
import { Webhook } from 'standardwebhooks';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedTicket } from './support/seed';

const SCHEDULE = [100, 200, 400];

/** A receiver that verifies every request with the standardwebhooks package, failing its first `failures` requests. */
async function receiver(failures: number) {
  const port = await freePort();
  const state = {
    secret: '',
    requests: 0,
    accepted: new Map<string, { id: string; type: string; [k: string]: unknown }>(),
    duplicates: 0,
    badSignatures: 0,
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      state.requests++;
      let event: { id: string; type: string; [k: string]: unknown };
      try {
        event = new Webhook(state.secret).verify(
          body,
          req.headers as IncomingHttpHeaders & Record<string, string>,
        ) as { id: string; type: string; [k: string]: unknown };
      } catch {
        state.badSignatures++;
        res.writeHead(401).end();
        return;
      }
      if (state.requests <= failures) {
        res.writeHead(503).end();
        return;
      }
      const webhookId = req.headers['webhook-id'] as string;
      if (state.accepted.has(webhookId)) state.duplicates++;
      state.accepted.set(webhookId, event);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    state,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let h: Harness;
let api: ApiFixture;
// Two replicas of the worker: claims and the dispatch cursor keep every delivery to one of them.
let workers: WebhookWorker[] = [];
const receivers: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  h = await startHarness('tickets-webhooks');
  api = await startApi(h.pool, h.log);
  workers = [1, 2].map(
    () =>
      new WebhookWorker({
        pool: h.pool,
        log: h.log,
        retryScheduleMs: SCHEDULE,
        pollMs: 20,
        timeoutMs: 2_000,
        outboundGuard: loopbackOutboundGuard(),
      }),
  );
  for (const w of workers) w.start();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await Promise.all(receivers.map((r) => r.close()));
  await api?.stop();
  await h?.close();
});

const subscribe = async (url: string, events: string[], payload?: 'thin' | 'full') => {
  const res = await api.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: bearer(api.adminKey),
    payload: { url, events, ...(payload ? { payload } : {}) },
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; secret: string };
};
const deliveries = async (id: string) =>
  (
    await api.app.inject({
      method: 'GET',
      url: `/v1/webhooks/${id}/deliveries?limit=200`,
      headers: bearer(api.adminKey),
    })
  ).json().data as Array<{
    eventType: string;
    status: string;
    attempts: Array<{ attemptedAt: string; statusCode: number | null }>;
  }>;

it('delivers every subscribed event exactly once to a receiver that fails and recovers, signed', async () => {
  const flaky = await receiver(2);
  receivers.push(flaky);
  const sub = await subscribe(flaky.url, ['ticket.updated', 'message.created']);
  flaky.state.secret = sub.secret;

  const customer = await seedCustomer(h.pool, 'Hooked');
  const ticket = await seedTicket(h.pool, { customerId: customer });
  for (const status of ['pending', 'resolved', 'open']) {
    await api.app.inject({
      method: 'PATCH',
      url: `/v1/tickets/${ticket.id}`,
      headers: bearer(api.adminKey),
      payload: { status },
    });
  }
  await api.app.inject({
    method: 'POST',
    url: `/v1/tickets/${ticket.id}/notes`,
    headers: bearer(api.adminKey),
    payload: { text: 'n' },
  });

  const { rows } = await h.pool.query<{ id: string }>(
    `SELECT id FROM events WHERE type IN ('ticket.updated', 'message.created')`,
  );
  await waitFor(() => flaky.state.accepted.size === rows.length && rows.length === 4, { timeoutMs: 20_000 });
  expect([...flaky.state.accepted.values()].map((e) => e.id).sort()).toEqual(rows.map((r) => r.id).sort());
  expect(flaky.state.duplicates).toBe(0);
  expect(flaky.state.badSignatures).toBe(0);
  // The receiver has answered; the worker records the outcome right after.
  await waitFor(async () => (await deliveries(sub.id)).every((d) => d.status === 'delivered'));
  const listed = await deliveries(sub.id);
  expect(listed.reduce((n, d) => n + d.attempts.length, 0)).toBe(4 + 2);
});

it('retries on the schedule, then disables the subscription and says so in an event', async () => {
  const dead = await receiver(Number.POSITIVE_INFINITY);
  receivers.push(dead);
  const sub = await subscribe(dead.url, ['customer.updated']);
  dead.state.secret = sub.secret;
  const customer = await seedCustomer(h.pool, 'Gone');
  await api.app.inject({
    method: 'POST',
    url: `/v1/customers/${customer}/identities`,
    headers: bearer(api.adminKey),
    payload: { kind: 'vk', value: 'gone-1' },
  });

  await waitFor(
    async () =>
      (
        await h.pool.query(
          `SELECT 1 FROM events WHERE type = 'webhook.disabled' AND data->>'subscriptionId' = $1`,
          [sub.id],
        )
      ).rowCount === 1,
    { timeoutMs: 20_000 },
  );
  const [delivery] = await deliveries(sub.id);
  expect(delivery?.status).toBe('failed');
  const times = (delivery?.attempts ?? []).map((a) => Date.parse(a.attemptedAt));
  expect(times).toHaveLength(SCHEDULE.length + 1);
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
  expect(gaps.map((gap, i) => gap >= (SCHEDULE[i] as number) - 5)).toEqual(SCHEDULE.map(() => true));
  const list = (
    await api.app.inject({ method: 'GET', url: '/v1/webhooks', headers: bearer(api.adminKey) })
  ).json().data as Array<{
    id: string;
    disabledAt: string | null;
  }>;
  expect(list.find((s) => s.id === sub.id)?.disabledAt).not.toBeNull();
});

it('delivers thin events (ids) or full ones (the resource as the API answers it), with Standard Webhooks’ timestamp', async () => {
  const thin = await receiver(0);
  const full = await receiver(0);
  receivers.push(thin, full);
  const thinSub = await subscribe(thin.url, ['ticket.updated', 'message.created']);
  const fullSub = await subscribe(full.url, ['ticket.updated', 'message.created'], 'full');
  thin.state.secret = thinSub.secret;
  full.state.secret = fullSub.secret;
  expect((thinSub as { payload?: string }).payload).toBe('thin');
  expect((fullSub as { payload?: string }).payload).toBe('full');

  const customer = await seedCustomer(h.pool, 'Full');
  const ticket = await seedTicket(h.pool, { customerId: customer });
  const patched = await api.app.inject({
    method: 'PATCH',
    url: `/v1/tickets/${ticket.id}`,
    headers: bearer(api.adminKey),
    payload: { status: 'pending', tags: ['full'] },
  });
  // A full event carries its resource as read when the event is dispatched: wait for that
  // before changing the ticket again, so the ticket sent is the one the PATCH answered.
  await waitFor(() => thin.state.accepted.size === 1 && full.state.accepted.size === 1, {
    timeoutMs: 20_000,
  });
  const note = await api.app.inject({
    method: 'POST',
    url: `/v1/tickets/${ticket.id}/notes`,
    headers: bearer(api.adminKey),
    payload: { text: 'for the full subscriber' },
  });
  await waitFor(() => thin.state.accepted.size === 2 && full.state.accepted.size === 2, {
    timeoutMs: 20_000,
  });

  const byType = (r: typeof thin) =>
    Object.fromEntries([...r.state.accepted.values()].map((e) => [e.type, e]));
  const thinEvents = byType(thin);
  const fullEvents = byType(full);
  for (const event of [...Object.values(thinEvents), ...Object.values(fullEvents)]) {
    expect(WebhookEvent.safeParse(event).error).toBeUndefined();
    expect(event.timestamp).toBe(event.occurredAt);
  }
  const thinUpdate = thinEvents['ticket.updated'] as unknown as { data: Record<string, unknown> };
  expect(thinUpdate.data).toEqual({ ticketId: ticket.id, changes: { status: 'pending', tags: ['full'] } });
  expect(thinEvents['message.created']?.data).not.toHaveProperty('message');
  // The same events, with the ticket and the note exactly as the API answered them.
  expect((fullEvents['ticket.updated'] as unknown as { data: unknown }).data).toEqual({
    ...thinUpdate.data,
    ticket: patched.json(),
  });
  expect((fullEvents['message.created'] as unknown as { data: { message: unknown } }).data.message).toEqual(
    note.json(),
  );
});
