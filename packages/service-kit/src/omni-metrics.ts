import type { BusObserver } from '@omni/bus';
import type { Channel } from '@omni/contracts';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * The platform's own Prometheus metrics (the dashboard in deploy/grafana reads them).
 * Created once per registry, so every part of a process — several modules in the
 * one-process launcher — adds to the same series.
 */
export interface OmniMetrics {
  inboundMessages: Counter<'channel' | 'account'>;
  /** What threading stored of them: a gap to `inboundMessages` is accepted but not (yet) stored. */
  storedMessages: Counter<'channel' | 'account'>;
  /** Records set aside on a dead-letter topic (or the launcher's table), by source topic and kind. */
  deadLetters: Counter<'topic' | 'reason'>;
  rejectedRequests: Counter<'route' | 'status' | 'code'>;
  deliveryFailures: Counter<'channel' | 'code'>;
  consumerLag: Gauge<'group' | 'topic' | 'partition'>;
  consumerBatchDuration: Histogram<'group' | 'topic'>;
  /** Sources of the outbox backlog gauge (one per running relay), read at scrape time. */
  outboxBacklogSources: Set<() => Promise<number>>;
}

const byRegistry = new WeakMap<Registry, OmniMetrics>();
let processRegistry: Registry | undefined;

export function omniMetrics(registry: Registry): OmniMetrics {
  const existing = byRegistry.get(registry);
  if (existing) return existing;
  const registers = [registry];
  const outboxBacklogSources = new Set<() => Promise<number>>();
  const metrics: OmniMetrics = {
    inboundMessages: new Counter({
      name: 'omni_inbound_messages_total',
      help: 'Messages accepted onto omni.inbound.v1, by channel and account',
      labelNames: ['channel', 'account'],
      registers,
    }),
    storedMessages: new Counter({
      name: 'omni_stored_messages_total',
      help: 'Messages of omni.inbound.v1 threading stored (redeliveries not counted again), by channel and account',
      labelNames: ['channel', 'account'],
      registers,
    }),
    deadLetters: new Counter({
      name: 'omni_dead_letters_total',
      help: 'Records set aside as dead letters, by source topic and reason (invalid-record, handler-failed, intake)',
      labelNames: ['topic', 'reason'],
      registers,
    }),
    rejectedRequests: new Counter({
      name: 'omni_http_rejected_requests_total',
      help: 'Requests answered 4xx, by route, status and problem code',
      labelNames: ['route', 'status', 'code'],
      registers,
    }),
    deliveryFailures: new Counter({
      name: 'omni_delivery_failures_total',
      help: 'Replies a platform refused for good, by channel and the platform error code',
      labelNames: ['channel', 'code'],
      registers,
    }),
    consumerLag: new Gauge({
      name: 'omni_consumer_lag',
      help: 'Records behind the partition high watermark after the last handled batch',
      labelNames: ['group', 'topic', 'partition'],
      registers,
    }),
    consumerBatchDuration: new Histogram({
      name: 'omni_consumer_batch_duration_seconds',
      help: 'Time a consumer group spends handling one batch (threading batch latency for group omni-threading)',
      labelNames: ['group', 'topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    outboxBacklogSources,
  };
  new Gauge({
    name: 'omni_outbox_backlog',
    help: 'Outbox rows not yet published to Kafka',
    registers,
    async collect() {
      if (outboxBacklogSources.size === 0) return;
      // Every relay of a process reads the same table: one answer is enough.
      const [first] = outboxBacklogSources;
      this.set(await (first as () => Promise<number>)());
    },
  });
  byRegistry.set(registry, metrics);
  return metrics;
}

/**
 * The registry of this process (the last one `createMetrics` made): shared helpers called
 * without a registry (`publishInbound(bus, …)`) count into it.
 */
export function setProcessMetrics(registry: Registry): void {
  processRegistry = registry;
}

export function processMetrics(registry?: Registry): OmniMetrics | undefined {
  const r = registry ?? processRegistry;
  return r ? omniMetrics(r) : undefined;
}

/**
 * Starts the per-channel series of the hosted channels at zero, one per configured
 * account: a channel's rate shows from its start (a dashboard or an alert sees "0/s", not
 * "no data"), and the label values are exactly the registered channels.
 */
export function countChannelAccounts(
  registry: Registry,
  channels: ReadonlyArray<{ name: Channel }>,
  config: { channels: Readonly<Record<Channel, ReadonlyArray<{ account: string }>>> },
): void {
  const m = omniMetrics(registry);
  for (const { name } of channels)
    for (const { account } of config.channels[name]) {
      m.inboundMessages.inc({ channel: name, account }, 0);
      m.storedMessages.inc({ channel: name, account }, 0);
    }
}

/** Connects the bus's observations to the consumer and dead-letter metrics. */
export function busMetricsObserver(registry: Registry): BusObserver {
  const m = omniMetrics(registry);
  return {
    batchHandled({ groupId, topic, partition, seconds, lag }) {
      m.consumerBatchDuration.observe({ group: groupId, topic }, seconds);
      if (lag !== undefined) m.consumerLag.set({ group: groupId, topic, partition: String(partition) }, lag);
    },
    deadLettered({ topic, kind, count }) {
      m.deadLetters.inc({ topic, reason: kind }, count);
    },
  };
}
