import type { FastifyInstance } from 'fastify';
import { badRequest } from './problem';

/**
 * Within the calling plugin only: request bodies arrive as the raw bytes received, so a
 * platform signature (HMAC over the body) is checked on exactly what was signed — never
 * on a re-serialization. Routes parse with `parseJsonBody` after verifying.
 */
export function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

/** The raw body as JSON, or a 400 problem. */
export function parseJsonBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body) || body.length === 0) throw badRequest('the request body is empty');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${(err as Error).message}`);
  }
}
