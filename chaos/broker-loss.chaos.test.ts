import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TOPICS } from '@omni/contracts';
import { type KafkaCluster, waitFor } from '@omni/testkit';
import { RESULTS_DIR } from '../bench/src/bench-kit';
import { System } from '../bench/src/e2e/system';
import { type FaultOutcome, OUTAGE_MS, sleep, underLoad, writeOutcomes } from './support/under-load';

/**
 * Broker loss in a real cluster: the distributed system on a 3-node KRaft cluster
 * (replication factor 3, min.insync.replicas 2, unclean leader election off), one node —
 * the leader of an inbound partition — lost under a steady load and brought back later.
 * Producers (idempotent, acks from all in-sync replicas) and consumers must fail over by
 * themselves: nothing acknowledged is lost, nothing is stored twice, no service restarts.
 */
const runTag = randomBytes(3).toString('hex');
const logDir = join(RESULTS_DIR, `chaos-broker-loss-logs-${runTag}`);
/** A broker is out for this long: well past leader election and the ISR shrinking to two. */
const BROKER_OUTAGE_MS = Math.min(OUTAGE_MS, 20_000);

let system: System;
const outcomes: FaultOutcome[] = [];

beforeAll(async () => {
  await mkdir(logDir, { recursive: true });
  system = await System.start({
    servers: 'own',
    kafkaBrokers: 3,
    partitions: 3,
    logLevel: 'info',
    automation: false,
    sessionTimeoutMs: 10_000,
    logDir,
  });
}, 420_000);

afterAll(async () => {
  await writeOutcomes('chaos-broker-loss', outcomes, logDir);
  await system?.stop();
}, 120_000);

function cluster(): KafkaCluster {
  if (!system.kafkaCluster) throw new Error('the broker-loss system runs a Kafka cluster of its own');
  return system.kafkaCluster;
}

const topics = () =>
  [TOPICS.inbound, TOPICS.events, TOPICS.delivery].map((t) => `${system.env.KAFKA_TOPIC_PREFIX ?? ''}${t}`);

/** The killed node is back in every ISR: the cluster is whole again before the next fault. */
async function expectFullyReplicated(): Promise<void> {
  await waitFor(
    async () => (await cluster().underReplicated([...topics(), '__consumer_offsets'])).length === 0,
    {
      timeoutMs: 60_000,
      intervalMs: 500,
      description: 'every partition back to 3 in-sync replicas',
    },
  );
}

describe('one broker of three lost under a steady load', () => {
  it.each([
    ['SIGKILL', 0],
    ['SIGTERM', 1],
  ] as const)(
    'the leader of an inbound partition stopped with %s, restarted after the outage',
    async (signal, partition) => {
      let lost: number | undefined;
      const outcome = await underLoad(system, outcomes, `Kafka broker ${signal} (1 of 3)`, async () => {
        const inbound = `${system.env.KAFKA_TOPIC_PREFIX ?? ''}${TOPICS.inbound}`;
        const leader = await cluster().leaderOf(inbound, partition);
        lost = leader;
        const node = cluster().node(leader);
        node.kill(signal);
        await node.waitExit();
        // Another replica leads it now, elected from the in-sync ones only.
        await waitFor(async () => (await cluster().leaderOf(inbound, partition)) !== leader, {
          timeoutMs: 30_000,
          description: `a new leader of ${inbound}[${partition}]`,
        });
        await sleep(BROKER_OUTAGE_MS);
        await node.restart();
      });
      expect(lost).toBeDefined();
      // Failover happened inside the clients: no service exited to recover.
      expect(outcome.restarts).toEqual({});
      // Valid messages were never refused with a 4xx (a 503 during leader election is allowed, and retried).
      expect(Object.keys(outcome.statuses).filter((s) => /^4/.test(s))).toEqual([]);
      await expectFullyReplicated();
    },
  );
});
