import { createTestDatabase, type TestDatabase } from './postgres';

/** Env vars through which jest's global setup hands the servers to test workers. */
export const TEST_ENV = {
  /** One PostgreSQL server per jest worker, space-separated (see {@link workerPostgres}). */
  databaseUrl: 'OMNI_TEST_DATABASE_URL',
  kafkaBrokers: 'OMNI_TEST_KAFKA_BROKERS',
  /** Per server, in the same order: a database with every migration applied, to copy (`createMigratedTemplate`). */
  migratedTemplate: 'OMNI_TEST_MIGRATED_TEMPLATE',
} as const;

/**
 * This worker's PostgreSQL server. Files run side by side, but each worker runs one file at a
 * time, and on a server of its own: a transaction open in one file must not hold back another
 * file's readers that stop below the oldest running transaction of the whole server
 * (`pg_snapshot_xmin`: the outbox relay, the webhook worker, the change feed).
 */
function workerPostgres(): { url: string; template: string | undefined } {
  const urls = required(TEST_ENV.databaseUrl).split(' ');
  const templates = process.env[TEST_ENV.migratedTemplate]?.split(' ') ?? [];
  const index = (Number(process.env.JEST_WORKER_ID ?? '1') - 1) % urls.length;
  return { url: urls[index] as string, template: templates[index] };
}

/** A fresh database on this worker's PostgreSQL; call `drop()` in `afterAll`. */
export function testDatabase(prefix: string): Promise<TestDatabase> {
  return createTestDatabase(workerPostgres().url, prefix);
}

/**
 * A fresh database with every migration applied: a copy of the run's migrated template
 * (made once by the global setup), or an empty one when there is none.
 */
export function migratedTestDatabase(prefix: string): Promise<TestDatabase> {
  const { url, template } = workerPostgres();
  return createTestDatabase(url, prefix, template);
}

/** The run's Kafka bootstrap servers. */
export function testKafkaBrokers(): string[] {
  return required(TEST_ENV.kafkaBrokers)
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(
      `${name} is not set: integration tests (*.int.test.ts) get their servers from the testkit's jest ` +
        'global setup; run them through the integration project, e.g. `npx jest --selectProjects integration`.',
    );
  }
  return value;
}
