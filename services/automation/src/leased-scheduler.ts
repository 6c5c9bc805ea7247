import { AdvisoryLease, type Pool } from '@omni/db';
import type { Logger } from '@omni/service-kit';

/**
 * Runs a pass every few seconds on exactly one replica: a PostgreSQL advisory lock held on a
 * dedicated connection is the lease; when its holder dies the connection drops and another
 * replica takes over on its next try. A pass returns how much it did; while that is more than
 * nothing it runs again at once (a backlog is worked off without waiting).
 */
export class LeasedScheduler {
  private running = false;
  private loop: Promise<void> | undefined;
  private lease: AdvisoryLease | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly opts: {
      /** The lease's name: one holder per name. */
      name: string;
      pool: Pool;
      log: Logger;
      intervalMs: number;
      now: () => Date;
      pass: (now: Date) => Promise<number>;
    },
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { log, intervalMs, now, pass, name } = this.opts;
    while (this.running) {
      try {
        if (await this.holdLease()) {
          let done: number;
          do done = await pass(now());
          while (this.running && done > 0);
        }
      } catch (err) {
        log.warn({ err, scheduler: name }, 'scheduled pass failed; retrying');
        await this.dropLease();
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
    }
    await this.dropLease();
  }

  private async holdLease(): Promise<boolean> {
    this.lease ??= new AdvisoryLease(this.opts.pool, this.opts.name);
    if (this.lease.held) return true;
    const acquired = await this.lease.tryAcquire();
    if (acquired) this.opts.log.info({ scheduler: this.opts.name }, 'scheduler lease acquired');
    return acquired;
  }

  private async dropLease(): Promise<void> {
    await this.lease?.release();
  }
}
