import { createPool } from '@omni/db';
import { createApiKey, createHttpServer, createMetrics, SCOPES } from '@omni/service-kit';
import { buildTicketsService } from '@omni/tickets';
import { benchLogger } from './bench-kit';

/**
 * The API under test in its own process (so the load generator does not share its event
 * loop): the ticket module on the service-kit server, as `pnpm start` runs it. Reports its
 * port and an API key to the parent over IPC.
 */
async function main(): Promise<void> {
  const log = benchLogger();
  const pool = createPool({ url: process.env.DATABASE_URL as string, log, max: 10 });
  const module = buildTicketsService({ pool, log, api: { rateLimitPerMinute: 100_000_000 } });
  const app = createHttpServer({ log, metrics: createMetrics('tickets'), readiness: [] });
  if (module.routes) await app.register(module.routes);
  // The "same bytes" ceiling: what this HTTP stack costs to send an answer of n bytes, held in
  // memory, outside `/v1` as `/healthz` is. The bytes are a real list page's, repeated (its mix
  // of ASCII, Cyrillic and Japanese), so only the size differs between endpoints.
  let sample: Buffer = Buffer.from(' '); // until the page is read, below
  app.get<{ Params: { n: string } }>('/bench/bytes/:n', (request, reply) => {
    const n = Math.min(Number(request.params.n) || 0, 1 << 20);
    while (sample.length < n) sample = Buffer.concat([sample, sample]);
    void reply.type('application/json').send(sample.subarray(0, n));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { key } = await createApiKey(pool, 'bench', [...SCOPES]);
  const page = await app.inject({ url: '/v1/tickets', headers: { authorization: `Bearer ${key}` } });
  if (page.rawPayload.length > 0) sample = page.rawPayload;
  const address = app.server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0, key });
  process.on('disconnect', () => {
    void app
      .close()
      .then(() => pool.end())
      .then(() => process.exit(0));
  });
}

void main();
