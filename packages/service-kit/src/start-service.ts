import type { Bus } from '@omni/bus';
import { createPool, PgDeadLetterStore, type Pool, runMigrations } from '@omni/db';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { accountSchemasOf, type ChannelDefinition } from './channel-definition';
import { createBus, inProcessBus } from './create-bus';
import { CommonEnv, parseEnv } from './env';
import type { ReadinessCheck } from './http-server';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { loadOmniConfig, type OmniConfig, resolveConfigPath } from './omni-config';
import { countChannelAccounts } from './omni-metrics';
import { OutboundGuard } from './outbound-guard';
import { type RunningServices, runServices, stopOnSignals } from './run-services';
import type { ServiceModule } from './service-module';
import { setupTracing, tracingEnabled } from './tracing';

/** Everything a service's `build…()` gets: parsed once, passed down, never read from `process.env` again. */
export interface ServiceContext {
  env: CommonEnv;
  config: OmniConfig;
  log: Logger;
  metrics: Registry;
  bus: Bus;
  pool: Pool | undefined;
  /** Outbound HTTP on a user's behalf (webhooks, payload URLs) goes through it: `OMNI_OUTBOUND_ALLOW`. */
  outboundGuard: OutboundGuard;
}

type DatabaseNeed = 'required' | 'none';
type ContextFor<D extends DatabaseNeed> = D extends 'required'
  ? ServiceContext & { pool: Pool }
  : ServiceContext;

export interface StartServiceOptions<D extends DatabaseNeed = DatabaseNeed> {
  name: string;
  /** The channels this process hosts: their config sections are validated strictly at start. */
  channels?: readonly ChannelDefinition[];
  /** `required`: a PostgreSQL URL must be known and migrations are applied before building. */
  database: D;
  build: (ctx: ContextFor<D>) => ServiceModule[] | Promise<ServiceModule[]>;
  /** Supplies a database when `DATABASE_URL` is absent (the launcher's embedded PostgreSQL). */
  fallbackDatabase?: (log: Logger) => Promise<{ url: string; close: () => Promise<void> }>;
  processEnv?: Record<string, string | undefined>;
  /** Called once the server listens and background work runs. */
  onStarted?: (info: { url: string; ctx: ServiceContext }) => void;
}

/**
 * A service process from start to stop: environment and configuration parsed once,
 * logger, metrics, database (migrated), bus, HTTP server, background work, and a
 * graceful shutdown on signals or when the bus gives up.
 */
export async function startService<D extends DatabaseNeed>(
  opts: StartServiceOptions<D>,
): Promise<RunningServices & { ctx: ServiceContext }> {
  const processEnv = opts.processEnv ?? process.env;
  const env = parseEnv(CommonEnv, processEnv);
  const tracing = tracingEnabled(env)
    ? await setupTracing({ service: opts.name, otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT })
    : undefined;
  const log = createLogger({ service: opts.name, level: env.LOG_LEVEL });
  const hosted = opts.channels ?? [];
  const config = loadOmniConfig(resolveConfigPath(processEnv), processEnv, accountSchemasOf(hosted));
  const metrics = createMetrics(opts.name);

  const finalClosers: Array<() => Promise<void>> = [];
  // Spans still buffered for the collector leave before the process exits.
  if (tracing) finalClosers.push(() => tracing.flush());
  let pool: Pool | undefined;
  if (opts.database === 'required') {
    let url = env.DATABASE_URL;
    if (!url && opts.fallbackDatabase) {
      const db = await opts.fallbackDatabase(log);
      url = db.url;
      finalClosers.push(db.close);
    }
    if (!url) throw new Error(`${opts.name} needs DATABASE_URL`);
    pool = createPool({ url, log, applicationName: opts.name });
    await runMigrations(pool, log);
  }

  let onFatal: (reason: string) => void = () => undefined;
  // Without Kafka, dead letters are kept in PostgreSQL: `pnpm omni dlq` finds them after a restart.
  const deadLetters = pool && inProcessBus(env) ? new PgDeadLetterStore(pool) : undefined;
  const bus = await createBus(env, log, (reason) => onFatal(reason), metrics, deadLetters);
  const readiness: ReadinessCheck[] = deadLetters
    ? [{ name: 'dead-letters', check: async () => ({ ok: true, pending: await deadLetters.pending() }) }]
    : [];
  const outboundGuard = new OutboundGuard({ allow: env.OMNI_OUTBOUND_ALLOW });
  finalClosers.push(() => outboundGuard.close());
  const ctx: ServiceContext = { env, config, log, metrics, bus, pool, outboundGuard };
  const modules = await opts.build(ctx as ContextFor<D>);
  countChannelAccounts(metrics, hosted, config);
  const running = await runServices({
    log,
    metrics,
    bus,
    pool,
    modules,
    readiness,
    host: env.HOST,
    port: env.PORT,
    finalClosers,
  });
  onFatal = stopOnSignals(running, log, env.SHUTDOWN_TIMEOUT_SECONDS);
  log.info(
    {
      url: running.url,
      modules: modules.map((m) => m.name),
      bus: env.KAFKA_BROKERS ? 'kafka' : 'in-process',
    },
    `${opts.name} listening`,
  );
  opts.onStarted?.({ url: running.url, ctx });
  return { ...running, ctx };
}

/** An adapter's `main.ts`: its channel alone in a process. */
export function runChannel(channel: ChannelDefinition): void {
  runMain({
    name: channel.service,
    database: 'required',
    channels: [channel],
    build: (ctx) => [channel.build(ctx)],
  });
}

/** A service's `main.ts`: start it, or print why it cannot start and exit non-zero. */
export function runMain<D extends DatabaseNeed>(opts: StartServiceOptions<D>): void {
  startService(opts).catch((err: unknown) => {
    const text =
      err instanceof Error
        ? err.name === 'ConfigError'
          ? err.message
          : (err.stack ?? err.message)
        : String(err);
    process.stderr.write(`${opts.name} failed to start: ${text}\n`);
    process.exit(1);
  });
}
