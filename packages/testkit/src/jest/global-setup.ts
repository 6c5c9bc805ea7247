import { startKafka, type TestKafka } from '../kafka';
import { elapsedMs, logLine } from '../log';
import { createMigratedTemplate, startPostgres, type TestDatabase, type TestPostgres } from '../postgres';
import { TEST_ENV } from '../test-env';

/** Handles kept for the teardown, which jest runs in the same process. */
export interface TestServers {
  postgres?: TestPostgres;
  kafka?: TestKafka;
  template?: TestDatabase;
}

export const SERVERS_KEY = '__omniTestServers';

/** Starts PostgreSQL and Kafka once per jest run, in parallel; workers inherit the env vars. */
export default async function globalSetup(): Promise<void> {
  const startedAt = performance.now();
  const timed = async <T>(start: () => Promise<T>): Promise<[T, number]> => {
    const began = performance.now();
    const value = await start();
    return [value, elapsedMs(began)];
  };
  const [postgres, kafka] = await Promise.allSettled([
    // Test files run side by side (jest.config.js), each with pools of its own: the default
    // 100 connections are not enough for several files' services at once.
    timed(async () => {
      const server = await startPostgres({ settings: { max_connections: '400' } });
      // Migrated once here, while Kafka is still starting; each test file's harness copies it.
      try {
        return { server, template: await createMigratedTemplate(server.url) };
      } catch (error) {
        await server.stop();
        throw error;
      }
    }),
    timed(startKafka),
  ]);
  const servers: TestServers = {};
  if (postgres.status === 'fulfilled') {
    servers.postgres = postgres.value[0].server;
    servers.template = postgres.value[0].template;
  }
  if (kafka.status === 'fulfilled') servers.kafka = kafka.value[0];
  Reflect.set(globalThis, SERVERS_KEY, servers);
  if (postgres.status === 'rejected' || kafka.status === 'rejected') {
    // Jest skips the teardown when setup throws: stop whichever did start ourselves.
    await Promise.allSettled([servers.postgres?.stop(), servers.kafka?.stop()]);
    const reasons = [postgres, kafka].flatMap((result) =>
      result.status === 'rejected' ? [result.reason] : [],
    );
    throw new AggregateError(reasons, `test servers failed to start: ${reasons.map(messageOf).join('; ')}`);
  }
  process.env[TEST_ENV.databaseUrl] = postgres.value[0].server.url;
  process.env[TEST_ENV.migratedTemplate] = postgres.value[0].template.name;
  process.env[TEST_ENV.kafkaBrokers] = kafka.value[0].brokers.join(',');
  logLine(
    `test servers ready in ${elapsedMs(startedAt)} ms: postgres (${postgres.value[0].server.source}, migrated template included) ${postgres.value[1]} ms, ` +
      `kafka (${kafka.value[0].source}) ${kafka.value[1]} ms`,
  );
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
