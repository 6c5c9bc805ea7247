import type { Bus } from '@omni/bus';
import type { Pool } from '@omni/db';
import { createApiKey, createHttpServer, createMetrics, type Logger, SCOPES } from '@omni/service-kit';
import { loopbackOutboundGuard } from '@omni/testkit';
import type { FastifyInstance } from 'fastify';
import { buildTicketsService, type TicketsDeps } from '../../src/tickets.service';

export interface ApiFixture {
  app: FastifyInstance;
  /** Every route the API plugin registered (`GET /v1/tickets`, …). */
  routes: Set<string>;
  /** A key with every scope. */
  adminKey: string;
  keyWith(...scopes: string[]): Promise<string>;
  stop(): Promise<void>;
}

/** The ticket module on the service-kit server (as runServices builds it), without the process glue. */
export async function startApi(
  pool: Pool,
  log: Logger,
  opts: Partial<TicketsDeps> & { bus?: Bus; listen?: boolean } = {},
): Promise<ApiFixture> {
  // Receivers in tests listen on loopback: allowed unless the test brings its own guard.
  const module = buildTicketsService({ pool, log, outboundGuard: loopbackOutboundGuard(), ...opts });
  const app = createHttpServer({ log, metrics: createMetrics('tickets-test'), readiness: [] });
  const routes = new Set<string>();
  app.addHook('onRoute', (r) => {
    for (const m of [r.method].flat())
      if (m !== 'HEAD' && r.url.startsWith('/v1/')) routes.add(`${m} ${r.url}`);
  });
  if (module.routes) await app.register(module.routes);
  if (opts.listen) await app.listen({ host: '127.0.0.1', port: 0 });
  else await app.ready();
  await module.start?.();
  const keyWith = async (...scopes: string[]) =>
    (await createApiKey(pool, `test-${scopes.join('+')}`, scopes)).key;
  const adminKey = await keyWith(...SCOPES);
  return {
    app,
    routes,
    adminKey,
    keyWith,
    async stop() {
      await module.stop?.();
      await app.close();
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
