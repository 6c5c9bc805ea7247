import type { Bus } from '@omni/bus';
import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { z } from 'zod';
import { busMetricsObserver, createMetrics, OutboxRelay } from '../src';

let h: Harness;
beforeAll(async () => {
  h = await startHarness('metrics');
});
afterAll(async () => {
  await h?.close();
});

async function samples(registry: ReturnType<typeof createMetrics>, name: string) {
  return (await registry.getMetricsAsJSON()).find((m) => m.name === name)?.values ?? [];
}

it('reports consumer lag per group and partition and the batch latency of the group', async () => {
  const metrics = createMetrics('metrics-lag');
  const producer = await h.kafkaBus();
  const consumer = await h.kafkaBus({ observer: busMetricsObserver(metrics), maxBatchSize: 2 });
  // One partition, so the lag after each chunk of 2 is exact: 5 → 3 → 1 → 0.
  await producer.publish(
    'lagging',
    [1, 2, 3, 4, 5].map((n) => ({ key: 'same-key', value: { n } })),
  );
  const seenLags: number[] = [];
  const handled: number[] = [];
  await consumer.subscribe({
    groupId: 'lag-group',
    topic: 'lagging',
    schema: z.object({ n: z.number() }),
    handle: async (records) => {
      handled.push(...records.map((r) => r.value.n));
      const lag = (await samples(metrics, 'omni_consumer_lag')).find(
        (v) => v.labels.group === h.groupId('lag-group'),
      );
      if (lag) seenLags.push(lag.value);
    },
  });
  await waitFor(() => handled.length === 5, { description: 'all five records' });
  await waitFor(async () => (await samples(metrics, 'omni_consumer_lag')).some((v) => v.value === 0), {
    description: 'lag back to 0',
  });
  const lag = (await samples(metrics, 'omni_consumer_lag')).find(
    (v) => v.labels.group === h.groupId('lag-group'),
  );
  expect(lag?.labels).toMatchObject({ topic: 'lagging', partition: expect.any(String) });
  expect(seenLags.length).toBeGreaterThan(0);
  expect(seenLags.every((l) => l > 0)).toBe(true);
  const count = (await samples(metrics, 'omni_consumer_batch_duration_seconds')).find(
    (v) =>
      (v as { metricName?: string }).metricName?.endsWith('_count') &&
      v.labels.group === h.groupId('lag-group'),
  );
  expect(count?.value).toBe(3);
});

it('reports the outbox backlog while a relay runs', async () => {
  const metrics = createMetrics('metrics-outbox');
  await h.pool.query(
    `INSERT INTO outbox (topic, key, payload) SELECT 'backlog-test', 'k', jsonb_build_object('n', i) FROM generate_series(1, 3) i`,
  );
  const kafka = await h.kafkaBus();
  // The bus holds the first publish until released: the backlog is visible meanwhile.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => {
    release = r;
  });
  const bus: Bus = {
    health: () => kafka.health(),
    close: async () => {},
    subscribe: async () => {},
    publish: async (topic, records) => {
      await held;
      await kafka.publish(topic, records);
    },
  };
  const relay = new OutboxRelay({ pool: h.pool, bus, log: h.log, metrics });
  relay.start();
  await waitFor(async () => (await samples(metrics, 'omni_outbox_backlog'))[0]?.value === 3, {
    description: 'a backlog of 3',
  });
  release();
  await waitFor(async () => (await samples(metrics, 'omni_outbox_backlog'))[0]?.value === 0, {
    description: 'the relay drains the outbox',
  });
  await relay.stop();
});
