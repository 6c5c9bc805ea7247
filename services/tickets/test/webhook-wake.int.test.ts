import { createServer, type Server } from 'node:http';
import type { Pool } from '@omni/db';
import { freePort, type Harness, loopbackOutboundGuard, startHarness, waitFor } from '@omni/testkit';
import { WebhookWorker } from '../src/webhooks/webhook.worker';
import { type ApiFixture, bearer, startApi } from './support/api-fixture';
import { seedCustomer, seedTicket } from './support/seed';

// The webhook worker is woken by the commit that records an event (migration 21's
// notification), not by its poll: with the fallback poll a minute long, a ticket change made
// while the worker waits still reaches the receiver.
let h: Harness;
let api: ApiFixture;
let worker: WebhookWorker;
let server: Server;
const received: Array<{ type: string; data: { changes?: { status?: string } } }> = [];
/** Rounds that found no delivery to send: the worker is idle, waiting, after each. */
let emptySends = 0;
/** `emptySends` when each webhook arrived. */
const emptySendsAtArrival: number[] = [];

/** The pool as the worker uses it, counting the send queries that claimed nothing. */
function countingEmptySends(pool: Pool): Pool {
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'query')
        return async (...args: Parameters<Pool['query']>) => {
          const result = await (target.query as (...a: unknown[]) => Promise<{ rowCount: number | null }>)(
            ...args,
          );
          // A statement is sent as its text or as a query config (a named statement).
          const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text;
          if (text?.includes('locked_until = now()') && result.rowCount === 0) emptySends++;
          return result;
        };
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

beforeAll(async () => {
  h = await startHarness('tickets-webhook-wake');
  api = await startApi(h.pool, h.log);
  const port = await freePort();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push(JSON.parse(body));
      emptySendsAtArrival.push(emptySends);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const sub = await api.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: bearer(api.adminKey),
    payload: { url: `http://127.0.0.1:${port}/hooks`, events: ['ticket.updated'] },
  });
  expect(sub.statusCode).toBe(201);
  worker = new WebhookWorker({
    pool: countingEmptySends(h.pool),
    log: h.log,
    pollMs: 60_000,
    outboundGuard: loopbackOutboundGuard(),
  });
});
afterAll(async () => {
  await worker?.stop();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await api?.stop();
  await h?.close();
});

const setStatus = (ticketId: string, status: string) =>
  api.app.inject({
    method: 'PATCH',
    url: `/v1/tickets/${ticketId}`,
    headers: bearer(api.adminKey),
    payload: { status },
  });

it('delivers a ticket change made while the worker waits out a one-minute poll', async () => {
  const customer = await seedCustomer(h.pool, 'Woken');
  const ticket = await seedTicket(h.pool, { customerId: customer });
  // Made before the worker starts: its first round sends it.
  expect((await setStatus(ticket.id, 'pending')).statusCode).toBe(200);
  worker.start();
  await waitFor(async () => received.length === 1, { timeoutMs: 20_000, description: 'the first change' });
  // Counted from the delivery's arrival, not from when this test saw it: under load the
  // worker's empty round can come before the test's next probe, and none follows it.
  const before = emptySendsAtArrival[0] ?? 0;
  await waitFor(async () => emptySends > before, {
    timeoutMs: 20_000,
    description: 'a round after it that found nothing',
  });

  // The worker now waits for its next poll, a minute away; only the commit's notification wakes it.
  expect((await setStatus(ticket.id, 'resolved')).statusCode).toBe(200);
  await waitFor(async () => received.length === 2, {
    timeoutMs: 20_000,
    description: 'the second change delivered before the poll',
  });
  expect(received.map((e) => [e.type, e.data.changes?.status])).toEqual([
    ['ticket.updated', 'pending'],
    ['ticket.updated', 'resolved'],
  ]);
});
