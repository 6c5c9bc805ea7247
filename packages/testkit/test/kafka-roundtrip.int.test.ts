import { type Admin, type Consumer, Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { testKafkaBrokers, uniqueName, waitFor } from '../src';

// Proves kafkajs 2.2 (frozen since 2023) works against the Kafka 4.x the kit runs: topic admin,
// idempotent produce, group consumption with eachBatch, committed offsets honoured by a successor.
const MESSAGE_COUNT = 60;
const PARTITIONS = 3;

describe('kafkajs against Kafka 4.x', () => {
  const kafka = new Kafka({ clientId: 'testkit-int', brokers: testKafkaBrokers(), logLevel: logLevel.WARN });
  const topic = uniqueName('testkit-roundtrip');
  const groupId = uniqueName('testkit-group');
  let admin: Admin;
  let producer: Producer;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.all(consumers.map((consumer) => consumer.disconnect()));
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin?.disconnect();
  });

  it('creates the topic with 3 partitions', async () => {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(PARTITIONS);
  });

  it('delivers an idempotent keyed batch to a group, and a successor resumes after the commit', async () => {
    const sent = Array.from({ length: MESSAGE_COUNT }, (_, index) => ({
      key: `customer-${index % 7}`,
      value: `message-${index}`,
    }));
    const [first, ...rest] = await producer.send({ topic, acks: -1, messages: sent });
    expect(first?.errorCode).toBe(0);
    expect(rest.every((result) => result.errorCode === 0)).toBe(true);

    const received = new Map<string, string>();
    const partitionsSeen = new Set<number>();
    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        for (const message of batch.messages) {
          received.set(message.value?.toString() ?? '', message.key?.toString() ?? '');
        }
        partitionsSeen.add(batch.partition);
        // Committed explicitly, as the services do: the next offset to read, after the whole batch.
        const next = (BigInt(batch.lastOffset()) + 1n).toString();
        await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        await heartbeat();
      },
    });
    await waitFor(() => received.size === MESSAGE_COUNT, { description: `${MESSAGE_COUNT} messages` });
    expect(new Map(sent.map((message) => [message.value, message.key]))).toEqual(received);
    // Keyed messages spread over partitions; all messages with one key stay on one partition.
    expect(partitionsSeen.size).toBeGreaterThan(1);

    let committed = 0;
    await waitFor(
      async () => {
        committed = await committedTotal(admin, groupId, topic);
        return committed === MESSAGE_COUNT;
      },
      { description: `offsets committed for every message (last total: ${committed})` },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; committed total ${committed}`);
    });
    await consumer.disconnect();

    // A successor in the same group starts at the committed offsets: it sees only what is new.
    const successorReceived: string[] = [];
    const successor = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(successor);
    await successor.connect();
    await successor.subscribe({ topic, fromBeginning: true });
    await successor.run({
      eachBatch: async ({ batch }) => {
        successorReceived.push(...batch.messages.map((message) => message.value?.toString() ?? ''));
      },
    });
    await producer.send({ topic, acks: -1, messages: [{ key: 'customer-0', value: 'after-commit' }] });
    await waitFor(() => successorReceived.includes('after-commit'), { description: 'the new message' });
    expect(successorReceived).toEqual(['after-commit']);
  });
});

async function committedTotal(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return (offsets?.partitions ?? []).reduce(
    (sum, partition) => sum + Math.max(0, Number(partition.offset)),
    0,
  );
}
