import { createHttpServer, createLogger, createMetrics } from '@omni/service-kit';

/**
 * The HTTP ceiling: the same service-kit server every adapter runs on (request ids,
 * metrics, problem+json, JSON parsing) with one route that does no work, in its own process.
 */
async function main(): Promise<void> {
  const log = createLogger({ service: 'trivial', level: 'warn' });
  const app = createHttpServer({ log, metrics: createMetrics('trivial'), readiness: [] });
  app.post('/trivial', async (_request, reply) => reply.code(200).send({ ok: true }));
  await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

void main();
