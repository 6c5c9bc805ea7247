import type { FastifyInstance } from 'fastify';

/**
 * Lets the routes of this (encapsulated) plugin read HTML form posts
 * (`application/x-www-form-urlencoded`) as `{ field: value }`; a repeated field keeps its
 * first value.
 */
export function acceptUrlEncodedForms(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      const fields: Record<string, string> = {};
      for (const [key, value] of new URLSearchParams(body as string)) fields[key] ??= value;
      done(null, fields);
    },
  );
}
