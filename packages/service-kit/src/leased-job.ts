import { AdvisoryLease, type Pool } from '@omni/db';
import type { Logger } from './logger';

/**
 * Periodic work that must run on one replica at a time (the retention job): each round takes
 * the PostgreSQL advisory lease first (`AdvisoryLease`), runs, and waits the interval. A
 * replica that dies drops its connection and so its lease; another takes over next round.
 */
export class LeasedJob {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly lease: AdvisoryLease;
  private wake: (() => void) | undefined;

  constructor(
    private readonly opts: {
      pool: Pool;
      log: Logger;
      /** The lease's name (one per job). */
      name: string;
      intervalMs: number;
      run: () => Promise<void>;
    },
  ) {
    this.lease = new AdvisoryLease(opts.pool, opts.name);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.rounds();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.lease.release();
  }

  private async rounds(): Promise<void> {
    const { log, name, intervalMs, run } = this.opts;
    while (this.running) {
      try {
        const held = this.lease.held || (await this.lease.tryAcquire());
        if (held && (await this.lease.alive())) await run();
      } catch (err) {
        log.warn({ err, job: name }, 'leased job failed; retrying next round');
        await this.lease.release();
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
    }
  }
}
