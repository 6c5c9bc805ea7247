import { EventType, Timestamp, WebhookPayload } from '@omni/contracts';
import {
  MAX_WEBHOOK_SECRET_GRACE_SECONDS,
  notFound,
  PageQuery,
  rotateWebhookSecret,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireScope } from '../auth';
import { IdempotencyHeaders, idempotent } from '../idempotency';
import { operation } from '../openapi/operation';
import { IdParams, pageOf } from '../schemas';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  subscriptionExists,
} from '../webhooks/webhook.repository';
import { refuseForbiddenWebhookUrl } from '../webhooks/webhook-url';
import type { RouteDeps } from './route-deps';

const subscriptionFields = {
  id: z.uuid().describe('The subscription id.'),
  url: z.string().describe('Where deliveries are posted.'),
  events: z.array(EventType).describe('The event types delivered.'),
  payload: WebhookPayload,
  createdAt: Timestamp('When it was created.'),
  disabledAt: z.iso
    .datetime()
    .nullable()
    .describe(
      'When it was disabled (its deliveries failed for the whole retry schedule); null while active.',
    ),
  disabledReason: z.string().nullable().describe('Why it was disabled.'),
  secretRotatedAt: z.iso
    .datetime()
    .nullable()
    .describe('When its signing secret was last rotated; null if never.'),
  previousSecretExpiresAt: z.iso
    .datetime()
    .nullable()
    .describe(
      'While a rotation’s overlap lasts, deliveries carry a second `v1,` signature made with the previous secret, until this time; null when only the current secret signs.',
    ),
};
const subscriptionExample = {
  id: '6a8c0e2a-4c6e-4a8c-8e2a-4c6e8a0c2e4a',
  url: 'https://helpdesk.example/hooks/omni',
  events: ['message.created', 'message.delivery_updated'],
  payload: 'full',
  createdAt: '2026-03-01T12:00:00.000Z',
  disabledAt: null,
  disabledReason: null,
  secretRotatedAt: null,
  previousSecretExpiresAt: null,
};

const WebhookSubscription = z.object(subscriptionFields).meta({
  id: 'WebhookSubscription',
  description: 'A URL subscribed to event types.',
  examples: [subscriptionExample],
});

const WebhookSubscriptionWithSecret = z
  .object({
    ...subscriptionFields,
    secret: z
      .string()
      .describe(
        'The Standard Webhooks signing secret (`whsec_…`); shown only here, keep it (`POST /v1/webhooks/{id}/rotate-secret` replaces it).',
      ),
  })
  .meta({
    id: 'WebhookSubscriptionWithSecret',
    description:
      'A new subscription, or one whose secret was just rotated, with the secret its deliveries are signed with.',
    examples: [{ ...subscriptionExample, secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }],
  });

const WebhookAttempt = z
  .object({
    attemptedAt: Timestamp('When it was made.'),
    statusCode: z.number().int().nullable().describe('The receiver’s status; null when it did not answer.'),
    error: z.string().nullable().describe('Why it failed; null when it succeeded.'),
    durationMs: z.number().int().min(0).describe('How long the receiver took.'),
  })
  .meta({
    id: 'WebhookAttempt',
    description: 'One attempt of a delivery.',
    examples: [{ attemptedAt: '2026-03-02T09:15:28.001Z', statusCode: 204, error: null, durationMs: 41 }],
  });

const deliveryExample = {
  id: '8c0e2a4c-6e8a-4c0e-8a4c-6e8a0c2e4a6c',
  eventId: '7e9a1c3e-5f7b-4d9f-a1c3-e5f7a9b1d3f4',
  eventType: 'message.created',
  status: 'delivered',
  attemptCount: 1,
  nextAttemptAt: null,
  lastError: null,
  createdAt: '2026-03-02T09:15:27.900Z',
  deliveredAt: '2026-03-02T09:15:28.042Z',
  attempts: [{ attemptedAt: '2026-03-02T09:15:28.001Z', statusCode: 204, error: null, durationMs: 41 }],
};

const WebhookDelivery = z
  .object({
    id: z.uuid().describe('The `webhook-id` header of every attempt of this delivery.'),
    eventId: z.uuid().describe('The event delivered.'),
    eventType: EventType,
    status: z
      .enum(['pending', 'delivered', 'failed'])
      .describe('`pending` until acknowledged or given up on.'),
    attemptCount: z.number().int().min(0).describe('Attempts so far.'),
    nextAttemptAt: z.iso.datetime().nullable().describe('When the next attempt is due; null unless pending.'),
    lastError: z.string().nullable().describe('Why the last attempt failed.'),
    createdAt: Timestamp('When the event was fanned out to this subscription.'),
    deliveredAt: z.iso.datetime().nullable().describe('When the receiver acknowledged it.'),
    attempts: z.array(WebhookAttempt).describe('Every attempt, oldest first.'),
  })
  .meta({
    id: 'WebhookDelivery',
    description: 'One event’s delivery to one subscription, with every attempt.',
    examples: [deliveryExample],
  });

const NewWebhookSubscription = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe('Where to post deliveries (http or https).'),
    events: z.array(EventType).min(1).max(20).describe('The event types to deliver (repeats count once).'),
    payload: WebhookPayload.default('thin'),
  })
  .meta({
    id: 'NewWebhookSubscription',
    description: 'A URL and the event types to deliver to it.',
    examples: [
      {
        url: 'https://helpdesk.example/hooks/omni',
        events: ['message.created', 'message.delivery_updated'],
        payload: 'full',
      },
    ],
  });

const SecretRotation = z
  .strictObject({
    gracePeriodSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_WEBHOOK_SECRET_GRACE_SECONDS)
      .optional()
      .describe(
        'How long the previous secret keeps signing beside the new one (0: cut over at once). Default: the server’s `OMNI_WEBHOOK_SECRET_GRACE_SECONDS`, 86400 (24 hours) unless set.',
      ),
  })
  .meta({
    id: 'WebhookSecretRotation',
    description: 'How long the previous secret stays valid.',
    examples: [{ gracePeriodSeconds: 86400 }],
  });

const subscriptionPage = pageOf(WebhookSubscription, 'WebhookSubscription', subscriptionExample);
const deliveryPage = pageOf(WebhookDelivery, 'WebhookDelivery', deliveryExample);

export function webhookRoutes({
  pool,
  verifier,
  outboundGuard,
  webhookSecretGraceSeconds,
}: RouteDeps): FastifyPluginAsync {
  return async (root) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const manage = requireScope(verifier, 'webhooks:manage');
    const tags: ['webhooks'] = ['webhooks'];

    app.post(
      '/v1/webhooks',
      {
        preHandler: manage,
        schema: operation({
          operationId: 'createWebhook',
          tags,
          summary: 'Subscribe a URL to events',
          description:
            'Deliveries are signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`) with the returned `secret`, retried with exponential backoff for about 27 hours; a subscription whose deliveries fail for the whole schedule is disabled (event `webhook.disabled`). Events recorded from now on are delivered; the `webhooks` section describes each body. Scope `webhooks:manage`.',
          headers: IdempotencyHeaders,
          body: NewWebhookSubscription,
          responses: {
            201: {
              description: 'The subscription, with its signing secret.',
              schema: WebhookSubscriptionWithSecret,
            },
          },
        }),
      },
      async (request, reply) => {
        await refuseForbiddenWebhookUrl(outboundGuard, request.body.url);
        return idempotent(pool, request, reply, async (client) => ({
          status: 201,
          body: await createSubscription(
            client,
            { ...request.body, events: [...new Set(request.body.events)] },
            request.principal?.id,
          ),
        }));
      },
    );

    app.get(
      '/v1/webhooks',
      {
        preHandler: manage,
        schema: operation({
          operationId: 'listWebhooks',
          tags,
          summary: 'List subscriptions',
          description: 'Oldest first, disabled ones too. Scope `webhooks:manage`.',
          querystring: PageQuery,
          responses: { 200: { description: 'A page of subscriptions.', schema: subscriptionPage } },
        }),
      },
      async (request) => listSubscriptions(pool, request.query.limit, request.query.cursor),
    );

    app.get(
      '/v1/webhooks/:id',
      {
        preHandler: manage,
        schema: operation({
          operationId: 'getWebhook',
          tags,
          summary: 'Get a subscription',
          description:
            'Its state, with the rotation state of its signing secret (never the secret itself). Scope `webhooks:manage`.',
          params: IdParams,
          responses: { 200: { description: 'The subscription.', schema: WebhookSubscription } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        const subscription = await getSubscription(pool, request.params.id);
        if (!subscription) throw notFound(`no webhook subscription ${request.params.id}`);
        return subscription;
      },
    );

    app.post(
      '/v1/webhooks/:id/rotate-secret',
      {
        preHandler: manage,
        schema: operation({
          operationId: 'rotateWebhookSecret',
          tags,
          summary: 'Rotate a subscription’s signing secret',
          description:
            'Issues a new secret (returned only here). For the grace period the previous secret keeps signing too: every delivery’s `webhook-signature` carries both `v1,` signatures, space-separated as Standard Webhooks allows, so a receiver verifying with either secret keeps working until it is given the new one; afterwards only the new one signs. Rotating again during an overlap drops the oldest secret. Scope `webhooks:manage`.',
          params: IdParams,
          headers: IdempotencyHeaders,
          body: SecretRotation,
          responses: {
            200: {
              description: 'The subscription with its new secret and the end of the overlap.',
              schema: WebhookSubscriptionWithSecret,
            },
          },
          problems: ['not-found'],
        }),
      },
      async (request, reply) =>
        idempotent(pool, request, reply, async (client) => {
          const grace = request.body.gracePeriodSeconds ?? webhookSecretGraceSeconds;
          const rotated = await rotateWebhookSecret(client, request.params.id, grace);
          const subscription = rotated && (await getSubscription(client, request.params.id));
          if (!rotated || !subscription) throw notFound(`no webhook subscription ${request.params.id}`);
          return { status: 200, body: { ...subscription, secret: rotated.secret } };
        }),
    );

    app.delete(
      '/v1/webhooks/:id',
      {
        preHandler: manage,
        schema: operation({
          operationId: 'deleteWebhook',
          tags,
          summary: 'Delete a subscription',
          description: 'Stops its deliveries (pending ones are dropped). Scope `webhooks:manage`.',
          params: IdParams,
          responses: { 204: { description: 'Deleted.' } },
          problems: ['not-found'],
        }),
      },
      async (request, reply) => {
        if (!(await deleteSubscription(pool, request.params.id)))
          throw notFound(`no webhook subscription ${request.params.id}`);
        return reply.code(204).send();
      },
    );

    app.get(
      '/v1/webhooks/:id/deliveries',
      {
        preHandler: manage,
        schema: operation({
          operationId: 'listWebhookDeliveries',
          tags,
          summary: 'List a subscription’s deliveries',
          description: 'Newest first, each with every attempt. Scope `webhooks:manage`.',
          params: IdParams,
          querystring: PageQuery,
          responses: { 200: { description: 'A page of deliveries.', schema: deliveryPage } },
          problems: ['not-found'],
        }),
      },
      async (request) => {
        if (!(await subscriptionExists(pool, request.params.id)))
          throw notFound(`no webhook subscription ${request.params.id}`);
        return listDeliveries(pool, request.params.id, request.query.limit, request.query.cursor);
      },
    );
  };
}
