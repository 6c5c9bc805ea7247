import { DOMAIN_EVENT_TYPES, EventType } from '@omni/contracts';
import { PageQuery } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { listEvents } from '../event.queries';
import { operation } from '../openapi/operation';
import { EventPage } from '../schemas';
import type { RouteDeps } from './route-deps';

const FeedQuery = z.object({
  after: PageQuery.shape.cursor.describe(
    'The `nextCursor` of the previous call; omit to start from the beginning.',
  ),
  limit: PageQuery.shape.limit,
  type: z
    .union([EventType, z.array(EventType).max(DOMAIN_EVENT_TYPES.length)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat()))
    .describe('Only these types (repeatable: `?type=ticket.created&type=message.created`).'),
});

/** The change feed for integrators who poll (the same events webhooks deliver). */
export function eventRoutes({ pool, verifier }: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/events',
      {
        preHandler: requireScope(verifier, 'tickets:read'),
        schema: operation({
          operationId: 'listEvents',
          tags: ['events'],
          summary: 'Read the change feed',
          description:
            'Every domain event in commit order. Poll again with `nextCursor` as `after`; it stays the same while nothing new arrived, and an event committed late never appears behind a cursor already passed. Scope `tickets:read`.',
          querystring: FeedQuery,
          responses: { 200: { description: 'A page of events.', schema: EventPage } },
        }),
      },
      async (request) => listEvents(pool, request.query.limit, request.query.after, request.query.type),
    );
  };
}
