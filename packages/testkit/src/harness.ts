import { KafkaBus, type KafkaBusOptions } from '@omni/bus';
import { createPool, type Pool, runMigrations } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import { testDatabase, testKafkaBrokers } from './test-env';
import { testLogger } from './test-logger';
import { uniqueName } from './unique-name';

export interface Harness {
  /** A fresh, migrated database of this test file. */
  pool: Pool;
  databaseUrl: string;
  /** Topic prefix of this test file: its topics are its own on the shared Kafka. */
  topicPrefix: string;
  brokers: string[];
  log: Logger & { lines: string[] };
  /** A KafkaBus on this file's topics; closed by `close()`. */
  kafkaBus(overrides?: Partial<KafkaBusOptions>): Promise<KafkaBus>;
  close(): Promise<void>;
}

/**
 * Per test file: a migrated database and a topic namespace on the run's real PostgreSQL
 * and Kafka, plus buses that are all closed at the end. Call in `beforeAll`, close in `afterAll`.
 */
export async function startHarness(name: string): Promise<Harness> {
  const db = await testDatabase(name);
  const log = testLogger(name);
  const pool = createPool({ url: db.url, log, max: 10 });
  await runMigrations(pool, log);
  const topicPrefix = `${uniqueName(name)}.`;
  const brokers = testKafkaBrokers();
  const buses: KafkaBus[] = [];
  return {
    pool,
    databaseUrl: db.url,
    topicPrefix,
    brokers,
    log,
    async kafkaBus(overrides = {}) {
      const bus = await KafkaBus.connect({
        brokers,
        clientId: name,
        log,
        topicPrefix,
        createTopics: true,
        topicPartitions: 3,
        retryInitialDelayMs: 50,
        ...overrides,
      });
      buses.push(bus);
      return bus;
    },
    async close() {
      await Promise.allSettled(buses.map((b) => b.close()));
      await pool.end();
      await db.drop();
    },
  };
}
