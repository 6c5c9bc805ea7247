import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApiKey } from '@omni/service-kit';
import { waitFor } from '@omni/testkit';
import fc from 'fast-check';
import { RESULTS_DIR } from '../../bench/src/bench-kit';
import { storedTokens } from '../../bench/src/e2e/check';
import {
  buildRequest,
  type PlannedRequest,
  resign as resignFor,
  tokenOf,
} from '../../bench/src/e2e/messages';
import { type Channel, System } from '../../bench/src/e2e/system';

/**
 * Hostile input against the whole system in distributed mode: fast-check generated,
 * mutated and oversized bodies (deep nesting, huge strings, invalid UTF-8, wrong content
 * types, MIME bombs) on every inbound route and every `/v1` route of the OpenAPI document;
 * signature and key bypass attempts; a ticket token of another customer in an email
 * subject. Expected: no 5xx, no process exit, bounded response time and memory, nothing
 * stored that was refused, and no secret in any service log.
 */
const logDir = join(RESULTS_DIR, `hostile-logs-${randomBytes(3).toString('hex')}`);
const RUNS = Number(process.env.HOSTILE_RUNS ?? 25);
/** A response slower than this under a single client is a hang, not load. */
const MAX_RESPONSE_MS = 10_000;
let system: System;
const slowest = { ms: 0, what: '' };
const fiveHundreds: string[] = [];

beforeAll(async () => {
  system = await System.start({ servers: 'own', partitions: 1, logLevel: 'info', automation: false, logDir });
}, 300_000);

afterAll(async () => {
  await system?.stop();
}, 120_000);

async function hit(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; text: string }> {
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(MAX_RESPONSE_MS + 5_000),
    });
  } catch (err) {
    // A server may answer 413 and close before reading an oversized body: the client sees EPIPE.
    const code = ((err as Error).cause as NodeJS.ErrnoException | undefined)?.code;
    if ((init.body?.length ?? 0) > 1024 * 1024 && (code === 'EPIPE' || code === 'ECONNRESET'))
      return { status: 413, text: 'closed before the oversized body was read' };
    throw err;
  }
  const text = await res.text();
  const ms = performance.now() - started;
  if (ms > slowest.ms) Object.assign(slowest, { ms, what: `${init.method ?? 'POST'} ${url}` });
  if (res.status >= 500)
    fiveHundreds.push(`${res.status} ${init.method ?? 'POST'} ${url}: ${text.slice(0, 200)}`);
  return { status: res.status, text };
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'multipart/form-data',
  'message/rfc822',
  'application/octet-stream',
  'image/png',
];

/** Bodies no platform sends: random JSON, bytes (invalid UTF-8), deep nesting, huge strings. */
const hostileBody = fc.oneof(
  fc.json({ maxDepth: 4 }).map((j) => Buffer.from(j)),
  fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 500 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => Buffer.from(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
  fc.constantFrom(1, 3, 12).map((mb) => Buffer.from(JSON.stringify({ text: 'x'.repeat(mb * 1024 * 1024) }))),
  fc.constant(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d])),
);

/** A valid request with one field replaced at random, signed again so it reaches the parser. */
function mutate(req: PlannedRequest, path: string[], value: unknown): PlannedRequest {
  let body: Buffer = req.body;
  if (req.headers['content-type'] === 'application/json') {
    const json = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    let at: Record<string, unknown> = json;
    for (const key of path.slice(0, -1)) {
      const next = at[key];
      if (next === null || typeof next !== 'object') break;
      at = next as Record<string, unknown>;
    }
    at[path[path.length - 1] as string] = value;
    body = Buffer.from(JSON.stringify(json));
  }
  return resign({ ...req, body });
}

function resign(req: PlannedRequest): PlannedRequest {
  return resignFor(system.targets, req);
}

const INBOUND: Channel[] = ['telegram', 'viber', 'facebook', 'vk', 'webform', 'email'];
const FIELD_PATHS: Record<Channel, string[][]> = {
  telegram: [['update_id'], ['message'], ['message', 'text'], ['message', 'chat'], ['message', 'from', 'id']],
  viber: [['event'], ['message'], ['message', 'text'], ['message', 'type'], ['sender'], ['timestamp']],
  facebook: [['entry'], ['object'], ['entry', '0', 'messaging'], ['entry', '0', 'id']],
  vk: [['type'], ['object'], ['object', 'message', 'text'], ['object', 'message', 'from_id'], ['group_id']],
  webform: [['email'], ['message'], ['name'], ['submissionId'], ['topic']],
  email: [],
};

describe('hostile input on every inbound route', () => {
  let seq = 0;
  const runId = randomBytes(3).toString('hex');
  const valid = (channel: Channel) =>
    buildRequest(system.targets, channel, runId, seq++, seq % 7, { attachment: false });

  it.each(INBOUND)(
    '%s: random and oversized bodies with any content type are never a 5xx',
    async (channel) => {
      await fc.assert(
        fc.asyncProperty(hostileBody, fc.constantFrom(...CONTENT_TYPES), async (body, contentType) => {
          // Authenticated as the platform would be, so the body reaches the parser.
          const req = resign({ ...valid(channel), body });
          const res = await hit(req.url, { headers: { ...req.headers, 'content-type': contentType }, body });
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each(INBOUND.filter((c) => c !== 'email'))(
    '%s: valid payloads with a mutated field are never a 5xx',
    async (channel) => {
      const values = fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.string({ maxLength: 100_000 }),
        fc.constantFrom(null, -1, 0, 2 ** 63, '\u0000', '\ud800', [], {}, '💥'.repeat(10_000)),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...FIELD_PATHS[channel]), values, async (path, value) => {
          const req = mutate(valid(channel), path, value);
          const res = await hit(req.url, { headers: req.headers, body: req.body });
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
    },
  );

  it('email: MIME bombs, deep multiparts and zip-bomb-like attachments are bounded', async () => {
    const head = (id: string) =>
      [
        `From: a@customer.example.com`,
        'To: support@example.com',
        `Message-ID: <${id}@x>`,
        'Subject: bomb',
      ].join('\r\n');
    const nested = (depth: number) => {
      let body = 'Content-Type: text/plain\r\n\r\ninner';
      for (let i = 0; i < depth; i++)
        body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
      return body;
    };
    const manyParts = (n: number) =>
      `Content-Type: multipart/mixed; boundary="p"\r\n\r\n${Array.from(
        { length: n },
        (_, i) =>
          `--p\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${i}.bin"\r\n\r\nAAAA`,
      ).join('\r\n')}\r\n--p--`;
    // 10 MB of zeros as a "zip" compresses to almost nothing on the wire: base64 still inflates it 4/3.
    const zipBomb = `Content-Type: multipart/mixed; boundary="z"\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n--z\r\nContent-Type: application/zip\r\nContent-Disposition: attachment; filename="bomb.zip"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.alloc(12 * 1024 * 1024).toString('base64')}\r\n--z--`;
    const headerFlood = `${Array.from({ length: 20_000 }, (_, i) => `X-H${i}: ${'v'.repeat(50)}`).join('\r\n')}\r\nContent-Type: text/plain\r\n\r\nbody`;
    const cases = [
      nested(500),
      nested(5_000),
      manyParts(20_000),
      zipBomb,
      headerFlood,
      'Content-Type: text/plain; charset=x-unknown-666\r\n\r\n\xff\xfe\xfd',
    ];
    for (const [i, rest] of cases.entries()) {
      const res = await hit(system.targets.email.url, {
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${system.apiKey}` },
        body: Buffer.from(`${head(`bomb-${runId}-${i}`)}\r\n${rest}`, 'latin1'),
      });
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('signature and key bypass attempts', () => {
  const runId = randomBytes(3).toString('hex');
  let seq = 0;
  const valid = (channel: Channel) =>
    buildRequest(system.targets, channel, runId, seq++, 1, { attachment: false });
  const refusedTokens: string[] = [];

  const refused = async (req: PlannedRequest, headers: Record<string, string>, body = req.body) => {
    const res = await hit(req.url, { headers, body });
    refusedTokens.push(req.token);
    return res.status;
  };

  it('Telegram: a missing or wrong secret token is 401', async () => {
    const req = valid('telegram');
    const { 'x-telegram-bot-api-secret-token': _, ...without } = req.headers;
    expect(await refused(req, without)).toBe(401);
    expect(await refused(req, { ...without, 'x-telegram-bot-api-secret-token': 'guess' })).toBe(401);
    expect(
      await refused(req, {
        ...without,
        'x-telegram-bot-api-secret-token': `${req.headers['x-telegram-bot-api-secret-token']}x`,
      }),
    ).toBe(401);
  });

  it('Viber and Messenger: missing, wrong, truncated or other-body signatures are refused', async () => {
    for (const channel of ['viber', 'facebook'] as const) {
      const req = valid(channel);
      const header = channel === 'viber' ? 'x-viber-content-signature' : 'x-hub-signature-256';
      const good = req.headers[header] as string;
      const other = valid(channel);
      const attempts: Record<string, string>[] = [
        {},
        { [header]: '' },
        { [header]: good.slice(0, -2) },
        { [header]: good.replace(/[0-9a-f]$/, (c) => (c === '0' ? '1' : '0')) },
        { [header]: other.headers[header] as string },
        { [header]: `sha1=${good.replace(/^sha256=/, '')}` },
        // (Upper-case hex is the same signature, rightly accepted: not an attempt.)
      ];
      for (const extra of attempts) {
        const status = await refused(req, { 'content-type': 'application/json', ...extra });
        expect([400, 401, 403]).toContain(status);
      }
    }
  });

  it('VK: a wrong or missing secret stores nothing', async () => {
    const req = valid('vk');
    const json = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
    for (const secret of [undefined, 'wrong', '']) {
      const status = await refused(req, req.headers, Buffer.from(JSON.stringify({ ...json, secret })));
      expect(status).toBeLessThan(500);
    }
  });

  it('email MIME route: no key 401, a key without the admin scope 403', async () => {
    const req = valid('email');
    expect(await refused(req, { 'content-type': 'message/rfc822' })).toBe(401);
    expect(await refused(req, { 'content-type': 'message/rfc822', authorization: 'Bearer omni_nope' })).toBe(
      401,
    );
    const { key } = await createApiKey(system.pool, 'hostile-read', ['tickets:read']);
    system.secrets.push(key);
    expect(await refused(req, { 'content-type': 'message/rfc822', authorization: `Bearer ${key}` })).toBe(
      403,
    );
  });

  it('a replayed signed request is accepted again but stored once', async () => {
    const req = valid('facebook');
    for (let i = 0; i < 3; i++)
      expect((await hit(req.url, { headers: req.headers, body: req.body })).status).toBe(200);
    await waitFor(async () => (await storedTokens(system.pool, runId)).get(req.token) === 1, {
      timeoutMs: 60_000,
      description: 'the replayed message stored',
    });
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await storedTokens(system.pool, runId)).get(req.token)).toBe(1);
  });

  it('nothing refused was stored', async () => {
    const stored = await storedTokens(system.pool, runId);
    expect(refusedTokens.filter((t) => stored.has(t))).toEqual([]);
  });

  it("another customer's ticket token in an email subject does not join that ticket", async () => {
    const email = (from: string, seqNo: number, subject: string) => {
      const token = tokenOf(runId, 10_000 + seqNo);
      const raw = [
        `From: <${from}>`,
        'To: support@example.com',
        `Subject: ${subject}`,
        `Message-ID: <${token}@customer.example.com>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        `${token} hello`,
      ].join('\r\n');
      return { token, raw };
    };
    const victim = email('victim@customer.example.com', 1, 'My order');
    const post = (raw: string) =>
      hit(system.targets.email.url, {
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${system.apiKey}` },
        body: raw,
      });
    expect((await post(victim.raw)).status).toBe(202);
    const ticketOf = async (token: string) =>
      (
        await system.pool.query<{ ticket_id: string; number: string; customer_id: string }>(
          `SELECT m.ticket_id, t.number, m.customer_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.text LIKE $1`,
          [`%${token}%`],
        )
      ).rows[0];
    const victimTicket = await waitFor(() => ticketOf(victim.token), {
      timeoutMs: 60_000,
      description: 'victim ticket',
    });
    const attacker = email('attacker@evil.example.com', 2, `Re: My order [#${victimTicket.number}]`);
    expect((await post(attacker.raw)).status).toBe(202);
    const attackerTicket = await waitFor(() => ticketOf(attacker.token), {
      timeoutMs: 60_000,
      description: 'attacker message stored',
    });
    expect(attackerTicket.customer_id).not.toBe(victimTicket.customer_id);
    expect(attackerTicket.ticket_id).not.toBe(victimTicket.ticket_id);
  });
});

describe('hostile input on every /v1 route', () => {
  it('random path parameters, queries and bodies on every route of the OpenAPI document are never a 5xx', async () => {
    const api = system.url('tickets');
    const doc = (await (await fetch(`${api}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((m) => ({ path, method: m.toUpperCase() })),
    );
    expect(routes.length).toBeGreaterThan(5);
    const param = fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 300 }),
      fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%ff%fe', "1' OR '1'='1", '-1', '9'.repeat(40)),
    );
    const query = fc.dictionary(
      fc.constantFrom('limit', 'cursor', 'status', 'q', 'channel', 'since', 'customerId', 'sort', 'x'),
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('-1', '1e309', 'NaN', '%', '\u0000', '9'.repeat(30)),
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        param,
        query,
        hostileBody,
        fc.constantFrom(...CONTENT_TYPES),
        fc.constantFrom('admin', 'none', 'garbage'),
        // `GET /v1/typing` is a long poll: valid, it answers after `wait` seconds (default 25,
        // beyond this test's response budget), so it gets hostile waits that answer at once.
        fc.constantFrom('0', '1', '-1', '31', 'NaN', '1e309', '\u0000', ''),
        async (route, p, q, body, contentType, auth, longPollWait) => {
          const path = route.path.replace(/\{[^}]+\}|:[A-Za-z]+/g, () => encodeURIComponent(p));
          const qs = new URLSearchParams(
            route.path === '/v1/typing' ? { ...q, wait: longPollWait } : q,
          ).toString();
          const headers: Record<string, string> = { 'content-type': contentType };
          if (auth === 'admin') headers.authorization = `Bearer ${system.apiKey}`;
          if (auth === 'garbage')
            headers.authorization = `Bearer ${'\u00ff'.repeat(3)}${p}`.replace(/[^\x20-\xff]/g, '');
          const res = await hit(`${api}${path}${qs ? `?${qs}` : ''}`, {
            method: route.method,
            headers,
            body: route.method === 'GET' || route.method === 'DELETE' ? undefined : body,
          });
          if (auth !== 'admin') expect([400, 401, 403, 404, 405, 413, 415]).toContain(res.status);
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS * 8 },
    );
  });

  it('a key without the scope cannot reply, manage webhooks or create keys', async () => {
    const { key } = await createApiKey(system.pool, 'hostile-read-only', ['tickets:read']);
    system.secrets.push(key);
    const api = system.url('tickets');
    const asReader = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const ticket = (await system.pool.query<{ id: string }>('SELECT id FROM tickets LIMIT 1')).rows[0];
    expect((await hit(`${api}/v1/tickets`, { method: 'GET', headers: asReader })).status).toBe(200);
    if (ticket) {
      const reply = await hit(`${api}/v1/tickets/${ticket.id}/replies`, {
        headers: asReader,
        body: JSON.stringify({ text: 'hi', author: 'x' }),
      });
      expect(reply.status).toBe(403);
    }
    const hook = await hit(`${api}/v1/webhooks`, {
      headers: asReader,
      body: JSON.stringify({ url: 'http://127.0.0.1:1/x', events: ['ticket.created'] }),
    });
    expect(hook.status).toBe(403);
  });
});

describe('after all of it', () => {
  it('no 5xx, no process exit, bounded response time and memory', async () => {
    expect(fiveHundreds).toEqual([]);
    expect(slowest.ms).toBeLessThan(MAX_RESPONSE_MS);
    const exits = [...system.services].filter(([, s]) => s.exits.length > 0).map(([n, s]) => [n, s.exits]);
    expect(exits).toEqual([]);
    for (const [name, s] of system.services) expect([name, s.peakRssKb < 1024 * 1024]).toEqual([name, true]);
  });

  it('no secret appears in any service log', async () => {
    const files = (await readdir(logDir)).filter((f) => f.endsWith('.log'));
    expect(files.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const f of files) {
      const text = await readFile(join(logDir, f), 'utf8');
      for (const secret of system.secrets)
        if (secret && text.includes(secret)) leaks.push(`${f}: ${secret.slice(0, 6)}…`);
    }
    expect(leaks).toEqual([]);
  });
});
