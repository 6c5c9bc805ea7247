import { DOMAIN_EVENT_TYPES, EVENT_SPECS, eventSchemaName } from '@omni/contracts';
import { PROBLEMS, type ProblemCode } from '@omni/service-kit';
import { PROBLEM_TYPES_KEY, RESPONSE_HEADERS_KEY } from './operation';

/*
 * The last step of `/openapi.json`: what @fastify/swagger and the zod transform cannot say
 * per route — the response headers every answer carries, examples on every body, the
 * `webhooks` section — and a tidy component list (the zod transform emits an input and an
 * output variant of every named schema; only those referenced stay, under their own name).
 */

type Json = Record<string, unknown>;
type Doc = Json & {
  paths: Record<string, Record<string, Json>>;
  components: Json & { schemas: Record<string, Json> };
};

const header = (description: string, type: 'string' | 'integer', required: boolean, format?: string) => ({
  description,
  required,
  schema: { type, ...(format ? { format } : {}) },
});

/** Headers of our answers, named once in `components.headers`. */
export const RESPONSE_HEADERS = {
  'X-Request-Id': header(
    'The id of this request (yours if you sent `x-request-id`, else generated); problems carry it as `requestId`.',
    'string',
    true,
  ),
  'X-Trace-Id': header('The OpenTelemetry trace id of this request, when tracing is on.', 'string', false),
  'X-RateLimit-Limit': header('Requests allowed per minute for this API key.', 'integer', true),
  'X-RateLimit-Remaining': header('Requests left in the current minute.', 'integer', true),
  'X-RateLimit-Reset': header('Seconds until the current minute’s budget is renewed.', 'integer', true),
  'Retry-After': header('Seconds to wait before trying again.', 'integer', true),
  'WWW-Authenticate': header('`Bearer`: how to authenticate.', 'string', true),
  'Idempotent-Replayed': header(
    '`true` when this answer is the stored first answer of an earlier request with the same `Idempotency-Key`.',
    'string',
    false,
  ),
} as const;
type HeaderName = keyof typeof RESPONSE_HEADERS;

/** Which of our headers an answer with this status carries. */
function headersFor(status: number, idempotent: boolean): HeaderName[] {
  const names: HeaderName[] = ['X-Request-Id', 'X-Trace-Id'];
  // A path parameter too long for any route is refused before the route (and its rate limit) is found.
  if (status !== 414) names.push('X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset');
  if (status === 429 || status === 503) names.push('Retry-After');
  if (status === 401) names.push('WWW-Authenticate');
  if (idempotent && status < 300) names.push('Idempotent-Replayed');
  return names;
}

const WEBHOOK_REQUEST_HEADERS = [
  {
    name: 'webhook-id',
    description: 'The delivery id: the same on every retry of this delivery; dedupe by it.',
  },
  {
    name: 'webhook-timestamp',
    description: 'Unix seconds when this attempt was signed; refuse old ones (5 minutes).',
  },
  {
    name: 'webhook-signature',
    description:
      '`v1,<base64 HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>">` keyed with the subscription’s secret (Standard Webhooks).',
  },
];

/** The `webhooks` section: one entry per event type, its body the `<Type>Event` schema. */
function webhooks(): Json {
  const out: Json = {};
  for (const type of DOMAIN_EVENT_TYPES) {
    const name = eventSchemaName(type);
    const spec = EVENT_SPECS[type];
    out[type] = {
      post: {
        operationId: `on${name}`,
        summary: type,
        description: `${spec.summary}${
          spec.resource
            ? ` A subscription with \`payload: full\` also gets \`data.${spec.resource}\`, the ${spec.resource} as the API answered it right after the event.`
            : ''
        } Sent to the subscription’s \`url\`, signed per Standard Webhooks; any 2xx within 10 seconds acknowledges it, anything else is retried (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h).`,
        tags: ['webhooks'],
        security: [],
        parameters: WEBHOOK_REQUEST_HEADERS.map((h) => ({
          in: 'header',
          name: h.name,
          required: true,
          description: h.description,
          schema: { type: 'string' },
        })),
        requestBody: {
          required: true,
          description: `The \`${type}\` event.`,
          content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}Event` } } },
        },
        responses: {
          '2XX': { description: 'Acknowledged: the delivery is done.' },
          default: { description: 'Not acknowledged (or no answer within 10 seconds): retried later.' },
        },
      },
    };
  }
  return out;
}

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value as Json);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

const REF = '#/components/schemas/';
const refsIn = (value: unknown): Set<string> => {
  const refs = new Set<string>();
  walk(value, (node) => {
    if (typeof node.$ref === 'string' && node.$ref.startsWith(REF)) refs.add(node.$ref.slice(REF.length));
  });
  return refs;
};

function renameRefs(value: unknown, from: string, to: string): void {
  walk(value, (node) => {
    if (node.$ref === `${REF}${from}`) node.$ref = `${REF}${to}`;
  });
}

/**
 * Components under their own names: `XInput` (the zod transform's request-side variant)
 * becomes `X` when `X` is unused or the same schema; unreferenced components go.
 */
function tidyComponents(doc: Doc): void {
  const schemas = doc.components.schemas;
  const used = () => {
    const seen = new Set<string>();
    const queue = [...refsIn({ ...doc, components: { ...doc.components, schemas: {} } })];
    while (queue.length > 0) {
      const name = queue.pop() as string;
      if (seen.has(name)) continue;
      seen.add(name);
      queue.push(...refsIn(schemas[name]));
    }
    return seen;
  };
  let reachable = used();
  for (const name of Object.keys(schemas)) {
    if (!name.endsWith('Input') || !reachable.has(name)) continue;
    const base = name.slice(0, -'Input'.length);
    const same = JSON.stringify(schemas[base]) === JSON.stringify(schemas[name]);
    if (reachable.has(base) && !same) continue;
    if (!same || !reachable.has(base)) schemas[base] = schemas[name] as Json;
    delete schemas[name];
    renameRefs(doc, name, base);
    reachable = used();
  }
  for (const name of Object.keys(schemas)) if (!reachable.has(name)) delete schemas[name];
  doc.components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
}

/** zod's `.int()` bounds (±2^53−1) and the regexes behind `format`s say nothing a reader needs. */
function simplifySchemas(doc: Doc): void {
  walk(doc, (node) => {
    if (node.type === 'integer' || (Array.isArray(node.type) && node.type.includes('integer'))) {
      if (node.maximum === Number.MAX_SAFE_INTEGER) delete node.maximum;
      if (node.minimum === Number.MIN_SAFE_INTEGER) delete node.minimum;
    }
    if (typeof node.format === 'string' && typeof node.pattern === 'string' && node.type === 'string')
      delete node.pattern;
  });
}

/** An example of a schema, built from the examples of the components it references. */
function exampleOf(schema: unknown, doc: Doc, depth = 0): unknown {
  if (!schema || typeof schema !== 'object' || depth > 8) return undefined;
  const s = schema as Json;
  if (typeof s.$ref === 'string')
    return exampleOf(doc.components.schemas[s.$ref.slice(REF.length)], doc, depth + 1);
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.const !== undefined) return s.const;
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const first = (s[key] as unknown[] | undefined)?.find((m) => (m as Json).type !== 'null');
    if (first) return exampleOf(first, doc, depth + 1);
  }
  if (s.type === 'object' || s.properties) {
    const out: Json = {};
    for (const [k, v] of Object.entries((s.properties as Json | undefined) ?? {})) {
      const ex = exampleOf(v, doc, depth + 1);
      if (ex !== undefined) out[k] = ex;
    }
    return out;
  }
  if (s.type === 'array') {
    const item = exampleOf(s.items, doc, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (s.type === 'string') return s.format === 'uuid' ? '6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31' : 'string';
  if (s.type === 'integer' || s.type === 'number') return typeof s.minimum === 'number' ? s.minimum : 1;
  if (s.type === 'boolean') return true;
  return undefined;
}

/** Request and response examples, and the headers of every answer. */
function decorateOperations(doc: Doc): void {
  doc.components.headers = RESPONSE_HEADERS;
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const op of Object.values(item)) {
      const params = (op.parameters as Array<{ in: string; name: string }> | undefined) ?? [];
      const idempotent = params.some((p) => p.in === 'header' && p.name === 'idempotency-key');
      const own = (op[RESPONSE_HEADERS_KEY] as Record<string, Json> | undefined) ?? {};
      delete op[RESPONSE_HEADERS_KEY];
      const body = (op.requestBody as { content?: Record<string, Json> } | undefined)?.content?.[
        'application/json'
      ];
      if (body && body.example === undefined) body.example = exampleOf(body.schema, doc);
      for (const [statusText, response] of Object.entries(op.responses as Record<string, Json>)) {
        const status = Number(statusText);
        const headers: Json = { ...own[statusText] };
        for (const name of headersFor(status, idempotent))
          headers[name] = { $ref: `#/components/headers/${name}` };
        response.headers = headers;
        const content = (response.content as Record<string, Json> | undefined) ?? {};
        const json = content['application/json'];
        if (json && json.example === undefined) json.example = exampleOf(json.schema, doc);
        const problem = content['application/problem+json'];
        if (problem) {
          const codes = ((op[PROBLEM_TYPES_KEY] as ProblemCode[] | undefined) ?? []).filter(
            (c) => PROBLEMS[c].status === status,
          );
          problem.examples = Object.fromEntries(
            codes.map((code) => [
              code,
              {
                summary: PROBLEMS[code].description,
                value: {
                  type: `urn:omni:problem:${code}`,
                  title: PROBLEMS[code].title,
                  status,
                  detail: PROBLEMS[code].description,
                  instance: path.replace(/\{[^}]+\}/g, '6f1c2b9e-3d4a-4f7b-9a8e-2c5d1e0f7a31'),
                  requestId: '8d0b2f4e-6a8c-4e0a-9c2e-4a6c8e0a2c4e',
                },
              },
            ]),
          );
        }
      }
    }
  }
}

/** The document as served: webhooks, headers, examples, tidy components. */
export function finishDocument(input: Json): Json {
  const doc = input as Doc;
  doc.webhooks = webhooks();
  decorateOperations(doc);
  simplifySchemas(doc);
  tidyComponents(doc);
  return doc;
}
