import { DomainEventType } from '@omni/contracts';
import { notFound, PageQuery } from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { IdempotencyHeaders, idempotent } from '../idempotency';
import { IdParams, pageOf, problems } from '../schemas';
import {
  createSubscription,
  deleteSubscription,
  listDeliveries,
  listSubscriptions,
  subscriptionExists,
} from '../webhooks/webhook.repository';
import { refuseForbiddenWebhookUrl } from '../webhooks/webhook-url';
import type { RouteDeps } from './route-deps';

const Subscription = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.string()),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
});

const Delivery = z.object({
  id: z.uuid().describe('The `webhook-id` header of every attempt of this delivery.'),
  eventId: z.uuid(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attemptCount: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  attempts: z.array(
    z.object({
      attemptedAt: z.string(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});

const CreateBody = z.strictObject({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  events: z
    .array(DomainEventType)
    .min(1)
    .max(20)
    .transform((e) => [...new Set(e)]),
});

export function webhookRoutes({ pool, verifier, outboundGuard }: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const manage = requireScope(verifier, 'webhooks:manage');
    const tags = ['webhooks'];

    app.post(
      '/v1/webhooks',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Subscribe a URL to event types',
          description:
            'Deliveries are signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the returned `secret`, retried with exponential backoff for about 27 hours; a subscription whose deliveries fail for the whole schedule is disabled (event `webhook.disabled`).',
          headers: IdempotencyHeaders,
          body: CreateBody,
          response: { 201: Subscription.extend({ secret: z.string() }), ...problems },
        },
      },
      async (request, reply) => {
        await refuseForbiddenWebhookUrl(outboundGuard, request.body.url);
        return idempotent(pool, request, reply, async (client) => ({
          status: 201,
          body: await createSubscription(
            client,
            request.body.url,
            request.body.events,
            request.principal?.id,
          ),
        }));
      },
    );

    app.get(
      '/v1/webhooks',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'List subscriptions',
          querystring: PageQuery,
          response: { 200: pageOf(Subscription), ...problems },
        },
      },
      async (request) => listSubscriptions(pool, request.query.limit, request.query.cursor),
    );

    app.delete(
      '/v1/webhooks/:id',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Delete a subscription',
          params: IdParams,
          response: { 204: z.null(), ...problems },
        },
      },
      async (request, reply) => {
        if (!(await deleteSubscription(pool, request.params.id)))
          throw notFound(`no webhook subscription ${request.params.id}`);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/v1/webhooks/:id/deliveries',
      {
        preHandler: manage,
        schema: {
          tags,
          summary: 'Deliveries with every attempt',
          params: IdParams,
          querystring: PageQuery,
          response: { 200: pageOf(Delivery), ...problems },
        },
      },
      async (request) => {
        if (!(await subscriptionExists(pool, request.params.id)))
          throw notFound(`no webhook subscription ${request.params.id}`);
        return listDeliveries(pool, request.params.id, request.query.limit, request.query.cursor);
      },
    );
  };
}
