import { allTopics } from '@omni/asyncapi';
import { KafkaBus } from '@omni/bus';
import { CommonEnv, parseEnv, topicRetentionConfig } from '@omni/service-kit';
import type { Command, CommandGroup } from '../command';
import { kafkaTarget, waitForBrokers } from '../kafka-access';

/** Every topic with its DLQ, as the services name them (`KAFKA_TOPIC_PREFIX` applied). */
function topicNames(env: Record<string, string | undefined>): string[] {
  const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
  return allTopics().map((t) => `${prefix}${t}`);
}

const list: Command = {
  name: 'topics',
  summary: 'Print every Kafka topic the platform uses, DLQs included, one per line (from the channel list)',
  usage: '(KAFKA_TOPIC_PREFIX applied)',
  async run(ctx) {
    for (const topic of topicNames(ctx.env)) ctx.out(topic);
    return 0;
  },
};

const create: Command = {
  name: 'topics create',
  summary: 'Create the missing topics (and their DLQs) before the services start',
  usage:
    '(KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, KAFKA_RETENTION_{INBOUND,OUTBOUND,EVENTS,DLQ}_MS)',
  async run(ctx) {
    const { kafka } = kafkaTarget(ctx.env); // says what is missing when KAFKA_BROKERS is not set
    const env = parseEnv(CommonEnv, ctx.env);
    await waitForBrokers(kafka, env.KAFKA_REPLICATION_FACTOR);
    const bus = await KafkaBus.connect({
      brokers: env.KAFKA_BROKERS ?? [],
      clientId: 'omni-cli',
      log: ctx.log,
      createTopics: true,
      topicPartitions: env.KAFKA_TOPIC_PARTITIONS,
      replicationFactor: env.KAFKA_REPLICATION_FACTOR,
      // Records hold personal data: each topic keeps them only as long as configured.
      topicConfig: topicRetentionConfig(env),
    });
    try {
      const topics = topicNames(ctx.env);
      await bus.ensureTopics(topics);
      ctx.out(
        `${topics.length} topics exist (${env.KAFKA_TOPIC_PARTITIONS} partitions for those created now)`,
      );
    } finally {
      await bus.close();
    }
    return 0;
  },
};

export const topicCommands: CommandGroup = [list, create];
