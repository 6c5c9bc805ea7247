import type { Pool } from '@omni/db';
import { notFound } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiKeyVerifier } from '../api-keys';
import { requireScope } from '../auth';
import { PageQuery } from '../pagination';
import { IdParams, MessageJson, pageOf, TicketJson, TicketStatus } from '../schemas';
import { getTicket, listMessages, listTickets } from '../ticket.queries';

const TicketListQuery = PageQuery.extend({
  status: z.union([TicketStatus, z.array(TicketStatus)]).optional().transform((v) => (v === undefined ? undefined : [v].flat())),
  customerId: z.uuid().optional(),
});

export function ticketRoutes(pool: Pool, verifier: ApiKeyVerifier): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const read = requireScope(verifier, 'tickets:read');

    app.get('/v1/tickets', { preHandler: read, schema: { querystring: TicketListQuery, response: { 200: pageOf(TicketJson) } } }, async (request) =>
      listTickets(pool, request.query),
    );

    app.get('/v1/tickets/:id', { preHandler: read, schema: { params: IdParams, response: { 200: TicketJson } } }, async (request) => {
      const ticket = await getTicket(pool, request.params.id);
      if (!ticket) throw notFound(`no ticket ${request.params.id}`);
      return ticket;
    });

    app.get(
      '/v1/tickets/:id/messages',
      { preHandler: read, schema: { params: IdParams, querystring: PageQuery, response: { 200: pageOf(MessageJson) } } },
      async (request) => {
        if (!(await getTicket(pool, request.params.id))) throw notFound(`no ticket ${request.params.id}`);
        return listMessages(pool, request.params.id, request.query.limit, request.query.cursor);
      },
    );
  };
}
