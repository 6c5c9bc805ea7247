import { DOMAIN_EVENT_TYPES, DomainEventType } from '@omni/contracts';
import { PageQuery } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { listEvents } from '../event.queries';
import { problems } from '../schemas';
import type { RouteDeps } from './route-deps';

export const EventJson = z.object({
  id: z.uuid(),
  type: DomainEventType,
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});

const FeedQuery = z.object({
  after: PageQuery.shape.cursor.describe(
    'The `nextCursor` of the previous call; omit to start from the beginning.',
  ),
  limit: PageQuery.shape.limit,
  type: z
    .union([DomainEventType, z.array(DomainEventType).max(DOMAIN_EVENT_TYPES.length)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [v].flat())),
});

/** The change feed for integrators who poll (the same events webhooks deliver). */
export function eventRoutes({ pool, verifier }: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/v1/events',
      {
        preHandler: requireScope(verifier, 'tickets:read'),
        schema: {
          tags: ['events'],
          summary: 'Change feed',
          description:
            'Every domain event in commit order. Poll again with `nextCursor`; it stays the same while nothing new arrived.',
          querystring: FeedQuery,
          response: {
            200: z.object({ data: z.array(EventJson), nextCursor: z.string().nullable() }),
            ...problems,
          },
        },
      },
      async (request) => listEvents(pool, request.query.limit, request.query.after, request.query.type),
    );
  };
}
