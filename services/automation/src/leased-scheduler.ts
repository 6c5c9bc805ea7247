import type { Pool } from '@omni/db';
import { LeasedJob, type Logger } from '@omni/service-kit';

/**
 * Automation's passes (SLA clocks, surveys) on exactly one replica: service-kit's
 * `LeasedJob`, with the pass given the clock's time. A pass returns how much it did; while
 * that is more than nothing it runs again at once (a backlog is worked off without waiting).
 */
export class LeasedScheduler extends LeasedJob {
  constructor(opts: {
    /** The lease's name: one holder per name. */
    name: string;
    pool: Pool;
    log: Logger;
    intervalMs: number;
    now: () => Date;
    pass: (now: Date) => Promise<number>;
  }) {
    super({
      pool: opts.pool,
      log: opts.log,
      name: opts.name,
      intervalMs: opts.intervalMs,
      run: () => opts.pass(opts.now()),
    });
  }
}
