import { createPool } from '@omni/db';
import { createHttpServer, createLogger, createMetrics } from '@omni/service-kit';
import { buildTicketsService } from '../tickets.service';

/**
 * The ticket API's OpenAPI document exactly as `GET /openapi.json` serves it, without a
 * running system: the tickets module is mounted on the real HTTP server factory and asked.
 * Nothing connects to a database (the pool is never used before a request needs it).
 * For code generation and the document's lint.
 */
export async function ticketsOpenApiDocument(): Promise<Record<string, unknown>> {
  const log = createLogger({ service: 'openapi', level: 'silent' });
  const pool = createPool({ url: 'postgres://openapi@127.0.0.1:1/unused', log });
  const app = createHttpServer({ log, metrics: createMetrics('openapi'), readiness: [] });
  try {
    const routes = buildTicketsService({ pool, log, background: false }).routes;
    if (!routes) throw new Error('the tickets module has no routes');
    await app.register(routes);
    const res = await app.inject({ url: '/openapi.json' });
    if (res.statusCode !== 200) throw new Error(`/openapi.json answered ${res.statusCode}`);
    return res.json() as Record<string, unknown>;
  } finally {
    await app.close();
    await pool.end();
  }
}
