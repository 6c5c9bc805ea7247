import { PROBLEMS, type ProblemCode } from '@omni/service-kit';
import { z } from 'zod';
import { Problem } from '../schemas';

export const TAGS = {
  tickets: 'Conversations, their messages, replies and internal notes.',
  customers: 'People, recognised across channels by their identities; merges and their undoing.',
  privacy: 'Data-subject requests (scope `privacy`): erase a customer, export everything held about them.',
  attachments: 'The files customers sent.',
  events: 'The change feed: every domain event in commit order, for integrators who poll.',
  webhooks: 'Subscriptions to events, delivered signed (Standard Webhooks), and their delivery log.',
} as const;
export type Tag = keyof typeof TAGS;

/** The operation's extension listing every problem code it can answer with (for the document's examples and for contract tests). */
export const PROBLEM_TYPES_KEY = 'x-problem-types';
/** Response headers particular to the operation, by status; the document moves them into the responses. */
export const RESPONSE_HEADERS_KEY = 'x-response-headers';

/** A response header a route sets itself (the common ones are added to every response by the document). */
export interface HeaderSpec {
  description: string;
  schema: { type: 'string' | 'integer'; format?: string };
  required?: boolean;
}

interface Success {
  description: string;
  /** The JSON body; none for 204. */
  schema?: z.ZodType;
  /** A body that is not JSON (a file of any media type): served as is with its own type. */
  mediaType?: '*/*';
  headers?: Record<string, HeaderSpec>;
}

interface OperationSpec<P, Q, H, B, R extends Record<number, Success>> {
  /** Stable, verb-noun: the method name in generated clients. */
  operationId: string;
  summary: string;
  description: string;
  tags: [Tag];
  params?: P;
  querystring?: Q;
  headers?: H;
  body?: B;
  responses: R;
  /** Problems particular to this operation; the common ones follow from its parts (see `commonProblems`). */
  problems?: ProblemCode[];
  /** Served but left out of the document (an old path kept working). */
  hide?: boolean;
}

type JsonResponses<R extends Record<number, Success>> = {
  [K in keyof R]: R[K] extends { schema: infer S extends z.ZodType }
    ? { description: string; content: { 'application/json': { schema: S } } }
    : R[K] extends { mediaType: string }
      ? { description: string; content: { '*/*': { schema: z.ZodAny } } }
      : z.ZodUndefined;
};
type ProblemResponse = {
  description: string;
  content: { 'application/problem+json': { schema: typeof Problem } };
};

const defined = (parts: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));

/** The problems any operation with these parts can answer with. */
export function commonProblems(parts: {
  params: boolean;
  input: boolean;
  body: boolean;
  idempotent: boolean;
}): ProblemCode[] {
  return [
    ...(parts.input ? (['validation-failed'] as const) : []),
    ...(parts.body ? (['bad-request', 'payload-too-large', 'unsupported-media-type'] as const) : []),
    ...(parts.params ? (['uri-too-long'] as const) : []),
    // `idempotency-conflict` is left out: it needs the first request's record to vanish between two statements.
    ...(parts.idempotent ? (['idempotency-key-reused'] as const) : []),
    'unauthorized',
    'forbidden',
    'rate-limited',
    'internal',
    'unavailable',
  ];
}

/** Problem responses by status, each listing the problem types it carries. */
export function problemResponses(codes: readonly ProblemCode[]): Record<number, ProblemResponse> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const status = PROBLEMS[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<number, ProblemResponse> = {};
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    const lines = list.map((c) => `- \`urn:omni:problem:${c}\`: ${PROBLEMS[c].description}`);
    out[status] = {
      description: `${PROBLEMS[list[0] as ProblemCode].title}. Problem types:\n${lines.join('\n')}`,
      content: { 'application/problem+json': { schema: Problem } },
    };
  }
  return out;
}

/**
 * The fastify route schema of one documented operation: its OpenAPI metadata, the zod
 * schemas that validate the request, and every response it can give — successes as
 * declared, problems as `application/problem+json` grouped by status (the route's own and
 * the common ones its parts imply). The same schemas serialize the answers.
 */
export function operation<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  H extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends Record<number, Success> = Record<number, Success>,
>(spec: OperationSpec<P, Q, H, B, R>) {
  const codes = [
    ...(spec.problems ?? []),
    ...commonProblems({
      params: spec.params !== undefined,
      input: [spec.params, spec.querystring, spec.headers, spec.body].some((s) => s !== undefined),
      body: spec.body !== undefined,
      idempotent:
        spec.headers !== undefined && 'idempotency-key' in (spec.headers as unknown as z.ZodObject).shape,
    }),
  ];
  const response: Record<number, unknown> = {};
  const headers: Record<string, Record<string, HeaderSpec>> = {};
  for (const [status, r] of Object.entries(spec.responses) as Array<[string, Success]>) {
    if (r.headers) headers[status] = r.headers;
    if (!r.schema && !r.mediaType) {
      response[Number(status)] = z.undefined().describe(r.description);
      continue;
    }
    response[Number(status)] = {
      description: r.description,
      content: r.mediaType
        ? { [r.mediaType]: { schema: z.any() } }
        : { 'application/json': { schema: r.schema } },
    };
  }
  Object.assign(response, problemResponses(codes));
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags,
    ...(spec.hide ? { hide: true } : {}),
    [PROBLEM_TYPES_KEY]: [...new Set(codes)],
    ...(Object.keys(headers).length > 0 ? { [RESPONSE_HEADERS_KEY]: headers } : {}),
    // Only the parts the route has: fastify warns about a part that is present but undefined.
    ...(defined({
      params: spec.params,
      querystring: spec.querystring,
      headers: spec.headers,
      body: spec.body,
    }) as {
      params: P;
      querystring: Q;
      headers: H;
      body: B;
    }),
    // Typed by the successes only: handlers return those and throw problems.
    response: response as JsonResponses<R>,
  };
}
