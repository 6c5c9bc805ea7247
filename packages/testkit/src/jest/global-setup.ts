import { startKafka, type TestKafka } from '../kafka';
import { elapsedMs, logLine } from '../log';
import { createMigratedTemplate, startPostgres, type TestDatabase, type TestPostgres } from '../postgres';
import { TEST_ENV } from '../test-env';

/** Handles kept for the teardown, which jest runs in the same process. */
export interface TestServers {
  /** One per jest worker, each with its migrated template. */
  postgres: Array<{ server: TestPostgres; template: TestDatabase & { name: string } }>;
  kafka?: TestKafka;
}

export const SERVERS_KEY = '__omniTestServers';

/**
 * Starts Kafka once per jest run and a PostgreSQL server per worker (TEST_ENV.databaseUrl), all
 * in parallel; workers inherit the env vars.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  const workers = Math.max(1, globalConfig.maxWorkers);
  const startedAt = performance.now();
  const timed = async <T>(start: () => Promise<T>): Promise<[T, number]> => {
    const began = performance.now();
    const value = await start();
    return [value, elapsedMs(began)];
  };
  const [postgres, kafka] = await Promise.allSettled([
    timed(() =>
      settleAll(
        Array.from({ length: workers }, async () => {
          // Room for a file's services and a leftover pool of the file before it.
          const server = await startPostgres({ settings: { max_connections: '400' } });
          // Migrated once here, while Kafka is still starting; each test file's harness copies it.
          try {
            return { server, template: await createMigratedTemplate(server.url) };
          } catch (error) {
            await server.stop();
            throw error;
          }
        }),
        (started) => Promise.allSettled(started.map(({ server }) => server.stop())),
      ),
    ),
    timed(startKafka),
  ]);
  const servers: TestServers = { postgres: [] };
  if (postgres.status === 'fulfilled') servers.postgres = postgres.value[0];
  if (kafka.status === 'fulfilled') servers.kafka = kafka.value[0];
  Reflect.set(globalThis, SERVERS_KEY, servers);
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    // Jest skips the teardown when setup throws: stop whichever did start ourselves.
    await Promise.allSettled([...servers.postgres.map(({ server }) => server.stop()), servers.kafka?.stop()]);
    const reasons = [postgres, kafka].flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    throw new AggregateError(reasons, `test servers failed to start: ${reasons.map(messageOf).join('; ')}`);
  }
  process.env[TEST_ENV.databaseUrl] = postgres.value[0].map(({ server }) => server.url).join(' ');
  process.env[TEST_ENV.migratedTemplate] = postgres.value[0].map(({ template }) => template.name).join(' ');
  process.env[TEST_ENV.kafkaBrokers] = kafka.value[0].brokers.join(',');
  logLine(
    `test servers ready in ${elapsedMs(startedAt)} ms: ${workers} × postgres (${postgres.value[0][0]?.server.source}, migrated template included) ${postgres.value[1]} ms, ` +
      `kafka (${kafka.value[0].source}) ${kafka.value[1]} ms`,
  );
}

/** All of `starting`, or — when one fails — none: the started ones are undone, the first failure thrown. */
async function settleAll<T>(starting: Promise<T>[], undo: (started: T[]) => Promise<unknown>): Promise<T[]> {
  const results = await Promise.allSettled(starting);
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r) => r.status === 'rejected');
  if (failed === undefined) return started;
  await undo(started);
  throw failed.reason;
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
