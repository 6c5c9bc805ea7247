import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createLogger, type Logger } from '@omni/service-kit';
import { startLocalKafka, startPostgres } from '@omni/testkit';

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
    startPostgres(),
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
