import { type Bus, KafkaBus, type KafkaBusOptions } from '@omni/bus';
import { createPool, type Pool, runMigrations } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import { migratedTestDatabase, testKafkaBrokers } from './test-env';
import { testLogger } from './test-logger';
import { uniqueName } from './unique-name';

export interface Harness {
  /** A fresh, migrated database of this test file. */
  pool: Pool;
  databaseUrl: string;
  /**
   * Topic prefix of this test file: its topics are its own on the shared Kafka. Its buses'
   * consumer groups carry it too ({@link groupId}).
   */
  topicPrefix: string;
  brokers: string[];
  log: Logger & { lines: string[] };
  /**
   * A KafkaBus on this file's topics and consumer groups (the bus prefixes both with
   * {@link topicPrefix}); closed by `close()`.
   */
  kafkaBus(overrides?: Partial<KafkaBusOptions>): Promise<Bus>;
  /** The name a group subscribed as `name` on this file's buses has on the broker. */
  groupId(name: string): string;
  close(): Promise<void>;
}

/**
 * Per test file: a migrated database and a topic namespace on the run's real PostgreSQL
 * and Kafka, plus buses that are all closed at the end. Call in `beforeAll`, close in `afterAll`.
 */
export async function startHarness(name: string): Promise<Harness> {
  const db = await migratedTestDatabase(name);
  const log = testLogger(name);
  const pool = createPool({ url: db.url, log, max: 10 });
  // A no-op on the copy of the migrated template (it checks what was applied); applies
  // everything on a database made without one.
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
      // Test files run side by side on the run's one Kafka, and services name their groups
      // with fixed names (omni-threading, …): the topic prefix keeps each file's groups apart.
      return bus;
    },
    groupId: (name) => `${topicPrefix}${name}`,
    async close() {
      await Promise.allSettled(buses.map((b) => b.close()));
      await pool.end();
      await db.drop();
    },
  };
}
