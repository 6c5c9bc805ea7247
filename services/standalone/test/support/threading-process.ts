/**
 * The threading service alone, as its own process, for crash tests: env DATABASE_URL,
 * KAFKA_BROKERS and KAFKA_TOPIC_PREFIX (the test file's: its topics and consumer groups, as
 * files run side by side on one Kafka). With CRASH_AFTER_COMMIT=1 the process SIGKILLs itself
 * right after the first batch's database transaction committed — before the bus commits
 * the Kafka offsets: the worst moment to die.
 */
import { type Bus, KafkaBus } from '@omni/bus';
import { createPool } from '@omni/db';
import { createLogger } from '@omni/service-kit';
import { buildThreadingService } from '@omni/threading';

async function main() {
  const log = createLogger({ service: 'threading-crash-test', level: 'warn' });
  const bus = await KafkaBus.connect({
    brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    clientId: 'threading-crash-test',
    log,
    topicPrefix: process.env.KAFKA_TOPIC_PREFIX,
    createTopics: true,
    // The crashed process's membership must expire before its partitions are reassigned.
    sessionTimeoutMs: 6_000,
  });
  const crash = process.env.CRASH_AFTER_COMMIT === '1';
  const crashing: Bus = {
    publish: (topic, records) => bus.publish(topic, records),
    health: () => bus.health(),
    close: () => bus.close(),
    subscribe: (options) =>
      bus.subscribe({
        ...options,
        handle: async (records) => {
          await options.handle(records);
          if (crash) {
            process.stdout.write(`committed ${records.length}\n`);
            process.kill(process.pid, 'SIGKILL');
          }
        },
      }),
  };
  const pool = createPool({ url: process.env.DATABASE_URL ?? '', log });
  const service = buildThreadingService({
    pool,
    bus: crashing,
    log,
    settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
  });
  await service.start?.();
  process.stdout.write('ready\n');
  process.on('SIGTERM', async () => {
    await service.stop?.();
    await bus.close();
    await pool.end();
    process.exit(0);
  });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
