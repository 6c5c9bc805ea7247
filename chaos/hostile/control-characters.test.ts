import { randomBytes, randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@omni/testkit';
import { RESULTS_DIR } from '../../bench/src/bench-kit';
import { storedTokens } from '../../bench/src/e2e/check';
import { buildRequest, type PlannedRequest, resign as resignFor } from '../../bench/src/e2e/messages';
import { CHANNELS, System } from '../../bench/src/e2e/system';

/**
 * NUL and the other control characters in every field an outsider controls (issue 17): every
 * `/v1` operation of the OpenAPI document gets them in each path parameter, query parameter,
 * header and JSON body string; every channel route in each string field of a valid platform
 * payload (signed again), in its path and in a header. Expected: never a 5xx; on our API, NUL
 * or a lone surrogate is a 400 naming the field; on a channel, whatever was answered 2xx is
 * stored (the text repaired), nothing lost. The counts per route class are printed for the
 * issue's note.
 */
const HOSTILE = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f',
  '\u0007\u001b[31m',
  '\u007f',
  '\ud800',
  'x\udc00',
  '\u202e\u200f',
  '\ufeff',
  '\t\r\n',
];
/**
 * What the API must refuse with a 400 naming the field: NUL anywhere; a lone surrogate in a JSON
 * body (in a URL it is bytes that are not UTF-8, refused or decoded before our check sees them).
 */
const MUST_REFUSE = (s: string, cls: string) =>
  s.includes('\u0000') || (cls === 'v1 body' && /[\ud800-\udfff]/.test(s));

let system: System;
const runId = randomBytes(3).toString('hex');
let seq = 0;

type Counts = { sent: number; ok2xx: number; c4xx: number; c5xx: number; stored: number; lost: number };
const counts = new Map<string, Counts>();
const fiveHundreds: string[] = [];
function count(cls: string, status: number, what: string): void {
  const c = counts.get(cls) ?? { sent: 0, ok2xx: 0, c4xx: 0, c5xx: 0, stored: 0, lost: 0 };
  c.sent++;
  if (status < 300) c.ok2xx++;
  else if (status < 500) c.c4xx++;
  else {
    c.c5xx++;
    fiveHundreds.push(`${status} ${what}`);
  }
  counts.set(cls, c);
}

beforeAll(async () => {
  system = await System.start({
    servers: 'own',
    partitions: 1,
    logLevel: 'warn',
    automation: false,
    logDir: join(RESULTS_DIR, `hostile-control-logs-${runId}`),
  });
}, 300_000);

afterAll(async () => {
  // biome-ignore lint/suspicious/noConsole: the counts go into the issue's note
  console.log(
    `hostile control characters (run ${runId}):\n${JSON.stringify(Object.fromEntries(counts), null, 1)}`,
  );
  await system?.stop();
}, 120_000);

/** One request over a raw socket: header values fetch itself refuses to send (NUL). */
function rawRequest(url: string, method: string, headers: Record<string, string>): Promise<number> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(u.port), u.hostname, () =>
      socket.write(
        `${method} ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nConnection: close\r\n${Object.entries(
          headers,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join('\r\n')}\r\n\r\n`,
        'latin1',
      ),
    );
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.on('close', () => resolve(Number(answer.split(' ')[1])));
    socket.on('error', reject);
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no answer from ${method} ${url}`)));
  });
}

/** Every `"key": "string"` of a JSON text, with the string's end offset (numbers stay byte for byte). */
function stringFields(json: string): Array<{ key: string; end: number }> {
  const out: Array<{ key: string; end: number }> = [];
  for (const m of json.matchAll(/"((?:[^"\\]|\\.)*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g))
    out.push({ key: m[1] as string, end: (m.index ?? 0) + m[0].length - 1 });
  return out;
}
const withText = (json: string, end: number, text: string) =>
  `${json.slice(0, end)}${JSON.stringify(text).slice(1, -1)}${json.slice(end)}`;

function resign(req: PlannedRequest): PlannedRequest {
  return resignFor(system.targets, req);
}

/** Fields that choose what an event is (changing them makes it another, or no, event), and secrets. */
const NOT_CONTENT = new Set(['type', 'event', 'object', 'field', 'secret', 'content-type']);

describe('control characters in every field of every channel route', () => {
  const accepted: Array<{ token: string; what: string }> = [];

  it.each([...CHANNELS])(
    '%s: body fields, path and headers — no 5xx, what was accepted is stored',
    async (channel) => {
      const fresh = () => buildRequest(system.targets, channel, runId, seq++, seq % 5, { attachment: false });
      const send = async (cls: string, req: PlannedRequest, what: string) => {
        const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
        await res.arrayBuffer();
        count(cls, res.status, `${channel} ${what}`);
        if (res.status < 300) accepted.push({ token: req.token, what: `${channel} ${what}` });
        return res.status;
      };
      let h = 0;
      const next = () => HOSTILE[h++ % HOSTILE.length] as string;
      if (channel === 'email') {
        // Headers and body of a raw mail: every part but the addresses carries controls.
        for (const part of ['Subject', 'From-name', 'Message-ID', 'body'] as const)
          for (let i = 0; i < 3; i++) {
            const req = fresh();
            const ctl = next();
            let raw = req.body.toString('utf8');
            if (part === 'Subject')
              raw = raw.replace(/^Subject: (.*)$/m, (_l, s) => `Subject: ${s}${ctl.replace(/[\r\n]/g, '')}`);
            if (part === 'From-name')
              raw = raw.replace(/^From: Customer/m, `From: Customer${ctl.replace(/[\r\n]/g, '')}`);
            if (part === 'Message-ID')
              raw = raw.replace(
                /^Message-ID: <([^@>]*)@/m,
                (_l, id) => `Message-ID: <${id}${ctl.replace(/[\r\n\s]/g, '')}@`,
              );
            if (part === 'body') raw = raw.replace(/(tok-\S+ [^\r\n]*)/, `$1 ${ctl}`);
            await send(
              'channel body',
              { ...req, body: Buffer.from(raw, 'utf8') },
              `${part} ${JSON.stringify(ctl)}`,
            );
          }
      } else {
        const sample = fresh();
        const fields = stringFields(sample.body.toString('utf8')).filter((f) => !NOT_CONTENT.has(f.key));
        expect(fields.length).toBeGreaterThan(0);
        for (const [i] of fields.entries())
          for (let k = 0; k < 2; k++) {
            const req = fresh();
            const json = req.body.toString('utf8');
            // The same field of this request (the payloads of one channel share their shape).
            const field = stringFields(json).filter((f) => !NOT_CONTENT.has(f.key))[i];
            if (!field) continue;
            const ctl = next();
            await send(
              'channel body',
              resign({ ...req, body: Buffer.from(withText(json, field.end, ctl)) }),
              `${field.key} ${JSON.stringify(ctl)}`,
            );
          }
      }
      // The path: the account name with controls (never an account): 4xx.
      for (const ctl of ['%00', '%01', '%1B', '%7F', '%ED%A0%80']) {
        const req = fresh();
        const url = req.url.replace(
          /\/channels\/([a-z]+)\/([^/]+)\//,
          (_m, ch, acc) => `/channels/${ch}/${acc}${ctl}/`,
        );
        const res = await fetch(url, { method: 'POST', headers: req.headers, body: req.body });
        await res.arrayBuffer();
        count('channel path', res.status, `${channel} path ${ctl}`);
        expect(res.status).toBeGreaterThanOrEqual(400);
      }
      // A header with NUL (sent raw: fetch refuses it) and one with other controls.
      const req = fresh();
      const rawStatus = await rawRequest(req.url, 'POST', {
        'content-type': 'application/json',
        'x-hostile': 'a\u0000b',
      });
      count('channel header', rawStatus, `${channel} header NUL`);
      expect(rawStatus).toBe(400);
      const ctlStatus = await rawRequest(req.url, 'POST', {
        'content-type': 'application/json',
        'x-hostile': 'a\u0001\u001fb',
      });
      count('channel header', ctlStatus, `${channel} header C0`);
      expect(ctlStatus).toBeLessThan(500);
    },
  );

  it('stored every message answered 2xx (text repaired), none lost', async () => {
    expect(accepted.length).toBeGreaterThan(10);
    let stored = new Map<string, number>();
    await waitFor(
      async () => {
        stored = await storedTokens(system.pool, runId);
        return accepted.every((a) => stored.has(a.token));
      },
      { timeoutMs: 120_000, description: 'every accepted message stored' },
    ).catch(() => undefined);
    const lost = accepted.filter((a) => !stored.has(a.token)).map((a) => a.what);
    const c = counts.get('channel body');
    if (c) Object.assign(c, { stored: accepted.length - lost.length, lost: lost.length });
    expect(lost).toEqual([]);
  });
});

describe('control characters in every field of every /v1 operation', () => {
  it('never a 5xx; NUL or a lone surrogate is a 400 naming the field', async () => {
    const api = system.url('tickets');
    const doc = (await (await fetch(`${api}/openapi.json`)).json()) as OpenApiDoc;
    const ids = await knownIds();
    const auth = { authorization: `Bearer ${system.apiKey}` };
    let h = 0;
    const next = () => HOSTILE[h++ % HOSTILE.length] as string;
    const check = async (cls: string, what: string, hostile: string, status: number, body: string) => {
      count(cls, status, what);
      expect({ what, status: status < 500 }).toEqual({ what, status: true });
      if (MUST_REFUSE(hostile, cls)) {
        expect({ what, status }).toEqual({ what, status: 400 });
        expect(body).toContain('urn:omni:problem:validation-failed');
      }
    };
    for (const [template, methods] of Object.entries(doc.paths))
      for (const [method, entry] of Object.entries(methods)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        const op = entry as OpenApiOperation;
        const params = [...(op.parameters ?? [])];
        const pathOf = (override?: [string, string]) =>
          template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
            override?.[0] === name
              ? encode(override[1])
              : (ids[template.split('/')[2] ?? ''] ?? randomUUID()),
          );
        const example = bodyExample(doc, op);
        const call = async (path: string, headers: Record<string, string> = {}, body?: string) => {
          const res = await fetch(`${api}${path}`, {
            method: method.toUpperCase(),
            headers: {
              ...auth,
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
              ...headers,
            },
            body,
          });
          return { status: res.status, text: await res.text() };
        };
        const exampleBody = example === undefined ? undefined : JSON.stringify(example);
        for (const p of params) {
          const hostile = next();
          const what = `${method.toUpperCase()} ${template} ${p.in}.${p.name} ${JSON.stringify(hostile)}`;
          if (p.in === 'path') {
            const r = await call(pathOf([p.name, hostile]), {}, exampleBody);
            await check('v1 path', what, hostile, r.status, r.text);
          } else if (p.in === 'query') {
            const r = await call(`${pathOf()}?${p.name}=${encode(hostile)}`, {}, exampleBody);
            await check('v1 query', what, hostile, r.status, r.text);
          } else if (p.in === 'header') {
            const status = await rawRequest(`${api}${pathOf()}`, method.toUpperCase(), {
              ...auth,
              [p.name]: `k${hostile.replace(/[\r\n]/g, '')}`,
            });
            count('v1 header', status, what);
            expect({ what, status: status < 500 }).toEqual({ what, status: true });
          }
        }
        // Every route also gets NUL in a header of no meaning (refused by the HTTP parser, as problem+json).
        const nul = await rawRequest(`${api}${pathOf()}`, method.toUpperCase(), {
          ...auth,
          'x-hostile': 'a\u0000b',
        });
        count('v1 header', nul, `${method} ${template} header NUL`);
        expect(nul).toBe(400);
        if (exampleBody === undefined) continue;
        const fields = stringFields(exampleBody);
        for (const f of fields) {
          const hostile = next();
          const what = `${method.toUpperCase()} ${template} body.${f.key} ${JSON.stringify(hostile)}`;
          const r = await call(pathOf(), {}, withText(exampleBody, f.end, hostile));
          await check('v1 body', what, hostile, r.status, r.text);
        }
      }
    expect(fiveHundreds).toEqual([]);
  });
});

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: { $ref?: string; examples?: unknown[] } }> };
}
interface OpenApiDoc {
  paths: Record<
    string,
    Record<string, OpenApiOperation> & { parameters?: Array<{ in: string; name: string }> }
  >;
  components?: { schemas?: Record<string, { examples?: unknown[] }> };
}

/** The operation's JSON body example (its named schema's first example), if it takes one. */
function bodyExample(doc: OpenApiDoc, op: OpenApiOperation): unknown {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  if (!schema) return undefined;
  const named = schema.$ref ? doc.components?.schemas?.[schema.$ref.split('/').pop() ?? ''] : schema;
  return named?.examples?.[0] ?? {};
}

/** A real id per collection, so hostile text reaches more than the id check. */
async function knownIds(): Promise<Record<string, string>> {
  const one = async (sql: string) => (await system.pool.query<{ id: string }>(sql)).rows[0]?.id;
  const out: Record<string, string> = {};
  for (const [collection, sql] of [
    ['tickets', 'SELECT id FROM tickets LIMIT 1'],
    ['customers', 'SELECT id FROM customers LIMIT 1'],
    ['attachments', 'SELECT id FROM attachments LIMIT 1'],
  ] as const) {
    const id = await one(sql);
    if (id) out[collection] = id;
  }
  return out;
}

/** Percent-encoding that also takes lone surrogates (as the bytes a careless client sends). */
function encode(s: string): string {
  return [...s]
    .map((c) => {
      const code = c.charCodeAt(0);
      if (code >= 0xd800 && code <= 0xdfff && c.length === 1)
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((b) => `%${b.toString(16).toUpperCase()}`)
          .join('');
      return encodeURIComponent(c);
    })
    .join('');
}
