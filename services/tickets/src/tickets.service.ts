import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { Bus } from '@omni/bus';
import { type ReplyChannelConfig, replyChannelSettings } from '@omni/customers';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS,
  HttpProblem,
  type Logger,
  type OutboundGuard,
  OutboxRelay,
  type PrivacyConfig,
  type ServiceContext,
  type ServiceModule,
  strictOutboundGuard,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { Registry } from 'prom-client';
import { ApiKeyVerifier, ensureBootstrapKey, hashApiKey } from './api-keys';
import { startDeliveryConsumer } from './delivery.consumer';
import { pruneIdempotencyKeys } from './idempotency';
import { registerOpenApi } from './openapi/document';
import { checkResponsesByDefault, responseSerializerCompiler } from './response-serializer';
import { retentionJob } from './retention.job';
import { attachmentRoutes } from './routes/attachment.routes';
import { customerRoutes } from './routes/customer.routes';
import { eventRoutes } from './routes/event.routes';
import { privacyRoutes } from './routes/privacy.routes';
import type { RouteDeps } from './routes/route-deps';
import { ticketRoutes } from './routes/ticket.routes';
import { typingRoutes } from './routes/typing.routes';
import { webhookRoutes } from './routes/webhook.routes';
import { type ApiSettings, apiSettingsFromEnv } from './settings';
import { TypingFeed } from './typing-feed';
import { WebhookWorker, type WebhookWorkerOptions } from './webhooks/webhook.worker';

export interface TicketsDeps {
  pool: Pool;
  log: Logger;
  /** Replies leave through it (outbox relay); delivery reports arrive on it. Without it, no background work runs. */
  bus?: Bus;
  /** `OMNI_BOOTSTRAP_API_KEY`. */
  bootstrapApiKey?: string;
  api?: Partial<ApiSettings>;
  /** Region for phone numbers without a country code (threading's setting). */
  defaultPhoneRegion?: string;
  blobs?: BlobStore;
  /** Webhook worker tuning (tests shrink the retry schedule here). */
  webhooks?: Partial<Omit<WebhookWorkerOptions, 'pool' | 'log'>>;
  /** `config.channels`: the email accounts replies to web-form tickets leave from. Without it such replies get 409. */
  channels?: ReplyChannelConfig;
  /** Webhook URLs are judged by it when registered and at every delivery (`OMNI_OUTBOUND_ALLOW`). Default: no allowlist. */
  outboundGuard?: OutboundGuard;
  /** Background work (relay, delivery consumer, webhook worker, retention); off for a pure API replica. Default true. */
  background?: boolean;
  /** Check every answer against its response schema (slow; default: under tests only). */
  checkResponses?: boolean;
  /** `config.privacy`: with it, the retention job runs (one replica at a time) as part of the background work. */
  privacy?: PrivacyConfig;
  /** Where the retention job's progress is reported. */
  metrics?: Registry;
}

/**
 * The ticket service: the `/v1` REST API helpdesks integrate with (API.md), its OpenAPI
 * document and reference, and the background work of the reply lifecycle — the outbox
 * relay, the delivery-report consumer and the webhook worker.
 */
export function buildTicketsService(deps: TicketsDeps): ServiceModule {
  const { pool, log, bus } = deps;
  const verifier = new ApiKeyVerifier(pool);
  const blobs = deps.blobs ?? new PgBlobStore(pool);
  const outboundGuard = deps.outboundGuard ?? strictOutboundGuard();
  const routeDeps: RouteDeps = {
    pool,
    log,
    verifier,
    blobs,
    outboundGuard,
    replyChannels: replyChannelSettings(deps.channels ?? { email: [], webform: [] }),
    webhookSecretGraceSeconds: deps.api?.webhookSecretGraceSeconds ?? DEFAULT_WEBHOOK_SECRET_GRACE_SECONDS,
  };
  const rateLimitPerMinute = deps.api?.rateLimitPerMinute ?? 1200;
  const corsOrigins = deps.api?.corsOrigins ?? [];

  const typingFeed = new TypingFeed(pool, log);
  const routes: FastifyPluginAsync = async (app) => {
    // zod validates requests within this plugin only; answers are checked against their schemas in tests.
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(responseSerializerCompiler(deps.checkResponses ?? checkResponsesByDefault()));
    await app.register(cors, {
      origin: corsOrigins.includes('*') ? true : corsOrigins,
      exposedHeaders: [
        'x-request-id',
        'retry-after',
        'idempotent-replayed',
        'x-ratelimit-limit',
        'x-ratelimit-remaining',
        'x-ratelimit-reset',
      ],
      allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'range', 'x-request-id'],
    });
    await app.register(rateLimit, {
      max: rateLimitPerMinute,
      timeWindow: 60_000,
      // Per key (hashed: the store never holds a usable key); anonymous callers per address.
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        return auth ? `key:${hashApiKey(auth)}` : `ip:${request.ip}`;
      },
      errorResponseBuilder: (_request, ctx) =>
        new HttpProblem(
          429,
          'rate-limited',
          'Too many requests',
          `at most ${ctx.max} requests per minute per API key; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
        ),
    });
    await registerOpenApi(app);
    await app.register(ticketRoutes(routeDeps));
    await app.register(customerRoutes(routeDeps, deps.defaultPhoneRegion ?? 'RU'));
    await app.register(privacyRoutes(routeDeps));
    await app.register(attachmentRoutes(routeDeps));
    await app.register(eventRoutes(routeDeps));
    await app.register(webhookRoutes(routeDeps));
    await app.register(typingRoutes(routeDeps, typingFeed));
  };

  const relay = bus ? new OutboxRelay({ pool, bus, log }) : undefined;
  const webhooks = new WebhookWorker({ pool, log, outboundGuard, ...deps.webhooks });
  const retention = deps.privacy
    ? retentionJob({ pool, log, blobs, privacy: deps.privacy, metrics: deps.metrics ?? new Registry() })
    : undefined;
  let pruneTimer: NodeJS.Timeout | undefined;
  return {
    name: 'tickets',
    routes,
    async start() {
      if (deps.bootstrapApiKey) {
        await ensureBootstrapKey(pool, deps.bootstrapApiKey);
        log.info('bootstrap API key ensured');
      }
      if (deps.background === false) return;
      retention?.start();
      if (!bus || !relay) return;
      await startDeliveryConsumer({ bus, pool, log });
      relay.start();
      webhooks.start();
      pruneTimer = setInterval(
        () =>
          void pruneIdempotencyKeys(pool).catch((err: unknown) =>
            log.warn({ err }, 'idempotency pruning failed'),
          ),
        3_600_000,
      );
      pruneTimer.unref();
    },
    async stop() {
      if (pruneTimer) clearInterval(pruneTimer);
      await retention?.stop();
      await webhooks.stop();
      await relay?.stop();
      await typingFeed.stop();
    },
  };
}

/**
 * The ticket service from a process's context, as every process that runs it builds it (its
 * own `main.ts`, the all-in-one): settings from the configuration file and the API's variables
 * (`TicketsEnv`).
 * `bootstrapApiKey` is passed apart: the launcher keeps its own under `.data/`.
 */
export function ticketsServiceOf(
  ctx: ServiceContext & { pool: Pool },
  bootstrapApiKey: string | undefined,
): ServiceModule {
  const { pool, log, bus, config, outboundGuard, metrics } = ctx;
  return buildTicketsService({
    pool,
    log,
    bus,
    bootstrapApiKey,
    api: apiSettingsFromEnv(process.env),
    defaultPhoneRegion: config.threading.defaultPhoneRegion,
    channels: config.channels,
    outboundGuard,
    privacy: config.privacy,
    metrics,
  });
}
