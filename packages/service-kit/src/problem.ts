import { z } from 'zod';

/**
 * An HTTP problem (RFC 9457) raised by a route: one error class, mapped to
 * `application/problem+json` by the server's single error handler.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    /** Short, stable, kebab-case: becomes the problem `type` (`urn:omni:problem:<code>`). */
    readonly code: string,
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
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Record<string, string>;
  instance?: string;
  requestId?: string;
}

export function problemBody(p: {
  status: number;
  code: string;
  title: string;
  detail?: string;
  errors?: Record<string, string>;
}): ProblemBody {
  const body: ProblemBody = { type: `urn:omni:problem:${p.code}`, title: p.title, status: p.status };
  if (p.detail !== undefined) body.detail = p.detail;
  if (p.errors !== undefined) body.errors = p.errors;
  return body;
}

export const badRequest = (detail: string, errors?: Record<string, string>) =>
  new HttpProblem(400, 'validation-failed', 'The request is not valid', detail, errors);
export const unauthorized = (detail: string) =>
  new HttpProblem(401, 'unauthorized', 'Authentication required', detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'forbidden', 'Not allowed', detail);
export const notFound = (detail: string) => new HttpProblem(404, 'not-found', 'Not found', detail);
export const serviceUnavailable = (detail: string, retryAfterSeconds = 5) =>
  new HttpProblem(503, 'unavailable', 'Temporarily unavailable', detail, undefined, {
    'retry-after': String(retryAfterSeconds),
  });

/** RFC 9457 problem details, as every error answers (the OpenAPI documents use it for every error response). */
export const ProblemJson = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.record(z.string(), z.string()).optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
});
