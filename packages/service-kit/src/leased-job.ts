import { AdvisoryLease, type Pool } from '@omni/db';
import type { Logger } from './logger';

/**
 * Periodic work that must run on one replica at a time (retention, SLA clocks, surveys, the
 * live chat's offline emails): each round takes the PostgreSQL advisory lease first
 * (`AdvisoryLease`), runs, and waits the interval. A round that reports it did something
 * (a number above 0) runs again at once, so a backlog is worked off without waiting. A
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
      /** One round; resolving to how much it did (a number above 0) runs the next round at once. */
      run: () => Promise<unknown>;
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
        if (await this.holdLease()) {
          let done: unknown;
          do done = await run();
          while (this.running && typeof done === 'number' && done > 0);
        }
      } catch (err) {
        log.warn({ err, job: name }, 'leased job failed; retrying next round');
        await this.lease.release();
      }
      // A stop that arrived during the round must not wait out the interval (its wake-up
      // was called before this wait existed): seen as a launcher stopped right after start
      // hanging until the shutdown timeout.
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
    }
  }

  private async holdLease(): Promise<boolean> {
    if (this.lease.held) return this.lease.alive();
    const acquired = await this.lease.tryAcquire();
    if (acquired) this.opts.log.info({ job: this.opts.name }, 'lease acquired');
    return acquired && this.lease.alive();
  }
}
