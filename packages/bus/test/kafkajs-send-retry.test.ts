import { KafkaJSConnectionError } from 'kafkajs';
import createEosManager from 'kafkajs/src/producer/eosManager';
import createSendMessages from 'kafkajs/src/producer/sendMessages';
import createRetry from 'kafkajs/src/retry';

/**
 * The idempotent producer's retry after a leader change (patches/kafkajs@2.2.4.patch,
 * kafkajs #1303). kafkajs's own send logic, sequence bookkeeping and retrier run against a
 * scripted cluster, because the failure needs one exact interleaving — a partition's
 * leader dies mid-send and the partition moves to a broker that has already answered for
 * another partition — which a real cluster produces only by chance (the chaos suite's
 * broker-loss test kills real brokers; this pins the interleaving down).
 */
type Produced = { nodeId: number; partition: number; firstSequence: number; values: string[] };

interface PartitionRequest {
  partition: number;
  firstSequence: number;
  messages: Array<{ value: string }>;
}

function scriptedCluster(opts: {
  leaders: Record<number, number>;
  onRefresh: (leaders: Record<number, number>) => void;
}) {
  const produced: Produced[] = [];
  let refreshes = 0;
  let metadataChecks = 0;
  const gates = new Map<number, Promise<void>>();
  const failing = new Set<number>();
  const broker = (nodeId: number) => ({
    nodeId,
    initProducerId: async () => ({ producerId: 7, producerEpoch: 0 }),
    produce: async ({
      topicData,
    }: {
      topicData: Array<{ topic: string; partitions: PartitionRequest[] }>;
    }) => {
      await gates.get(nodeId);
      if (failing.has(nodeId))
        throw new KafkaJSConnectionError(`Connection error: connect ECONNREFUSED node ${nodeId}`);
      for (const { partitions } of topicData)
        for (const p of partitions)
          produced.push({
            nodeId,
            partition: p.partition,
            firstSequence: p.firstSequence,
            values: p.messages.map((m) => m.value),
          });
      return {
        topics: topicData.map(({ topic, partitions }) => ({
          topicName: topic,
          partitions: partitions.map((p) => ({ partition: p.partition, errorCode: 0, baseOffset: '0' })),
        })),
      };
    },
  });
  const brokers = new Map([1, 2, 3].map((id) => [id, broker(id)]));
  const cluster = {
    retry: { retries: 5, initialRetryTime: 10, maxRetryTime: 50 },
    targetTopics: new Set<string>(),
    isConnected: () => true,
    removeBroker: () => undefined,
    addMultipleTargetTopics: async () => undefined,
    refreshMetadataIfNecessary: async () => {
      metadataChecks += 1;
    },
    refreshMetadata: async () => {
      refreshes += 1;
      opts.onRefresh(opts.leaders);
    },
    findTopicPartitionMetadata: () =>
      Object.entries(opts.leaders).map(([partition, leader]) => ({ partitionId: Number(partition), leader })),
    findLeaderForPartitions: (_topic: string, partitions: string[]) => {
      const result: Record<number, number[]> = {};
      for (const p of partitions.map(Number)) {
        const leader = opts.leaders[p] as number;
        result[leader] = [...(result[leader] ?? []), p];
      }
      return result;
    },
    findBroker: async ({ nodeId }: { nodeId: number | string }) => brokers.get(Number(nodeId)),
    findControllerBroker: async () => brokers.get(1),
  };
  return {
    cluster,
    produced,
    failing,
    gates,
    refreshes: () => refreshes,
    metadataChecks: () => metadataChecks,
  };
}

const logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

async function producerOn(cluster: unknown) {
  const eosManager = createEosManager({ logger, cluster, transactional: false });
  await eosManager.initProducerId();
  const send = createSendMessages({
    logger,
    cluster,
    partitioner: ({ message }) => message.partition ?? 0,
    eosManager,
    retrier: createRetry({ retries: 5, initialRetryTime: 10, maxRetryTime: 50 }),
  });
  return { send, eosManager };
}

const request = {
  acks: -1,
  timeout: 1_000,
  topicMessages: [
    {
      topic: 't',
      messages: [
        { value: 'a', partition: 0 },
        { value: 'b', partition: 1 },
      ],
    },
  ],
};

describe('kafkajs idempotent send across a leader change', () => {
  it('sends the partition of a lost leader to its successor even when that broker already answered for another partition', async () => {
    // Partition 0 on node 1 (lost), partition 1 on node 2; after the metadata refresh node 2 leads both.
    const s = scriptedCluster({ leaders: { 0: 1, 1: 2 }, onRefresh: (l) => Object.assign(l, { 0: 2 }) });
    s.failing.add(1);
    const { send, eosManager } = await producerOn(s.cluster);
    const acknowledged = await send(request);
    expect(acknowledged.map((r) => r.partition).sort()).toEqual([0, 1]);
    expect(s.produced.sort((x, y) => x.partition - y.partition)).toEqual([
      { nodeId: 2, partition: 0, firstSequence: 0, values: ['a'] },
      { nodeId: 2, partition: 1, firstSequence: 0, values: ['b'] },
    ]);
    expect([eosManager.getSequence('t', 0), eosManager.getSequence('t', 1)]).toEqual([1, 1]);
  });

  it('does not send again a partition whose request was still in flight when the retry began', async () => {
    const s = scriptedCluster({ leaders: { 0: 1, 1: 2 }, onRefresh: (l) => Object.assign(l, { 0: 2 }) });
    s.failing.add(1);
    // Node 2 answers its first request only once the retry has been planned (the second metadata check).
    let open: () => void = () => undefined;
    s.gates.set(2, new Promise<void>((resolve) => (open = resolve)));
    const planned = s.cluster.refreshMetadataIfNecessary;
    s.cluster.refreshMetadataIfNecessary = async () => {
      await planned();
      if (s.metadataChecks() === 2) setTimeout(() => open(), 0);
    };
    const { send, eosManager } = await producerOn(s.cluster);
    await send(request);
    expect(s.metadataChecks()).toBeGreaterThanOrEqual(2);
    expect(s.produced.filter((p) => p.partition === 1)).toEqual([
      { nodeId: 2, partition: 1, firstSequence: 0, values: ['b'] },
    ]);
    expect(s.produced.filter((p) => p.partition === 0)).toEqual([
      { nodeId: 2, partition: 0, firstSequence: 0, values: ['a'] },
    ]);
    expect([eosManager.getSequence('t', 0), eosManager.getSequence('t', 1)]).toEqual([1, 1]);
  });
});
