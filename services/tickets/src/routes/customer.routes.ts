import type { Pool } from '@omni/db';
import { notFound } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ApiKeyVerifier } from '../api-keys';
import { requireScope } from '../auth';
import { getCustomer } from '../customer.queries';
import { CustomerJson, IdParams } from '../schemas';

export function customerRoutes(pool: Pool, verifier: ApiKeyVerifier): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const read = requireScope(verifier, 'customers:read');

    app.get('/v1/customers/:id', { preHandler: read, schema: { params: IdParams, response: { 200: CustomerJson } } }, async (request) => {
      const customer = await getCustomer(pool, request.params.id);
      if (!customer) throw notFound(`no customer ${request.params.id}`);
      return customer;
    });
  };
}
