import { type RetentionKind, runRetention } from '@omni/customers';
import type { BlobStore, Pool } from '@omni/db';
import { LeasedJob, type Logger, type PrivacyConfig } from '@omni/service-kit';
import { Counter, Gauge, type Registry } from 'prom-client';

const KINDS: RetentionKind[] = ['tickets', 'messages', 'customers', 'fileMessages', 'blobs', 'tombstones'];

/** Progress of the retention job, as Prometheus series (registered once per registry). */
function retentionMetrics(registry: Registry) {
  const reuse = <T>(name: string, make: () => T): T =>
    (registry.getSingleMetric(name) as T | undefined) ?? make();
  return {
    processed: reuse(
      'omni_privacy_retention_processed_total',
      () =>
        new Counter({
          name: 'omni_privacy_retention_processed_total',
          help: 'Rows the retention job emptied or deleted, by kind',
          labelNames: ['kind'],
          registers: [registry],
        }),
    ),
    due: reuse(
      'omni_privacy_retention_due',
      () =>
        new Gauge({
          name: 'omni_privacy_retention_due',
          help: 'Rows due for retention that the running pass has not reached yet (0 when done), by kind',
          labelNames: ['kind'],
          registers: [registry],
        }),
    ),
    lastPass: reuse(
      'omni_privacy_retention_last_pass_timestamp_seconds',
      () =>
        new Gauge({
          name: 'omni_privacy_retention_last_pass_timestamp_seconds',
          help: 'When the retention job last finished a pass',
          registers: [registry],
        }),
    ),
  };
}

/**
 * The retention job (`privacy.retention`): on one replica at a time (advisory lease), every
 * `retentionIntervalMinutes`, what is due is counted (the `due` gauge), then emptied batch
 * by batch (the `processed` counter; `due` counts down).
 */
export function retentionJob(deps: {
  pool: Pool;
  log: Logger;
  blobs: BlobStore;
  privacy: PrivacyConfig;
  metrics: Registry;
  now?: () => Date;
}): LeasedJob {
  const { pool, log, blobs, privacy } = deps;
  const metrics = retentionMetrics(deps.metrics);
  const now = deps.now ?? (() => new Date());
  return new LeasedJob({
    pool,
    log,
    name: 'omni-privacy-retention',
    intervalMs: privacy.retentionIntervalMinutes * 60_000,
    run: async () => {
      const at = now();
      const options = { rules: privacy.retention, tombstoneDays: privacy.tombstoneDays, now: at };
      const due = await runRetention(pool, { ...options, dryRun: true });
      for (const kind of KINDS) metrics.due.set({ kind }, due[kind]);
      const done = await runRetention(pool, {
        ...options,
        blobs,
        onProgress: (kind, n) => {
          metrics.processed.inc({ kind }, n);
          metrics.due.dec({ kind }, Math.min(n, due[kind]));
        },
      });
      for (const kind of KINDS) metrics.due.set({ kind }, 0);
      metrics.lastPass.setToCurrentTime();
      if (Object.values(done).some((n) => n > 0)) log.info({ retention: done }, 'retention pass done');
    },
  });
}
