import type { Bus } from '@omni/bus';
import { checkDatabase, type Pool } from '@omni/db';
import closeWithGrace from 'close-with-grace';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { createHttpServer, type ReadinessCheck } from './http-server';
import type { ServiceModule } from './service-module';

export interface RunServicesOptions {
  log: Logger;
  metrics: Registry;
  bus: Bus;
  pool?: Pool;
  modules: ServiceModule[];
  /** Checks of the process itself, beside the bus's, the database's and the modules'. */
  readiness?: ReadinessCheck[];
  host: string;
  port: number;
  bodyLimit?: number;
  /** Closed last, after the pool (e.g. an embedded PostgreSQL server). */
  finalClosers?: Array<() => Promise<void>>;
}

export interface RunningServices {
  app: FastifyInstance;
  /** Base URL the server listens on. */
  url: string;
  /** Graceful stop: HTTP intake, then modules, then the bus (drain and commit), then the pool. */
  stop(): Promise<void>;
}

export async function runServices(opts: RunServicesOptions): Promise<RunningServices> {
  const { log, bus, pool, modules } = opts;
  const readiness: ReadinessCheck[] = [
    { name: 'bus', check: () => ({ ...bus.health() }) },
    ...(pool ? [{ name: 'database', check: () => checkDatabase(pool) }] : []),
    ...(opts.readiness ?? []),
    ...modules.flatMap((m) => m.readiness ?? []),
  ];
  const app = createHttpServer({ log, metrics: opts.metrics, readiness, bodyLimit: opts.bodyLimit });
  for (const m of modules) if (m.routes) await app.register(m.routes);
  await app.listen({ host: opts.host, port: opts.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const url = `http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${port}`;
  for (const m of modules) await m.start?.();

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      log.info('stopping: HTTP intake first');
      let since = performance.now();
      await app.close();
      log.info({ ms: Math.round(performance.now() - since) }, 'HTTP intake closed');
      for (const m of [...modules].reverse()) {
        if (!m.stop) continue;
        since = performance.now();
        await m
          .stop()
          .catch((err: unknown) => log.error({ err, module: m.name }, 'module failed to stop cleanly'));
        // Which part of a slow stop took the time (the whole is bounded by the shutdown timeout).
        log.debug({ module: m.name, ms: Math.round(performance.now() - since) }, 'module stopped');
      }
      await bus.close().catch((err: unknown) => log.error({ err }, 'bus failed to close cleanly'));
      await pool?.end().catch((err: unknown) => log.error({ err }, 'pool failed to close cleanly'));
      for (const close of opts.finalClosers ?? [])
        await close().catch((err: unknown) => log.error({ err }, 'close failed'));
      log.info('stopped');
    })();
    return stopping;
  };
  return { app, url, stop };
}

const RELAYED_SIGNAL_WINDOW_MS = 1_500;

/**
 * Process entry glue: SIGINT/SIGTERM (or an uncaught error) stop the services gracefully
 * within `timeoutSeconds`, then the process exits. Returns a function that triggers the
 * same shutdown, for fatal conditions found at run time.
 */
export function stopOnSignals(
  running: Pick<RunningServices, 'stop'>,
  log: Logger,
  timeoutSeconds: number,
): (reason: string) => void {
  // SIGINT and SIGTERM are handled below (a relayed repeat is not a second request).
  const handler = closeWithGrace(
    { delay: timeoutSeconds * 1000, skip: ['SIGINT', 'SIGTERM'] },
    async ({ signal, err }) => {
      if (err) log.fatal({ err }, 'stopping after an uncaught error');
      else if (signal) log.info({ signal }, 'stopping on signal');
      await running.stop();
    },
  );
  let first: number | undefined;
  const onStopSignal = (signal: NodeJS.Signals) => {
    if (first === undefined) {
      first = Date.now();
      log.info({ signal }, 'stopping on signal');
      void handler.close();
      return;
    }
    // `pnpm start` runs node under npm exec, pnpm and tsx: one Ctrl-C reaches each of them
    // (the terminal signals the whole group) and the wrappers relay it once more. A repeat
    // within a moment is that echo; only a later one means "stop now".
    if (Date.now() - first < RELAYED_SIGNAL_WINDOW_MS) return;
    log.error({ signal }, 'second signal: exiting without finishing in-flight work');
    process.exit(1);
  };
  process.on('SIGINT', onStopSignal);
  process.on('SIGTERM', onStopSignal);
  return (reason) => {
    log.fatal({ reason }, 'stopping: fatal condition');
    // Give /readyz a moment to report why before the process exits with a failure code.
    setTimeout(() => {
      process.exitCode = 1;
      handler.close();
    }, 2_000).unref();
  };
}
