import { dlqTopic, errorMessage } from '@omni/contracts';
import {
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';
import type { Logger } from 'pino';
import {
  type Bus,
  type BusHealth,
  DLQ_HEADERS,
  type IncomingRecord,
  type OutgoingRecord,
  type SubscribeOptions,
} from './bus';
import type { BusObserver } from './bus-observer';
import { DEAD_LETTER_KINDS, DeadLetterTally, isDeadLetterTopic, sourceTopicOf } from './dead-letters';
import { decodeRecord } from './decode-record';
import { kafkaLogCreator } from './kafka-logger';
import { OffsetCommitter } from './offset-committer';
import { ProducerBatcher } from './producer-batcher';
import { notePublished } from './publish-recorder';
import { type DeadLetter, runHandler } from './run-handler';
import { tracedHandle, tracedPublish } from './trace-propagation';

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  log: Logger;
  /**
   * Prepended to every topic name and consumer group id: isolates environments (and test files)
   * sharing one cluster. The groups too: two environments' members of one group (`omni-threading`)
   * would be one group, and kafkajs's leader hands every member partitions of the leader's own
   * topics only: the other environment's records would never be consumed.
   */
  topicPrefix?: string;
  /** Create missing topics (and their DLQs) when they are first used. Off where topics are provisioned. */
  createTopics?: boolean;
  topicPartitions?: number;
  replicationFactor?: number;
  /** Topic-level settings of a topic this bus creates (full name given), e.g. its `retention.ms`. */
  topicConfig?: (topic: string) => Record<string, string>;
  /** Partitions of one subscription handled at the same time (order is kept per partition). */
  partitionsConsumedConcurrently?: number;
  /** A fetch waits at the broker until this many bytes are there or `fetchMaxWaitMs` has passed (kafkajs: 1 byte, 5 s). */
  fetchMinBytes?: number;
  fetchMaxWaitMs?: number;
  /**
   * How long an idle producer waits for more publishes before sending (default 0: until the
   * end of the current event-loop turn). Longer packs more records per request at that cost
   * in latency.
   */
  producerLingerMs?: number;
  /** Records per handler call: a fetched batch is handled and committed in chunks of this size. */
  maxBatchSize?: number;
  /**
   * An `idempotent` subscription commits its offsets at most this often (default 1 s; 0: after
   * every chunk, as the others do). See {@link OffsetCommitter}.
   */
  commitIntervalMs?: number;
  /** A failing batch is retried this many times in place, with the partition paused, before the consumer restarts. */
  retryAttempts?: number;
  retryInitialDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Consumer restarts allowed in a row (without a successful batch) before the bus is declared dead. */
  maxRestarts?: number;
  /**
   * Failures this far apart are not "in a row": the count starts over. An idle consumer
   * (an adapter's outbound group) has no batch to reset it, so without this every broker
   * failover it rode out — a crash and a restart each — added up over the process's life
   * until a routine one stopped it. Default 2 min, well above one failing chunk's retries.
   */
  restartQuietMs?: number;
  /**
   * How long the group waits for a silent member before rebalancing its partitions away
   * (kafkajs default 30 s): after a crash, its partitions resume after this long.
   */
  sessionTimeoutMs?: number;
  /** Wait before a consumer kafkajs gave up on is replaced by a new one (default 3 s). */
  replaceConsumerDelayMs?: number;
  /** Called once when the bus gives up; the process should report it on /readyz and exit. */
  onFatal?: (reason: string) => void;
  /** Sees every handled batch (metrics: batch latency, consumer lag). */
  observer?: BusObserver;
}

interface SubscriptionState {
  groupId: string;
  /** Full name. */
  topic: string;
  /** The current consumer of the group (replaced after a crash kafkajs does not restart from). */
  consumer?: Consumer;
  /** Commits what the current consumer handled. */
  committer?: OffsetCommitter;
  /** Chunks being handled and committed: closing waits for them. */
  inFlight: Set<Promise<void>>;
  restarts: number;
  lastFailureAt: number;
}

/**
 * The bus on Apache Kafka (kafkajs). Idempotent producer with acks from all in-sync
 * replicas; consumer groups with `eachBatch`, offsets committed only after the handler
 * succeeded; poison records to `<topic>.dlq` with the reason; transient failures retried
 * in place, then a bounded number of consumer restarts, then `onFatal`.
 */
export class KafkaBus implements Bus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly batcher: ProducerBatcher;
  private readonly subscriptions: SubscriptionState[] = [];
  private readonly ensuredTopics = new Set<string>();
  private readonly log: Logger;
  private producerConnected = false;
  private lastPublishError: string | undefined;
  private fatalReason: string | undefined;
  private closing = false;
  private probing: Promise<void> | undefined;
  private lastProbeAt = 0;
  private readonly tally: DeadLetterTally;

  private constructor(private readonly opts: KafkaBusOptions) {
    this.log = opts.log.child({ component: 'kafka-bus' });
    this.kafka = new Kafka({
      clientId: opts.clientId,
      brokers: opts.brokers,
      logCreator: kafkaLogCreator(opts.log),
      retry: { initialRetryTime: 200, retries: 5, maxRetryTime: 5_000 },
    });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      // Chosen explicitly (murmur2, as the Java client): kafkajs otherwise warns at every start.
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.producer.on(this.producer.events.CONNECT, () => {
      this.producerConnected = true;
    });
    this.producer.on(this.producer.events.DISCONNECT, () => {
      this.producerConnected = false;
    });
    this.batcher = new ProducerBatcher(this.producer, undefined, opts.producerLingerMs ?? 0);
    this.tally = new DeadLetterTally(opts.observer);
  }

  static async connect(opts: KafkaBusOptions): Promise<KafkaBus> {
    const bus = new KafkaBus(opts);
    await bus.producer.connect();
    return bus;
  }

  async publish(topic: string, records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    return tracedPublish(topic, records, (stamped) => this.publishNow(topic, stamped));
  }

  private async publishNow(topic: string, records: OutgoingRecord[]): Promise<void> {
    const fullTopic = this.fullName(topic);
    await this.ensureTopics([fullTopic]);
    const messages = records.map((r) => ({ key: r.key, value: JSON.stringify(r.value), headers: r.headers }));
    try {
      await this.batcher.send(fullTopic, messages);
      // An adapter's own dead letters (`IntakeDeadLetter`) are published like any record.
      if (isDeadLetterTopic(topic))
        this.tally.add(sourceTopicOf(topic), DEAD_LETTER_KINDS.intake, records.length);
      notePublished(topic, records);
      this.lastPublishError = undefined;
    } catch (err) {
      this.lastPublishError = errorMessage(err);
      throw err;
    }
  }

  async subscribe<T>(subscription: SubscribeOptions<T>): Promise<void> {
    // The group as the broker knows it, in logs, metrics and dead letters too.
    const options = { ...subscription, groupId: this.fullName(subscription.groupId) };
    await this.ensureTopics([this.fullName(options.topic), this.fullName(dlqTopic(options.topic))]);
    const state: SubscriptionState = {
      groupId: options.groupId,
      topic: this.fullName(options.topic),
      restarts: 0,
      lastFailureAt: 0,
      inFlight: new Set(),
    };
    this.subscriptions.push(state);
    await this.joinAtStart(state, options);
  }

  /**
   * The first join of a subscription. A cluster that is starting or failing over answers
   * metadata requests before every partition has a leader ("This server does not host this
   * topic-partition"), or one broker still refuses connections: both retriable, but kafkajs
   * throws them out of `subscribe` after its own few quick retries, and the service then
   * failed to start and was restarted by its supervisor (seen in the broker-loss chaos run).
   * Retriable errors are retried here, with backoff, for up to `START_RETRY_MS`.
   */
  private async joinAtStart<T>(state: SubscriptionState, options: SubscribeOptions<T>): Promise<void> {
    const deadline = Date.now() + START_RETRY_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.startConsumer(state, options);
      } catch (err) {
        if (this.closing || Date.now() >= deadline || !isRetriable(err)) throw err;
        this.log.warn(
          { err, topic: options.topic, groupId: options.groupId, attempt },
          'Kafka cannot take this consumer yet; retrying',
        );
        await state.consumer?.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5_000)));
      }
    }
  }

  private async startConsumer<T>(state: SubscriptionState, options: SubscribeOptions<T>): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      minBytes: this.opts.fetchMinBytes ?? 1,
      maxWaitTimeInMs: this.opts.fetchMaxWaitMs ?? 5_000,
      ...(this.opts.sessionTimeoutMs
        ? {
            sessionTimeout: this.opts.sessionTimeoutMs,
            heartbeatInterval: Math.max(500, Math.floor(this.opts.sessionTimeoutMs / 5)),
          }
        : {}),
      retry: { retries: 2, restartOnFailure: async (err) => this.shouldRestart(state, err) },
    });
    state.consumer = consumer;
    state.committer?.discard();
    const committer = new OffsetCommitter(
      consumer,
      state.topic,
      options.idempotent ? (this.opts.commitIntervalMs ?? 1_000) : 0,
      this.log,
    );
    state.committer = committer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.closing) void this.replaceConsumer(state, options, payload.error);
    });
    // The group is about to reassign partitions: commit first, so the next owner starts after
    // what this member handled instead of handling it again.
    consumer.on(consumer.events.REBALANCING, () => void committer.flushQuietly('rebalancing'));
    await consumer.connect();
    await consumer.subscribe({ topic: state.topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.consumeBatch(state, committer, options, payload),
    });
  }

  /**
   * kafkajs stops for good after an error it deems final, e.g. "group coordinator not
   * available" while a fresh cluster is still creating `__consumer_offsets` (seen when the
   * whole compose stack starts at once). Such a consumer is replaced by a new one, within the
   * same budget of restarts in a row; only past it does the bus give up.
   */
  private async replaceConsumer<T>(
    state: SubscriptionState,
    options: SubscribeOptions<T>,
    error: Error,
  ): Promise<void> {
    // Past the budget shouldRestart has declared the bus dead; while closing, nothing to do.
    if (!(await this.shouldRestart(state, error))) return;
    await new Promise((r) => setTimeout(r, this.opts.replaceConsumerDelayMs ?? 3_000).unref());
    if (this.closing) return;
    await state.consumer?.disconnect().catch(() => undefined);
    try {
      await this.startConsumer(state, options);
    } catch (err) {
      if (!this.closing) {
        void this.replaceConsumer(state, options, err instanceof Error ? err : new Error(String(err)));
      }
    }
  }

  health(): BusHealth {
    const deadLetters = this.tally.counts();
    if (this.fatalReason) return { ok: false, reason: this.fatalReason, deadLetters };
    if (!this.producerConnected) return { ok: false, reason: 'Kafka producer is not connected', deadLetters };
    if (this.lastPublishError) {
      this.probeAfterFailure();
      return { ok: false, reason: `last publish failed: ${this.lastPublishError}`, deadLetters };
    }
    return { ok: true, deadLetters };
  }

  /**
   * A failed publish marks the bus unready, but a service that publishes rarely (the ticket
   * API) would then stay unready long after Kafka came back. While unready, readiness
   * checks ask the cluster again (at most every 5 s, in the background) and clear the
   * error once it answers; the next failing publish sets it again.
   */
  private probeAfterFailure(): void {
    if (this.probing || Date.now() - this.lastProbeAt < 5_000) return;
    this.lastProbeAt = Date.now();
    const failed = this.lastPublishError;
    const admin = this.kafka.admin();
    this.probing = admin
      .connect()
      .then(() => admin.describeCluster())
      .then(() => {
        if (this.lastPublishError === failed) this.lastPublishError = undefined;
      })
      .catch(() => undefined)
      .finally(() => {
        this.probing = undefined;
        void admin.disconnect().catch(() => undefined);
      });
  }

  async close(): Promise<void> {
    this.closing = true;
    // Stop intake (no chunk starts once closing), let the chunks being handled finish, and commit
    // while the consumers still run: kafkajs ignores a commit once it is stopping, so the batch
    // in flight at `disconnect` used to be delivered again after a graceful restart.
    for (const s of this.subscriptions) {
      try {
        s.consumer?.pause([{ topic: s.topic }]);
      } catch {
        // A consumer that is not running has nothing to stop.
      }
    }
    await Promise.allSettled(this.subscriptions.flatMap((s) => [...s.inFlight]));
    await Promise.all(this.subscriptions.map((s) => s.committer?.flushQuietly('closing')));
    await Promise.allSettled(this.subscriptions.map((s) => s.consumer?.disconnect()));
    await this.producer.disconnect();
  }

  /** A topic's or a consumer group's name on the broker: this environment's prefix first. */
  private fullName(name: string): string {
    return `${this.opts.topicPrefix ?? ''}${name}`;
  }

  /** Creates missing topics (full names) once per process, when this bus is allowed to. */
  async ensureTopics(topics: string[]): Promise<void> {
    const missing = topics.filter((t) => !this.ensuredTopics.has(t));
    if (missing.length === 0 || !this.opts.createTopics) return;
    // Services starting together create the same topics at once: the loser of that race can
    // see a topic before its partitions have a leader (UNKNOWN_TOPIC_OR_PARTITION, retriable),
    // which used to fail the whole start. Asking again a moment later settles it.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createTopics(missing);
      } catch (err) {
        if (attempt >= 5 || (err as { retriable?: unknown }).retriable !== true) throw err;
        this.log.warn({ err, topics: missing, attempt }, 'topic creation raced another client; retrying');
        await new Promise((r) => setTimeout(r, 250 * attempt));
      }
    }
  }

  private async createTopics(missing: string[]): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.opts.topicPartitions ?? 3,
          replicationFactor: this.opts.replicationFactor ?? 1,
          configEntries: Object.entries(this.opts.topicConfig?.(topic) ?? {}).map(([name, value]) => ({
            name,
            value,
          })),
        })),
      });
      // A topic another client created a moment ago is reported as existing without waiting
      // for its leaders; subscribing to it then fails. Every partition must have a leader.
      const { topics } = await admin.fetchTopicMetadata({ topics: missing });
      if (topics.some((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0))) {
        throw Object.assign(new Error('topic partitions have no leader yet'), { retriable: true });
      }
      for (const t of missing) this.ensuredTopics.add(t);
    } finally {
      await admin.disconnect();
    }
  }

  private async consumeBatch<T>(
    state: SubscriptionState,
    committer: OffsetCommitter,
    options: SubscribeOptions<T>,
    payload: EachBatchPayload,
  ) {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const maxBatch = this.opts.maxBatchSize ?? 500;
    for (let start = 0; start < batch.messages.length; start += maxBatch) {
      if (this.closing || !isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + maxBatch);
      const last = (chunk[chunk.length - 1] as KafkaMessage).offset;
      const started = performance.now();
      const handled = (async () => {
        await this.retryInPlace(payload, () => this.handleChunk(options, batch.partition, chunk));
        resolveOffset(last);
        await committer.handled(batch.partition, (BigInt(last) + 1n).toString());
      })();
      state.inFlight.add(handled);
      try {
        await handled;
      } finally {
        state.inFlight.delete(handled);
      }
      state.restarts = 0;
      this.opts.observer?.batchHandled({
        groupId: options.groupId,
        topic: options.topic,
        partition: batch.partition,
        records: chunk.length,
        seconds: (performance.now() - started) / 1000,
        lag: Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(last) - 1n)),
      });
      await heartbeat();
    }
  }

  private async handleChunk<T>(options: SubscribeOptions<T>, partition: number, chunk: KafkaMessage[]) {
    const { topic } = options;
    const valid: IncomingRecord<T>[] = [];
    const dead: DeadLetter<Buffer | null>[] = [];
    for (const m of chunk) {
      const base = {
        topic,
        partition,
        offset: m.offset,
        key: m.key?.toString('utf8') ?? null,
        headers: stringHeaders(m.headers),
      };
      const decoded = decodeRecord(m.value, options.schema);
      if (decoded.ok) valid.push({ ...base, value: decoded.value });
      else
        dead.push({
          record: { ...base, value: m.value },
          reason: decoded.reason,
          kind: DEAD_LETTER_KINDS.invalidRecord,
        });
    }
    const failed = await tracedHandle(options.groupId, topic, valid, () => runHandler(valid, options.handle));
    const byOffset = new Map(chunk.map((m) => [m.offset, m.value]));
    for (const f of failed)
      dead.push({ ...f, record: { ...f.record, value: byOffset.get(f.record.offset) ?? null } });
    if (dead.length > 0) await this.deadLetter(options.groupId, dead);
  }

  /** Writes records no retry can fix to `<topic>.dlq`, original bytes and key, with the reason. */
  private async deadLetter(groupId: string, dead: DeadLetter<Buffer | null>[]): Promise<void> {
    const first = dead[0] as DeadLetter<Buffer | null>;
    const topic = this.fullName(dlqTopic(first.record.topic));
    await this.ensureTopics([topic]);
    const failedAt = new Date().toISOString();
    for (const d of dead) {
      this.log.warn(
        {
          topic: d.record.topic,
          partition: d.record.partition,
          offset: d.record.offset,
          groupId,
          reason: d.reason,
        },
        'record dead-lettered',
      );
    }
    const letters = dead.map(({ record, reason }) => ({
      key: record.key,
      value: record.value,
      headers: {
        ...record.headers,
        [DLQ_HEADERS.reason]: reason,
        [DLQ_HEADERS.sourceTopic]: record.topic,
        [DLQ_HEADERS.sourcePartition]: String(record.partition),
        [DLQ_HEADERS.sourceOffset]: record.offset,
        [DLQ_HEADERS.groupId]: groupId,
        [DLQ_HEADERS.failedAt]: failedAt,
      },
    }));
    await this.batcher.send(topic, letters);
    for (const kind of new Set(dead.map((d) => d.kind)))
      this.tally.add(first.record.topic, kind, dead.filter((d) => d.kind === kind).length);
    notePublished(
      dlqTopic(first.record.topic),
      letters.map((l) => ({
        key: l.key ?? '',
        value: l.value?.toString('utf8') ?? null,
        headers: l.headers,
      })),
    );
  }

  /**
   * Runs a chunk, and retries a failing one where it is with its partition paused so
   * nothing more is fetched for it. The group membership is kept alive with heartbeats all
   * along, handling and waits alike. Gives up (throws) after the configured attempts or
   * when the consumer is stopping.
   */
  private retryInPlace(payload: EachBatchPayload, fn: () => Promise<void>): Promise<void> {
    return whileHeartbeating(payload, () => this.attemptInPlace(payload, fn));
  }

  private async attemptInPlace(payload: EachBatchPayload, fn: () => Promise<void>): Promise<void> {
    const attempts = this.opts.retryAttempts ?? 8;
    let delay = this.opts.retryInitialDelayMs ?? 250;
    let resume: (() => void) | undefined;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await fn();
          return;
        } catch (err) {
          if (attempt >= attempts || this.closing || !payload.isRunning() || payload.isStale()) throw err;
          resume ??= payload.pause();
          this.log.warn(
            {
              err,
              attempt,
              topic: payload.batch.topic,
              partition: payload.batch.partition,
              retryInMs: delay,
            },
            'batch failed; retrying in place with the partition paused',
          );
          await sleepWhileRunning(delay, payload);
          delay = Math.min(delay * 2, this.opts.retryMaxDelayMs ?? 15_000);
        }
      }
    } finally {
      resume?.();
    }
  }

  private async shouldRestart(state: SubscriptionState, err: Error): Promise<boolean> {
    if (this.closing) return false;
    const now = Date.now();
    if (now - state.lastFailureAt > (this.opts.restartQuietMs ?? 120_000)) state.restarts = 0;
    state.lastFailureAt = now;
    state.restarts += 1;
    const max = this.opts.maxRestarts ?? 5;
    if (state.restarts > max) {
      this.fatal(`consumer ${state.groupId} failed ${state.restarts} times in a row: ${err.message}`);
      return false;
    }
    this.log.error(
      { err, groupId: state.groupId, restart: state.restarts, maxRestarts: max },
      'consumer failed; restarting',
    );
    return true;
  }

  private fatal(reason: string): void {
    if (this.fatalReason) return;
    this.fatalReason = reason;
    this.log.fatal({ reason }, 'Kafka bus gave up');
    this.opts.onFatal?.(reason);
  }
}

/** How long a subscription's first join keeps retrying retriable Kafka errors. */
const START_RETRY_MS = 60_000;

/** kafkajs marks transient errors `retriable`; one it gave up retrying carries it on its cause. */
function isRetriable(err: unknown): boolean {
  const flag = (e: unknown) => (e as { retriable?: unknown } | undefined)?.retriable === true;
  return flag(err) || flag((err as { cause?: unknown } | undefined)?.cause);
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v === undefined) continue;
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (value !== undefined) out[k] = value.toString();
  }
  return out;
}

/**
 * Runs a handler while heartbeating every second (kafkajs sends one only when its
 * heartbeat interval has passed). A chunk that takes longer than the session timeout —
 * 500 events handled one transaction each on a saturated machine — otherwise got the
 * member evicted, its commit refused ("The coordinator is not aware of this member") and
 * the process stopped (the e2e benchmark saw automation restart so).
 */
async function whileHeartbeating<T>(payload: EachBatchPayload, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), 1_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Waits `ms`, cut short (within a second) when the consumer stops. */
async function sleepWhileRunning(ms: number, payload: EachBatchPayload): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until && payload.isRunning()) {
    await new Promise((r) => setTimeout(r, Math.min(1_000, until - Date.now())));
  }
}
