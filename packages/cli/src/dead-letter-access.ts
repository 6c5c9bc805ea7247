import { PgDeadLetterStore } from '@omni/db';
import { type CommandContext, UsageError } from './command';
import { kafkaTarget, readTopic, type StoredRecord } from './kafka-access';

/** A record to hand back to its source topic, in place of the dead letter it came from. */
export interface Republish {
  from: StoredRecord;
  key: string | null;
  value: Buffer | string | null;
  headers: Record<string, string>;
}

/**
 * Where the dead letters are: the `<topic>.dlq` Kafka topics when `KAFKA_BROKERS` is set,
 * else the one-process launcher's table `dead_letters` (its bus has no Kafka). Both name a
 * record `<partition>:<offset>` (the table's rows are partition 0, offset = row id).
 */
export interface DeadLetterQueue {
  /** `Kafka` or `the launcher's database`, for messages. */
  where: string;
  read(dlqTopic: string): Promise<StoredRecord[]>;
  /** Hands records back to `topic`; resolves once they are durably on their way. */
  republish(topic: string, records: Republish[]): Promise<void>;
}

export async function deadLetterQueue(ctx: CommandContext): Promise<DeadLetterQueue> {
  const brokers = ctx.env.KAFKA_BROKERS?.trim();
  return brokers ? kafkaQueue(ctx) : databaseQueue(new PgDeadLetterStore(await ctx.db()));
}

function kafkaQueue(ctx: CommandContext): DeadLetterQueue {
  const { kafka, prefix } = kafkaTarget(ctx.env);
  return {
    where: 'Kafka',
    read: (dlq) => readTopic(kafka, `${prefix}${dlq}`),
    async republish(topic, records) {
      const producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      try {
        await producer.send({
          topic: `${prefix}${topic}`,
          acks: -1,
          messages: records.map(({ key, value, headers }) => ({ key, value, headers })),
        });
      } finally {
        await producer.disconnect();
      }
    },
  };
}

/**
 * The launcher's table. A replay is queued on the outbox with the dead letter marked
 * replayed, in one transaction: the running launcher's outbox relay publishes it on its
 * in-process bus within moments (or the launcher does when it next starts).
 */
function databaseQueue(store: PgDeadLetterStore): DeadLetterQueue {
  return {
    where: "the launcher's database",
    async read(dlq) {
      return (await store.list(dlq)).map((l) => ({
        partition: 0,
        offset: l.id,
        key: l.key,
        value: l.value,
        headers: l.headers,
        replayedAt: l.replayedAt ?? undefined,
      }));
    },
    async republish(topic, records) {
      const replays = records.map(({ from, key, value, headers }) => ({
        id: from.offset,
        topic,
        key: key ?? '',
        value: typeof value === 'string' ? value : (value?.toString('utf8') ?? 'null'),
        headers,
      }));
      // The outbox relay parses what it publishes: a value that is not JSON would stop it.
      for (const r of replays) {
        try {
          JSON.parse(r.value);
        } catch {
          throw new UsageError(`0:${r.id} is not JSON and cannot be replayed through the outbox`);
        }
      }
      await store.replay(replays);
    },
  };
}
