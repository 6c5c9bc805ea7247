import { createTestDatabase, type TestDatabase } from './postgres';

/** Env vars through which jest's global setup hands the servers to test workers. */
export const TEST_ENV = {
  databaseUrl: 'OMNI_TEST_DATABASE_URL',
  kafkaBrokers: 'OMNI_TEST_KAFKA_BROKERS',
  /** A database with every migration applied, to copy (see `createMigratedTemplate`). */
  migratedTemplate: 'OMNI_TEST_MIGRATED_TEMPLATE',
} as const;

/** A fresh database on the run's PostgreSQL; call `drop()` in `afterAll`. */
export function testDatabase(prefix: string): Promise<TestDatabase> {
  return createTestDatabase(required(TEST_ENV.databaseUrl), prefix);
}

/**
 * A fresh database with every migration applied: a copy of the run's migrated template
 * (made once by the global setup), or an empty one when there is none.
 */
export function migratedTestDatabase(prefix: string): Promise<TestDatabase> {
  return createTestDatabase(required(TEST_ENV.databaseUrl), prefix, process.env[TEST_ENV.migratedTemplate]);
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
