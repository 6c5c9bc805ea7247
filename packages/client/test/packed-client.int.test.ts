import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InProcessBus } from '@omni/bus';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { type ApiFixture, bearer, startApi } from '@omni/tickets/test/support/api-fixture';
import { seedCustomer, seedMessage, seedTicket } from '@omni/tickets/test/support/seed';

/*
 * The client as an integrator gets it: `pnpm pack`, the tarball installed with npm into a
 * fresh project outside the repository (no workspace, no @types/node), type-checked
 * strictly (library files included) and run — as an ES module and as CommonJS — against
 * a live API: list open tickets, read messages, reply, add a note, verify a webhook.
 */

const run = promisify(execFile);
const CLIENT = join(__dirname, '..');

const ESM_SCRIPT = `import {
  createOmniClient,
  verifyWebhook,
  WebhookSignatureError,
  type Message,
  type ProblemType,
  type Ticket,
  type WebhookEvent,
} from '@omni/client';

// No @types/node here: the little this script needs from Node, declared by hand.
declare const process: { env: Record<string, string | undefined> };

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(\`set \${name}\`);
  return value;
};
const omni = createOmniClient({ baseUrl: env('OMNI_URL'), apiKey: env('OMNI_API_KEY') });

const open: Ticket[] = [];
for (let cursor: string | undefined; ; ) {
  const { data, error } = await omni.GET('/v1/tickets', {
    params: { query: { status: 'open', limit: 1, ...(cursor ? { cursor } : {}) } },
  });
  if (error) throw new Error(error.type);
  open.push(...data.data);
  if (!data.nextCursor) break;
  cursor = data.nextCursor;
}
const oldest = open[open.length - 1] as Ticket;
const messages = await omni.GET('/v1/tickets/{id}/messages', { params: { path: { id: oldest.id } } });
const texts = (messages.data?.data ?? []).map((m: Message) => m.text);
const reply = await omni.POST('/v1/tickets/{id}/replies', {
  params: { path: { id: oldest.id } },
  body: { text: 'Your order ships today', author: 'packed client' },
});
const note = await omni.POST('/v1/tickets/{id}/notes', {
  params: { path: { id: oldest.id } },
  body: { text: 'answered from the packed client' },
});
const missing = await omni.GET('/v1/tickets/{id}', {
  params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
});
const problem: ProblemType | undefined = missing.error?.type;

const delivery = JSON.parse(env('DELIVERY')) as { secret: string; body: string; headers: Record<string, string> };
const event: WebhookEvent = verifyWebhook(delivery.secret, delivery.body, delivery.headers);
let tampered = 'accepted';
try {
  verifyWebhook(delivery.secret, delivery.body.replace('"data"', '"data" '), delivery.headers);
} catch (err) {
  tampered = err instanceof WebhookSignatureError ? err.code : 'other error';
}
console.log(
  JSON.stringify({
    open: open.map((t) => t.id),
    oldest: oldest.id,
    texts,
    reply: { status: reply.response.status, deliveryStatus: reply.data?.deliveryStatus, direction: reply.data?.direction },
    note: { status: note.response.status, direction: note.data?.direction },
    problem,
    event: { type: event.type, id: event.id, timestamp: event.timestamp },
    tampered,
  }),
);
`;

const CJS_SCRIPT = `import { createOmniClient, verifyWebhook } from '@omni/client';

declare const process: { env: Record<string, string | undefined> };

async function main(): Promise<void> {
  const omni = createOmniClient({ baseUrl: process.env.OMNI_URL ?? '', apiKey: process.env.OMNI_API_KEY ?? '' });
  const { data } = await omni.GET('/v1/tickets', { params: { query: { status: 'open' } } });
  const delivery = JSON.parse(process.env.DELIVERY ?? '{}') as { secret: string; body: string; headers: Record<string, string> };
  const event = verifyWebhook(delivery.secret, new TextEncoder().encode(delivery.body), delivery.headers);
  console.log(JSON.stringify({ open: data?.data.length, event: event.type }));
}
main();
`;

let h: Harness;
let api: ApiFixture;
let bus: InProcessBus;
let receiver: Server;
let project: string;
let delivery: { secret: string; body: string; headers: Record<string, string> };
const tickets: string[] = [];

async function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const { stdout } = await run(cmd, args, {
    cwd,
    env: { ...process.env, ...env, npm_config_fund: 'false', npm_config_audit: 'false' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

beforeAll(async () => {
  h = await startHarness('packed-client');
  bus = new InProcessBus(h.log);
  api = await startApi(h.pool, h.log, { bus, listen: true, webhooks: { pollMs: 50 } });

  // Two open tickets with a customer's message each; the older one is the one to answer.
  for (const [name, sender] of [
    ['Anna', '2001'],
    ['Boris', '2002'],
  ] as const) {
    const customer = await seedCustomer(h.pool, name, [{ kind: 'telegram', value: sender }]);
    const ticket = await seedTicket(h.pool, { customerId: customer, subject: `${name}'s order` });
    await seedMessage(h.pool, {
      ticketId: ticket.id,
      customerId: customer,
      text: `${name} asks`,
      senderId: sender,
    });
    tickets.push(ticket.id);
    await new Promise((r) => setTimeout(r, 5)); // distinct creation times: "oldest" is well defined
  }

  // A real delivery, captured as it arrived, for the scripts to verify.
  const received: Array<{ body: string; headers: Record<string, string> }> = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      received.push({ body, headers: req.headers as Record<string, string> });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const hook = await api.app.inject({
    method: 'POST',
    url: '/v1/webhooks',
    headers: bearer(api.adminKey),
    payload: {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      events: ['ticket.updated'],
      payload: 'full',
    },
  });
  await api.app.inject({
    method: 'PATCH',
    url: `/v1/tickets/${tickets[1]}`,
    headers: bearer(api.adminKey),
    payload: { tags: ['packed'] },
  });
  await waitFor(() => received.length > 0, { description: 'a webhook delivery' });
  const first = received[0] as { body: string; headers: Record<string, string> };
  delivery = { secret: hook.json().secret, ...first };

  // The package, packed and installed where no workspace can help it.
  project = mkdtempSync(join(tmpdir(), 'omni-client-consumer-'));
  const packs = join(project, 'packs');
  mkdirSync(packs);
  await sh('npx', ['--yes', 'pnpm@12.21.0', 'pack', '--pack-destination', packs], CLIENT);
  const tarball = readdirSync(packs).find((f) => f.endsWith('.tgz')) as string;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  await sh('npm', ['install', '--no-package-lock', '--ignore-scripts', join(packs, tarball)], project);
  writeFileSync(join(project, 'main.ts'), ESM_SCRIPT);
  writeFileSync(join(project, 'legacy.cts'), CJS_SCRIPT);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['ES2022', 'DOM'],
        types: [],
        strict: true,
        skipLibCheck: false,
        outDir: 'out',
      },
      files: ['main.ts', 'legacy.cts'],
    }),
  );
}, 240_000);

afterAll(async () => {
  if (project) rmSync(project, { recursive: true, force: true });
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
  await api?.stop();
  await bus?.close();
  await h?.close();
});

it('installs into a project outside the repository and type-checks there without @types/node', async () => {
  expect(project.startsWith(join(__dirname, '..', '..', '..'))).toBe(false);
  const tsc = require.resolve('typescript/bin/tsc');
  // Compiles (and so type-checks) both scripts, library declarations included.
  await expect(sh(process.execPath, [tsc, '-p', 'tsconfig.json'], project)).resolves.toBeDefined();
  const installed = readdirSync(join(project, 'node_modules'));
  expect(installed).not.toContain('@types');
});

it('runs as an ES module against the live API: lists, reads, replies, notes, verifies a webhook', async () => {
  const { port } = api.app.server.address() as AddressInfo;
  const out = await sh(process.execPath, ['out/main.js'], project, {
    OMNI_URL: `http://127.0.0.1:${port}`,
    OMNI_API_KEY: api.adminKey,
    DELIVERY: JSON.stringify(delivery),
  });
  const result = JSON.parse(out);
  expect(result.open.sort()).toEqual([...tickets].sort());
  expect(result.oldest).toBe(tickets[0]);
  expect(result.texts).toEqual(['Anna asks']);
  expect(result.reply).toEqual({ status: 202, deliveryStatus: 'queued', direction: 'outbound' });
  expect(result.note).toEqual({ status: 201, direction: 'note' });
  expect(result.problem).toBe('urn:omni:problem:not-found');
  expect(result.event.type).toBe('ticket.updated');
  expect(result.tampered).toBe('webhook-signature-invalid');
  const { rows } = await h.pool.query(
    `SELECT direction, text FROM messages WHERE ticket_id = $1 AND direction <> 'inbound' ORDER BY direction`,
    [tickets[0]],
  );
  expect(rows).toEqual([
    { direction: 'note', text: 'answered from the packed client' },
    { direction: 'outbound', text: 'Your order ships today' },
  ]);
});

it('runs as CommonJS (require) too', async () => {
  const { port } = api.app.server.address() as AddressInfo;
  const out = await sh(process.execPath, ['out/legacy.cjs'], project, {
    OMNI_URL: `http://127.0.0.1:${port}`,
    OMNI_API_KEY: api.adminKey,
    DELIVERY: JSON.stringify(delivery),
  });
  expect(JSON.parse(out)).toEqual({ open: 2, event: 'ticket.updated' });
});
