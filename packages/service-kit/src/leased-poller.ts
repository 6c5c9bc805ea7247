import { errorMessage, isRetriable } from '@omni/contracts';
import { AdvisoryLease, type Pool } from '@omni/db';
import type { Logger } from 'pino';

export interface LeasedPollerOptions {
  pool: Pool;
  /** The lease's name, unique per polled account (`omni-telegram-poller:<account>`). */
  leaseName: string;
  log: Logger;
  /** Once each time this replica takes the lease, before its first round (drop a webhook, load the cursor). */
  onLease?: (signal: AbortSignal) => Promise<void>;
  /**
   * One round: fetch a batch, hand it on, confirm it. Resolves when the batch was accepted;
   * throws to have the same batch fetched again after `errorBackoffMs`.
   */
  round: (signal: AbortSignal) => Promise<void>;
  /** How often a replica without the lease tries to take it. */
  leaseRetryMs?: number;
  /** Wait after a failed round before the next. */
  errorBackoffMs?: number;
}

/**
 * Long polling that exactly one replica does (platforms refuse or split a second poller):
 * the lease is a PostgreSQL session advisory lock on a dedicated connection, released when
 * the process stops or its connection dies, and checked before every round. A failed
 * round is retried after a pause; what a round confirms to the platform (an offset, a
 * stored marker) is the round's business, done only once its batch was accepted.
 */
export class LeasedPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private readonly log: Logger;
  /** True while this replica holds the lease (tests look at it). */
  leaseHeld = false;

  constructor(private readonly opts: LeasedPollerOptions) {
    this.log = opts.log;
  }

  start(): void {
    if (this.loop) return;
    this.running = true;
    this.loop = this.run().catch((err: unknown) => this.log.error({ err }, 'poller stopped unexpectedly'));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { leaseRetryMs = 5_000 } = this.opts;
    const lease = new AdvisoryLease(this.opts.pool, this.opts.leaseName);
    while (this.running) {
      if (!(await this.tryLease(lease))) {
        await this.sleep(leaseRetryMs);
        continue;
      }
      this.leaseHeld = true;
      this.log.info('lease taken: this replica polls');
      try {
        await this.pollWhileLeased(lease);
      } finally {
        this.leaseHeld = false;
        await lease.release();
      }
    }
  }

  private async pollWhileLeased(lease: AdvisoryLease): Promise<void> {
    const { errorBackoffMs = 1_000, onLease, round } = this.opts;
    let started = onLease === undefined;
    while (this.running) {
      // The lease lives on its own connection: if that is gone, so is the lease.
      if (!(await lease.alive())) {
        this.log.warn('lease connection lost: stopping polling on this replica');
        return;
      }
      try {
        if (!started) {
          await onLease?.(this.abort.signal);
          started = true;
        }
        await round(this.abort.signal);
      } catch (err) {
        if (!this.running) return;
        const level = isRetriable(err) ? 'warn' : 'error';
        this.log[level]({ err: errorMessage(err) }, 'polling round failed; retrying the same batch');
        await this.sleep(errorBackoffMs);
      }
    }
  }

  private async tryLease(lease: AdvisoryLease): Promise<boolean> {
    try {
      return await lease.tryAcquire();
    } catch (err) {
      this.log.warn({ err: errorMessage(err) }, 'cannot reach the database for the polling lease');
      return false;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      const t = setTimeout(resolve, ms);
      this.abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(t);
          resolve();
        },
        { once: true },
      );
    });
  }
}
