import type { Pool } from '@omni/db';
import type { Logger, ServiceModule } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ApiKeyVerifier, ensureBootstrapKey } from './api-keys';
import { customerRoutes } from './routes/customer.routes';
import { ticketRoutes } from './routes/ticket.routes';

export interface TicketsDeps {
  pool: Pool;
  log: Logger;
  /** `OMNI_BOOTSTRAP_API_KEY`. */
  bootstrapApiKey?: string;
}

/** The ticket service: the `/v1` REST API helpdesks integrate with (API.md). */
export function buildTicketsService({ pool, log, bootstrapApiKey }: TicketsDeps): ServiceModule {
  const verifier = new ApiKeyVerifier(pool);
  const routes: FastifyPluginAsync = async (app) => {
    // zod validates requests and serializes responses within this plugin only.
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(ticketRoutes(pool, verifier));
    await app.register(customerRoutes(pool, verifier));
  };
  return {
    name: 'tickets',
    routes,
    async start() {
      if (bootstrapApiKey) {
        await ensureBootstrapKey(pool, bootstrapApiKey);
        log.info('bootstrap API key ensured');
      }
    },
  };
}
