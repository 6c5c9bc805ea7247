import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { KafkaBus } from '@omni/bus';
import { TOPICS } from '@omni/contracts';
import { createPool, type Pool, runMigrations } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import { createTestDatabase } from '@omni/testkit';
import { buildThreadingService, insertMessages, type MessageRow } from '@omni/threading';
import { Kafka, logLevel } from 'kafkajs';
import {
  type BenchServers,
  benchLogger,
  benchServers,
  percentile,
  postgresCpuMs,
  sampleWaits,
  statementLines,
  statementStats,
  table,
  writeResult,
} from './bench-kit';
import { type BenchRecord, benchData } from './threading-data';

const PUBLISHED_AT = 'bench-published-at';
/** Records per produce request, the same for the raw and the threading run. */
const PRODUCE_CHUNK = 5_000;
/** Rows per transaction: the consumer's batch size. */
const BATCH = 500;

/**
 * `pnpm bench threading [--count 100000] [--customers N] [--partitions 6]`: the same
 * records (1) through kafkajs alone (produce + consume), (2) as multi-row inserts into
 * PostgreSQL alone, (3) through the threading service (published to omni.inbound.v1,
 * threaded, committed). Reports rates, publish → commit latency and the ratio of
 * threading to the slower raw rate.
 */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string', default: '100000' },
      customers: { type: 'string' },
      partitions: { type: 'string', default: '6' },
      /** Latency run: publish paced at this rate (default: half the measured threading rate). */
      'latency-rate': { type: 'string' },
      'latency-count': { type: 'string' },
      /** Sample what the database backends wait for during the full-speed run (adds ~50 queries a second). */
      waits: { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const customers = Number(values.customers ?? Math.max(1, Math.round(count / 10)));
  const partitions = Number(values.partitions);
  const log = benchLogger();
  const out = (line: string) => process.stdout.write(`${line}\n`);

  out(`threading benchmark: ${count} records, ${customers} customers, ${partitions} partitions`);
  const records = benchData({ count, customers });
  const servers = await benchServers(log);
  try {
    const kafka = await rawKafka(servers, records, partitions, log);
    out(`raw kafkajs produce+consume: ${Math.round(kafka.rate)} msgs/s`);
    const postgres = await rawPostgres(servers, records, partitions, log);
    out(
      `raw PostgreSQL multi-row insert: ${Math.round(postgres.rate)} rows/s (PostgreSQL ${postgres.postgresCpuMsPerRecord} ms CPU per row)`,
    );
    const threading = await throughThreading(servers, records, partitions, log, undefined, values.waits);
    out(
      `threading at full speed: ${Math.round(threading.rate)} msgs/s (this process: ${threading.benchProcessCpuPercent}% of a core; PostgreSQL ${threading.postgresCpuMsPerRecord} ms CPU per record)`,
    );
    for (const [what, n] of threading.waits ?? []) out(`  ${n} samples: ${what}`);
    const paceRate = Number(values['latency-rate'] ?? Math.max(100, Math.round(threading.rate / 2)));
    const paceCount = Number(values['latency-count'] ?? Math.min(count, 10_000));
    const paced = await throughThreading(
      servers,
      benchData({ count: paceCount, customers, seed: 7, prefix: 'paced-' }),
      partitions,
      log,
      paceRate,
    );
    out(
      `threading paced at ${paceRate} msgs/s: p50 ${paced.latencyMs.p50} ms, p99 ${paced.latencyMs.p99} ms`,
    );
    const ceiling = Math.min(kafka.rate, postgres.rate);
    const result = {
      benchmark: 'threading',
      at: new Date().toISOString(),
      params: { count, customers, partitions, produceChunk: PRODUCE_CHUNK, batch: BATCH },
      servers: servers.source,
      machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
      rawKafka: kafka,
      rawPostgres: postgres,
      threading,
      threadingPaced: { ...paced, publishRate: paceRate },
      ratioToSlowerRaw: threading.rate / ceiling,
      slowerRaw: kafka.rate <= postgres.rate ? 'kafka' : 'postgres',
    };
    out('');
    out(
      table([
        ['', 'msgs/s', 'seconds', 'p50 ms', 'p99 ms'],
        ['raw kafkajs produce+consume', kafka.rate, kafka.seconds, Number.NaN, Number.NaN],
        ['raw PostgreSQL multi-row insert', postgres.rate, postgres.seconds, Number.NaN, Number.NaN],
        [
          'threading, full speed (publish → commit)',
          threading.rate,
          threading.seconds,
          threading.latencyMs.p50,
          threading.latencyMs.p99,
        ],
        [
          `threading, paced at ${paceRate}/s`,
          paced.rate,
          paced.seconds,
          paced.latencyMs.p50,
          paced.latencyMs.p99,
        ],
      ]),
    );
    out('');
    out(
      `threading / slower raw (${result.slowerRaw}) = ${result.ratioToSlowerRaw.toFixed(3)}; stored ${threading.stored}, duplicates ${threading.duplicates}, merges ${threading.merges}`,
    );
    for (const line of statementLines(
      'PostgreSQL statements of the full-speed run by time (calls and ms per record, rows per call):',
      threading.statements,
      threading.statementTotals,
    ))
      out(line);
    out(`results: ${await writeResult('threading', result)}`);
  } finally {
    await servers.stop();
  }
}

export async function rawKafka(
  servers: BenchServers,
  records: BenchRecord[],
  partitions: number,
  log: Logger,
) {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: servers.brokers, logLevel: logLevel.WARN });
  const topic = `bench-raw-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
  });
  await admin.disconnect();
  // The same producer settings as the bus: idempotent, acks from all in-sync replicas.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: `bench-raw-${randomUUID()}` });
  await Promise.all([producer.connect(), consumer.connect()]);
  await consumer.subscribe({ topic, fromBeginning: true });
  let consumed = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  await consumer.run({
    partitionsConsumedConcurrently: partitions,
    eachBatch: async ({ batch }) => {
      consumed += batch.messages.length;
      if (consumed >= records.length) finish();
    },
  });
  const started = performance.now();
  for (let i = 0; i < records.length; i += PRODUCE_CHUNK) {
    const chunk = records.slice(i, i + PRODUCE_CHUNK);
    await producer.send({
      topic,
      acks: -1,
      messages: chunk.map((r) => ({ key: r.key, value: JSON.stringify(r.message) })),
    });
  }
  await done;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([consumer.disconnect(), producer.disconnect()]);
  log.info({ seconds }, 'raw kafka done');
  return { records: records.length, seconds, rate: records.length / seconds };
}

/** The same rows, with the same statement, indexes and batch size, without the threading logic around them. */
export async function rawPostgres(
  servers: BenchServers,
  records: BenchRecord[],
  partitions: number,
  log: Logger,
) {
  const db = await createTestDatabase(servers.adminUrl, 'bench_raw');
  const pool = createPool({ url: db.url, log, max: partitions });
  try {
    await runMigrations(pool, log);
    await pool.query(
      'ALTER TABLE messages DROP CONSTRAINT messages_ticket_id_fkey, DROP CONSTRAINT messages_customer_id_fkey',
    );
    const unique = [...new Map(records.map((r) => [r.message.id, r.message])).values()];
    const rows: MessageRow[] = unique.map((message) => ({
      message,
      ticketId: randomUUID(),
      customerId: randomUUID(),
    }));
    const batches: MessageRow[][] = [];
    for (let i = 0; i < rows.length; i += BATCH) batches.push(rows.slice(i, i + BATCH));
    const started = performance.now();
    const postgresCpuBefore = await postgresCpuMs(pool);
    // As many writers as threading has partitions in flight.
    await Promise.all(
      Array.from({ length: partitions }, async () => {
        for (let batch = batches.shift(); batch; batch = batches.shift()) {
          const client = await pool.connect();
          try {
            await client.query('BEGIN');
            await insertMessages(client, batch);
            await client.query('COMMIT');
          } finally {
            client.release();
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const postgresCpu = (await postgresCpuMs(pool)) - postgresCpuBefore;
    return {
      rows: rows.length,
      seconds,
      rate: rows.length / seconds,
      postgresCpuMsPerRecord: Math.round((postgresCpu / rows.length) * 1000) / 1000,
    };
  } finally {
    await pool.end();
    await db.drop();
  }
}

async function throughThreading(
  servers: BenchServers,
  records: BenchRecord[],
  partitions: number,
  log: Logger,
  /** Publish at this many records per second (latency at a sustainable load); default: as fast as possible. */
  rate?: number,
  waits = false,
) {
  const db = await createTestDatabase(servers.adminUrl, 'bench_threading');
  const pool: Pool = createPool({ url: db.url, log, max: partitions + 2 });
  await runMigrations(pool, log);
  const bus = await KafkaBus.connect({
    brokers: servers.brokers,
    clientId: 'bench-threading',
    log,
    topicPrefix: `bench-${randomUUID()}.`,
    createTopics: true,
    topicPartitions: partitions,
    partitionsConsumedConcurrently: partitions,
    maxBatchSize: BATCH,
  });
  const latencies: number[] = [];
  const totals = { stored: 0, duplicates: 0, edited: 0, merges: 0, batches: 0 };
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const service = buildThreadingService({
    pool,
    bus,
    log,
    settings: { reopenWindowDays: 7, defaultPhoneRegion: 'RU' },
    groupId: `bench-threading-${randomUUID()}`,
    onBatchCommitted: (batch, result) => {
      const now = Date.now();
      for (const r of batch) latencies.push(now - Number(r.headers[PUBLISHED_AT]));
      totals.stored += result.stored;
      totals.duplicates += result.duplicates;
      totals.edited += result.edited;
      totals.merges += result.merges;
      totals.batches += 1;
      if (latencies.length >= records.length) finish();
    },
  });
  try {
    const statements = await statementStats(pool);
    await service.start?.();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const postgresCpuBefore = await postgresCpuMs(pool);
    const sampler = waits ? sampleWaits(pool) : undefined;
    const chunk = rate ? Math.max(1, Math.round(rate / 20)) : PRODUCE_CHUNK;
    for (let i = 0; i < records.length; i += chunk) {
      if (rate) {
        const due = started + (i / rate) * 1000;
        if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      }
      const publishedAt = String(Date.now());
      await bus.publish(
        TOPICS.inbound,
        records
          .slice(i, i + chunk)
          .map((r) => ({ key: r.key, value: r.message, headers: { [PUBLISHED_AT]: publishedAt } })),
      );
    }
    await Promise.race([done, stalled(() => latencies.length, 120_000)]);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const postgresCpu = (await postgresCpuMs(pool)) - postgresCpuBefore;
    return {
      records: records.length,
      seconds,
      rate: records.length / seconds,
      /** CPU of this process (producer + consumer + threading), in % of one core. */
      benchProcessCpuPercent: Math.round((used.user + used.system) / 10_000 / seconds),
      /** CPU of the PostgreSQL server (every backend and writer) per record, in ms. */
      postgresCpuMsPerRecord: Math.round((postgresCpu / records.length) * 1000) / 1000,
      /** Samples of the backends' state (`CPU` or the wait event, statement, and what blocks it) by count. */
      waits: await sampler?.stop(),
      latencyMs: {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: percentile(latencies, 100),
      },
      ...totals,
      statements: await statements.top(12, records.length),
      statementTotals: await statements.totals(records.length),
    };
  } finally {
    await service.stop?.();
    await bus.close();
    await pool.end();
    await db.drop();
  }
}

/** Rejects when `progress()` has not moved for `ms` (a record stuck in retries or dead-lettered). */
function stalled(progress: () => number, ms: number): Promise<never> {
  return new Promise((_, reject) => {
    let last = progress();
    let since = Date.now();
    const timer = setInterval(() => {
      const now = progress();
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since > ms) {
        clearInterval(timer);
        reject(new Error(`threading made no progress for ${ms / 1000} s (${now} records committed)`));
      }
    }, 1_000);
    timer.unref();
  });
}
