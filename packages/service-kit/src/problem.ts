import { z } from 'zod';

/**
 * Every problem this platform answers with, by code: the problem `type` is
 * `urn:omni:problem:<code>`. One closed list — the OpenAPI documents (which statuses an
 * operation can answer, with which types) and the client's `ProblemType` derive from it,
 * and `HttpProblem` accepts nothing else.
 */
export const PROBLEMS = {
  'bad-request': {
    status: 400,
    title: 'Bad request',
    description:
      'The request could not be read (a body that is not JSON, a malformed URL, or not valid HTTP at all: an unknown method, a control character in a header).',
  },
  'validation-failed': {
    status: 400,
    title: 'The request is not valid',
    description: 'A parameter, header or body field is not valid; `errors` maps each field to what is wrong.',
  },
  unauthorized: {
    status: 401,
    title: 'Authentication required',
    description: 'No API key, or one that is unknown or revoked (`Authorization: Bearer <key>`).',
  },
  forbidden: {
    status: 403,
    title: 'Not allowed',
    description: 'The API key lacks the scope this operation needs.',
  },
  'not-found': { status: 404, title: 'Not found', description: 'Nothing with that id (or no such route).' },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    description: 'The path exists but not with this method; `Allow` lists the methods it takes.',
  },
  'request-timeout': {
    status: 408,
    title: 'Request timeout',
    description: 'The request did not arrive completely in time; the connection is closed.',
  },
  'customer-not-found': {
    status: 404,
    title: 'Not found',
    description: 'One of the customers named does not exist.',
  },
  'merge-not-found': {
    status: 404,
    title: 'Not found',
    description: 'The customer has no merge with that id.',
  },
  'idempotency-conflict': {
    status: 409,
    title: 'Conflict',
    description: 'A request with the same `Idempotency-Key` is still being processed; retry it.',
  },
  'merge-conflict': {
    status: 409,
    title: 'Conflict',
    description: 'The tickets cannot be merged (the same ticket, already merged, or of different customers).',
  },
  'ticket-merged': {
    status: 409,
    title: 'Conflict',
    description: 'The ticket was merged into another one; act on that one.',
  },
  'no-recipient': {
    status: 409,
    title: 'No recipient',
    description: 'The customer never wrote on the channel asked for, so there is nobody to reply to.',
  },
  'no-reply-channel': {
    status: 409,
    title: 'No way to reply',
    description:
      'A web-form customer without an email address, or no email account configured to answer from.',
  },
  'reply-window-closed': {
    status: 409,
    title: 'Reply window closed',
    description:
      "The customer's channel takes free-form replies only for a while after their last message (WhatsApp, Messenger, Instagram: 24 hours), that time is over, and the account configures no way past it (a WhatsApp template, the `HUMAN_AGENT` tag): wait for the customer to write again, or answer on another channel (`channel`).",
  },
  'identity-taken': {
    status: 409,
    title: 'Conflict',
    description: 'The identity belongs to another customer; merge the customers instead.',
  },
  'customer-merged': {
    status: 409,
    title: 'Conflict',
    description: 'One of the customers was already merged away.',
  },
  'merge-undone': { status: 409, title: 'Conflict', description: 'The merge was already undone.' },
  'merge-superseded': {
    status: 409,
    title: 'Conflict',
    description: 'The survivor was merged into a third customer since; undo that merge first.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    description: 'The body exceeds the limit (1 MiB).',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    description: 'A path parameter is longer than any valid value (100 characters).',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    description: 'The body is not of a media type this operation accepts (`application/json`).',
  },
  'range-not-satisfiable': {
    status: 416,
    title: 'Range not satisfiable',
    description:
      'The `Range` asked for lies outside the file (`Content-Range: bytes */<size>` tells its size).',
  },
  'merge-self': { status: 422, title: 'Conflict', description: 'A customer cannot be merged into itself.' },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key reused',
    description: 'This `Idempotency-Key` was used for a different request within 24 hours.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    description: 'Over the per-key request rate; `Retry-After` says when to try again.',
  },
  'header-too-large': {
    status: 431,
    title: 'Request header fields too large',
    description:
      'The request line and headers together exceed what the server reads (16 KiB; a very long URL counts).',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    description: 'The server failed; the failure is logged under the `requestId`.',
  },
  unavailable: {
    status: 503,
    title: 'Temporarily unavailable',
    description: 'A dependency (database, bus) is unavailable; retry after `Retry-After` seconds.',
  },
} as const satisfies Record<string, { status: number; title: string; description: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];
export const problemType = <C extends ProblemCode>(code: C) => `urn:omni:problem:${code}` as const;
/** Every problem `type` value, in the order of `PROBLEMS`. */
export const PROBLEM_TYPES = PROBLEM_CODES.map(problemType) as [
  ReturnType<typeof problemType<ProblemCode>>,
  ...Array<ReturnType<typeof problemType<ProblemCode>>>,
];
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/**
 * An HTTP problem (RFC 9457) raised by a route: one error class, mapped to
 * `application/problem+json` by the server's single error handler.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** Becomes the problem `type` (`urn:omni:problem:<code>`). */
    readonly code: ProblemCode,
    readonly title: string,
    readonly detail?: string,
    /** Field → message, for validation failures. */
    readonly errors?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export interface ProblemBody {
  type: ProblemType;
  title: string;
  status: number;
  detail?: string;
  errors?: Record<string, string>;
  instance?: string;
  requestId?: string;
}

export function problemBody(p: {
  status: number;
  code: ProblemCode;
  title: string;
  detail?: string;
  errors?: Record<string, string>;
}): ProblemBody {
  const body: ProblemBody = { type: problemType(p.code), title: p.title, status: p.status };
  if (p.detail !== undefined) body.detail = p.detail;
  if (p.errors !== undefined) body.errors = p.errors;
  return body;
}

/** A problem of the catalogue with its own status and title. */
export const problem = (code: ProblemCode, detail?: string, errors?: Record<string, string>) =>
  new HttpProblem(PROBLEMS[code].status, code, PROBLEMS[code].title, detail, errors);

export const badRequest = (detail: string, errors?: Record<string, string>) =>
  problem('validation-failed', detail, errors);
export const unauthorized = (detail: string) => problem('unauthorized', detail);
export const forbidden = (detail: string) => problem('forbidden', detail);
export const notFound = (detail: string) => problem('not-found', detail);
/** 429 with `Retry-After` (whole seconds, at least 1) from a limiter's wait. */
export const tooManyRequests = (retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new HttpProblem(
    429,
    'rate-limited',
    PROBLEMS['rate-limited'].title,
    `too many requests; try again in ${seconds} s`,
    undefined,
    { 'retry-after': String(seconds) },
  );
};
export const serviceUnavailable = (detail: string, retryAfterSeconds = 5) =>
  new HttpProblem(503, 'unavailable', PROBLEMS.unavailable.title, detail, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

/** RFC 9457 problem details, as every error answers (the OpenAPI documents use it for every error response). */
export const ProblemJson = z.looseObject({
  type: z.enum(PROBLEM_TYPES).describe('What went wrong, as a stable URN: `urn:omni:problem:<code>`.'),
  title: z.string().describe('A short, human-readable summary of the problem type.'),
  status: z.number().int().min(400).max(599).describe('The HTTP status code.'),
  detail: z.string().optional().describe('What went wrong in this occurrence.'),
  errors: z.record(z.string(), z.string()).optional().describe('Validation failures: field path → message.'),
  instance: z.string().optional().describe('The path of the request.'),
  requestId: z.string().optional().describe('The `x-request-id` of the request: quote it to the operator.'),
});
