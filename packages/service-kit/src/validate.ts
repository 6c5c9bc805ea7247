import type { z } from 'zod';
import { badRequest } from './problem';

/** zod issues → `{ "field.path": "message" }`, the `errors` member of a validation problem. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || '(body)';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Parses untrusted input or throws a 400 problem naming every bad field. */
export function parseOrBadRequest<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(`${what} is not valid`, fieldErrors(parsed.error));
  return parsed.data;
}
