import type { Bus } from '@omni/bus';
import { DomainEvent, ERROR_CODES, OmniError, TOPICS } from '@omni/contracts';
import { type ReplyChannelConfig, replyChannelSettings } from '@omni/customers';
import type { Pool } from '@omni/db';
import {
  ApiKeyVerifier,
  type Logger,
  type OmniConfig,
  OutboxRelay,
  type ServiceModule,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { automationMetrics } from './automation-metrics';
import { sendDueSurveys } from './csat-survey';
import { handleEvents } from './event.consumer';
import { LeasedScheduler } from './leased-scheduler';
import { automationRoutes } from './routes/automation.routes';
import { availabilityRoutes } from './routes/availability.routes';
import { ratingPageRoutes } from './routes/rating-page.routes';
import { SlaScheduler } from './sla-scheduler';

export interface AutomationDeps {
  pool: Pool;
  bus: Bus;
  log: Logger;
  config: OmniConfig['automation'];
  /** `config.channels`: acknowledgements of web-form tickets leave by email through these accounts. */
  channels?: ReplyChannelConfig;
  metrics: Registry;
  groupId?: string;
  /** The clock of routing, acknowledgements and SLA checks (tests move it). */
  now?: () => Date;
  /** Off in tests that drive `checkSlaClocks` and `sendDueSurveys` themselves. */
  scheduler?: boolean;
}

export const AUTOMATION_GROUP = 'omni-automation';

/**
 * First-line automation: on every new ticket routing, SLA clocks in business time and the
 * acknowledgement that states the wait; an SLA scheduler (one replica, by lease) emitting
 * `sla.warning`/`sla.breached`; satisfaction surveys after resolution (another leased
 * scheduler) and their rating page `/csat/<token>`; `/v1/stats` and `/v1/announcements`; the
 * public `/availability/<channel>/<account>` (hours, wait, announcements) for the live-chat widget.
 */
export function buildAutomationService({
  pool,
  bus,
  log,
  config,
  channels,
  metrics: registry,
  groupId = AUTOMATION_GROUP,
  now = () => new Date(),
  scheduler = true,
}: AutomationDeps): ServiceModule {
  const automationLog = log.child({ component: 'automation' });
  const metrics = automationMetrics(registry);
  const replyChannels = replyChannelSettings(channels ?? { email: [], webform: [] });
  const verifier = new ApiKeyVerifier(pool);
  // The acknowledgements leave through the outbox; whichever replica of any service holds the relay lease publishes them.
  const relay = new OutboxRelay({ pool, bus, log });
  const sla = new SlaScheduler({
    pool,
    log: automationLog,
    intervalMs: config.sla.checkIntervalSeconds * 1000,
    now,
    metrics,
  });
  const surveys = new LeasedScheduler({
    name: 'omni-csat-scheduler',
    pool,
    log: automationLog,
    intervalMs: config.csat.checkIntervalSeconds * 1000,
    now,
    pass: async (at) => {
      const r = await sendDueSurveys(pool, at, { config: config.csat, replyChannels });
      metrics.surveys.inc({ outcome: 'sent' }, r.sent);
      for (const [reason, n] of Object.entries(r.skipped)) metrics.surveys.inc({ outcome: reason }, n);
      return r.handled;
    },
  });
  const routes: FastifyPluginAsync = async (app) => {
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(automationRoutes(pool, verifier));
    await app.register(ratingPageRoutes(pool, config.csat, now));
    await app.register(availabilityRoutes(pool, config, now));
  };
  return {
    name: 'automation',
    routes,
    async start() {
      relay.start();
      if (scheduler) {
        sla.start();
        surveys.start();
      }
      await bus.subscribe({
        groupId,
        topic: TOPICS.events,
        schema: DomainEvent,
        // A redelivered ticket.created finds its clocks; an answer or a status change applied
        // again leaves the state it left (each of their UPDATEs is guarded).
        idempotent: true,
        handle: async (records) => {
          await handleEvents(
            records.map((r) => r.value),
            { pool, log: automationLog, config, replyChannels, metrics, now },
          ).catch((err: unknown) => {
            throw permanentIfDataError(err);
          });
        },
      });
    },
    async stop() {
      await sla.stop();
      await surveys.stop();
      await relay.stop();
    },
  };
}

/**
 * A data exception, a violated check/not-null constraint or stored data that makes no
 * valid outbound message fails the same way on every retry: the event goes to the DLQ with the reason. Anything else (connection loss,
 * deadlock, serialization) is retried in place.
 */
function permanentIfDataError(err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  const invalidOutbound = err instanceof Error && err.name === 'ZodError'; // stored data that makes no valid message
  if (invalidOutbound || (typeof code === 'string' && /^(22|23502|23514)/.test(code))) {
    return new OmniError(
      ERROR_CODES.dataRejected,
      `the database rejected the event's effects: ${(err as Error).message}`,
      {
        retriable: false,
        cause: err,
      },
    );
  }
  return err;
}
