import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Pool } from '@omni/db';
import { createLogger, type Logger } from '@omni/service-kit';
import { startLocalKafka, startPostgres } from '@omni/testkit';
import { type Admin, Kafka, logLevel } from 'kafkajs';

/**
 * Settings of the benches' own PostgreSQL: pg_stat_statements loaded, so a run can say where
 * the server's time went ({@link statementStats}). A server from DATABASE_URL is used as it is.
 */
export const BENCH_POSTGRES_SETTINGS = {
  shared_preload_libraries: 'pg_stat_statements',
  // Planning time too: a statement sent unnamed is planned again on every call.
  'pg_stat_statements.track_planning': 'on',
};

/** Where results go (gitignored). */
export const RESULTS_DIR = resolve(__dirname, '..', 'results');

export interface BenchServers {
  brokers: string[];
  /** Admin URL of the PostgreSQL server (create databases on it). */
  adminUrl: string;
  /** Where they came from, for the report. */
  source: { kafka: 'env' | 'local'; postgres: string };
  stop(): Promise<void>;
}

/**
 * Real Kafka and PostgreSQL: KAFKA_BROKERS / DATABASE_URL when set, else servers of our own
 * (a local KRaft broker from the Kafka jars, PostgreSQL from the testkit) stopped at the end.
 */
export async function benchServers(log: Logger): Promise<BenchServers> {
  const envBrokers =
    process.env.KAFKA_BROKERS?.split(',')
      .map((b) => b.trim())
      .filter(Boolean) ?? [];
  const [kafka, postgres] = await Promise.all([
    envBrokers.length > 0 ? undefined : startLocalKafka(),
    startPostgres({ settings: BENCH_POSTGRES_SETTINGS }),
  ]);
  log.info({ kafka: kafka ? 'local' : 'env', postgres: postgres.source }, 'servers ready');
  return {
    brokers: kafka?.brokers ?? envBrokers,
    adminUrl: postgres.url,
    source: { kafka: kafka ? 'local' : 'env', postgres: postgres.source },
    async stop() {
      await Promise.allSettled([kafka?.stop(), postgres.stop()]);
    },
  };
}

export function benchLogger(): Logger {
  return createLogger({ service: 'bench', level: process.env.LOG_LEVEL ?? 'warn' });
}

/** The p-th percentile (0..100) of unsorted values, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/** A deterministic PRNG (mulberry32), so every run benchmarks the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export async function writeResult(name: string, result: unknown): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

/** A plain aligned table for the terminal. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? formatNumber(c) : c)));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  return cells
    .map((r) =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('   '),
    )
    .join('\n');
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '-';
  return Math.abs(n) >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat; with
 * `reaped`, also that of its ended children it waited for. 0 once it is gone.
 */
export function processCpuMs(pid: number, reaped = false): number {
  try {
    // Fields after the parenthesised command: utime, stime, cutime, cstime are the 12th to 15th, in clock ticks (100/s).
    const f = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []).map(Number);
    return ((f[11] ?? 0) + (f[12] ?? 0) + (reaped ? (f[13] ?? 0) + (f[14] ?? 0) : 0)) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) used so far by the PostgreSQL server behind `pool` when it runs on this
 * machine: the postmaster, every process it runs (backends, writers) and those that ended,
 * read from /proc. NaN when the server is elsewhere.
 */
export async function postgresCpuMs(pool: Pick<Pool, 'query'>): Promise<number> {
  const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  try {
    const status = readFileSync(`/proc/${rows[0]?.pid}/status`, 'utf8');
    const postmaster = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
    let total = processCpuMs(postmaster, true);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
        if (ppid === postmaster) total += processCpuMs(Number(entry));
      } catch {
        // The process just ended.
      }
    }
    return total;
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU time (ms) used so far by the Kafka broker JVM started with `<dataDir>/server.properties`
 * on this machine (the test kit's local broker), from /proc. NaN when none is found (a broker
 * elsewhere, `KAFKA_BROKERS`).
 */
export function kafkaCpuMs(dataDir: string | undefined): number {
  if (!dataDir) return Number.NaN;
  const marker = join(dataDir, 'server.properties');
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) return processCpuMs(Number(entry));
    } catch {
      // The process just ended.
    }
  }
  return Number.NaN;
}

/** Write counters of the current database (pg_stat_database): transactions and rows written. */
export async function postgresWrites(
  pool: Pick<Pool, 'query'>,
): Promise<{ transactions: number; inserted: number; updated: number; deleted: number }> {
  // Statistics reach the shared view up to a second late: flushed by every backend's next transaction end.
  await new Promise((r) => setTimeout(r, 1_500));
  const { rows } = await pool.query<{
    xact_commit: string;
    tup_inserted: string;
    tup_updated: string;
    tup_deleted: string;
  }>(
    'SELECT xact_commit, tup_inserted, tup_updated, tup_deleted FROM pg_stat_database WHERE datname = current_database()',
  );
  const r = rows[0];
  return {
    transactions: Number(r?.xact_commit),
    inserted: Number(r?.tup_inserted),
    updated: Number(r?.tup_updated),
    deleted: Number(r?.tup_deleted),
  };
}

/**
 * Statement statistics of the current database when the server preloads pg_stat_statements
 * (the benches' own server does, {@link BENCH_POSTGRES_SETTINGS}; one from DATABASE_URL may
 * not): calling this resets them, `top(n)` and `totals()` read what ran since. Both return
 * undefined without the extension.
 */
export async function statementStats(pool: Pick<Pool, 'query'>) {
  const available = await pool
    .query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements')
    .then(() => pool.query('SELECT pg_stat_statements_reset()'))
    .then(
      () => true,
      () => false,
    );
  return {
    available,
    /**
     * The `n` statements that took the most time (execution + planning) since the reset, or
     * with `by: 'calls'` the most frequent (each is a round trip), per unit of work.
     */
    async top(n: number, perUnit: number, by: 'time' | 'calls' = 'time') {
      if (!available) return undefined;
      const { rows } = await pool.query<{
        query: string;
        calls: string;
        ms: number;
        plan_ms: number;
        rows: string;
      }>(
        `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls, total_exec_time AS ms,
                total_plan_time AS plan_ms, rows
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY ${by === 'calls' ? 'calls' : 'total_exec_time + total_plan_time'} DESC LIMIT $1`,
        [n],
      );
      const per = (ms: number) => Math.round((ms / perUnit) * 1000) / 1000;
      return rows.map((r) => ({
        callsPerUnit: Math.round((Number(r.calls) / perUnit) * 1000) / 1000,
        msPerUnit: per(r.ms),
        planMsPerUnit: per(r.plan_ms),
        rowsPerCall: Math.round((Number(r.rows) / Math.max(1, Number(r.calls))) * 10) / 10,
        query: r.query.slice(0, 160),
      }));
    },
    /** Execution and planning time of every statement since the reset, per unit of work. */
    async totals(perUnit: number) {
      if (!available) return undefined;
      const { rows } = await pool.query<{ ms: number; plan_ms: number; calls: string }>(
        `SELECT sum(total_exec_time)::float8 AS ms, sum(total_plan_time)::float8 AS plan_ms, sum(calls) AS calls
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      const r = rows[0];
      return {
        callsPerUnit: Math.round((Number(r?.calls) / perUnit) * 100) / 100,
        msPerUnit: Math.round(((r?.ms ?? 0) / perUnit) * 1000) / 1000,
        planMsPerUnit: Math.round(((r?.plan_ms ?? 0) / perUnit) * 1000) / 1000,
      };
    },
  };
}

/** {@link statementStats}' top statements and totals as report lines, under `heading`. */
export function statementLines(
  heading: string,
  statements:
    | { callsPerUnit: number; msPerUnit: number; planMsPerUnit: number; rowsPerCall: number; query: string }[]
    | undefined,
  totals?: { callsPerUnit: number; msPerUnit: number; planMsPerUnit: number },
): string[] {
  if (!statements) return [];
  return [
    heading,
    ...(totals
      ? [
          `  all statements: ${totals.callsPerUnit} calls, ${totals.msPerUnit} ms executing, ${totals.planMsPerUnit} ms planning`,
        ]
      : []),
    ...statements.map(
      (q) =>
        `  ${q.callsPerUnit} calls, ${q.msPerUnit} ms (+ ${q.planMsPerUnit} planning), ${q.rowsPerCall} rows: ${q.query}`,
    ),
  ];
}

/**
 * Samples every 20 ms what this database's active backends do: on CPU or waiting (the wait
 * event), in which statement, and for a lock, the state and statement of the backend holding
 * it — each prefixed with the backend's application name (a service's pool is named after the
 * service). `stop()` returns the most frequent, with their counts.
 */
export function sampleWaits(pool: Pick<Pool, 'query'>) {
  const counts = new Map<string, number>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool.query<{ what: string }>(
        `SELECT coalesce(nullif(a.application_name, '') || ': ', '')
                || coalesce(a.wait_event_type || ':' || a.wait_event, 'CPU') || ' ' || left(regexp_replace(a.query, '\\s+', ' ', 'g'), 60)
                || coalesce(' <- ' || nullif(b.application_name, '') || ' ' || b.state || ' ' || left(regexp_replace(b.query, '\\s+', ' ', 'g'), 50), '') AS what
           FROM pg_stat_activity a LEFT JOIN pg_stat_activity b ON b.pid = (pg_blocking_pids(a.pid))[1]
          WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.state = 'active'`,
      );
      for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop(): Promise<[string, number][]> {
      running = false;
      await loop;
      return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25);
    },
  };
}

/**
 * Records in every topic of the cluster (the sum of its partitions' high watermarks),
 * `__consumer_offsets` included: the difference over a run is how many records each topic took,
 * and how many offset commits the consumer groups made (one record per partition committed).
 */
export async function kafkaRecordCounts(brokers: string[]): Promise<Map<string, number>> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const counts = new Map<string, number>();
    for (const topic of await admin.listTopics()) {
      const offsets = await topicOffsets(admin, topic);
      counts.set(
        topic,
        offsets.reduce((sum, p) => sum + Number(p.high), 0),
      );
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

/**
 * A topic's offsets, asked again while the broker answers that it leads none of its partitions
 * yet (retriable): a topic created moments before (the services' own, at start) may have no
 * leader for a while, and `bench e2e` failed there before its load began.
 */
async function topicOffsets(admin: Admin, topic: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.fetchTopicOffsets(topic);
    } catch (err) {
      if (attempt >= 20 || (err as { retriable?: boolean }).retriable !== true) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Busy and total jiffies of all cores since boot (/proc/stat). */
export function machineTicks(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { busy: total - idle, total };
}
