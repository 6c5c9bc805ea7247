import { forbidden, HttpProblem } from '@omni/service-kit';
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { ApiKeyPrincipal, ApiKeyVerifier, Scope } from './api-keys';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: ApiKeyPrincipal;
  }
}

/** A preHandler that admits a request only with a valid Bearer key holding `scope` (or `admin`). */
export function requireScope(verifier: ApiKeyVerifier, scope: Scope): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match?.[1]) throw unauthenticated('send an API key as "Authorization: Bearer <key>"');
    const principal = await verifier.verify(match[1]);
    if (!principal) throw unauthenticated('the API key is unknown or revoked');
    if (!principal.scopes.has(scope) && !principal.scopes.has('admin')) {
      throw forbidden(`this API key lacks the "${scope}" scope`);
    }
    request.principal = principal;
  };
}

function unauthenticated(detail: string): HttpProblem {
  return new HttpProblem(401, 'unauthorized', 'Authentication required', detail, undefined, { 'www-authenticate': 'Bearer' });
}
