import type { Logger } from './logger';

/**
 * What migration 21's statement triggers notify (payload-free), once per transaction that
 * added events or outbox rows, on commit: the outbox relay and the webhook dispatcher wait
 * for it instead of polling.
 */
export const COMMIT_WAKE_CHANNEL = 'omni_relay_wake';

export interface CommitWokenLoopOptions {
  log: Logger;
  /** Logged (warn) with the error of a failed round. */
  failure: string;
  /**
   * Before every round: whether this replica runs now (false: asked again after
   * `notReadyMs`). This is where the caller makes sure it listens, passing {@link
   * CommitWokenLoop.notify} as the handler: a commit after it resolves wakes the next wait.
   */
  prepare: () => Promise<boolean>;
  /** One round; how much it did (above 0: the next round follows after `busyPauseMs`). */
  round: () => Promise<number>;
  /**
   * After a round that did nothing: whether work is there but held back by a transaction
   * still running (the xmin rule; any database of the server counts). Its commit need not
   * notify this database, so the next round follows after `emptyGapMs`, not the poll.
   */
  heldBack?: () => boolean;
  /** After a failed round, before the pause (e.g. give up a lease whose connection may be gone). */
  recover?: () => Promise<void>;
  /**
   * Fallback poll when idle: catches what no notification announces — an event held back by
   * an older transaction that wrote no events itself, a notification missed while the
   * connection was down, work due by the clock (a webhook's retry).
   */
  pollMs: number;
  /**
   * Pause after a round that did something (each round drains its backlog). Without it a
   * steady trickle made rounds run back to back, a few rows each — more PostgreSQL
   * statements than the work itself at a day's pace; the pause gathers a round's worth.
   */
  busyPauseMs: number;
  /**
   * Least time between the start of a round that found nothing and the next round, woken or
   * not (never more than `pollMs`): under a steady stream of commits whose work an older open
   * transaction holds back (the xmin rule), each commit would otherwise start a round that
   * finds nothing — measured on the relay at full rate: +1 PostgreSQL transaction per
   * message. A commit after a quiet spell still starts a round at once.
   */
  emptyGapMs: number;
  notReadyMs?: number;
}

/**
 * The rounds of background work woken by commits (PostgreSQL NOTIFY) instead of a fast poll:
 * idle, it waits until a notification, the fallback poll or stop, whichever comes first.
 * One loop for every such worker (the outbox relay, the webhook dispatcher), so the pacing
 * measured on one holds for all.
 */
export class CommitWokenLoop {
  private running = false;
  /** A commit announced work since the last round began. */
  private woken = false;
  /** Ends the current wait early (set while waiting). */
  private interrupt: ((byNotification: boolean) => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: CommitWokenLoopOptions) {}

  /** The notification handler: ends an idle wait, or makes the next one return at once. */
  readonly notify = (): void => {
    this.woken = true;
    this.interrupt?.(true);
  };

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.interrupt?.(false);
    await this.loop;
  }

  private async run(): Promise<void> {
    const { pollMs, busyPauseMs, emptyGapMs } = this.opts;
    while (this.running) {
      try {
        if (!(await this.opts.prepare())) {
          await this.wait(this.opts.notReadyMs ?? 2_000, false);
          continue;
        }
        // Cleared before the round reads: a commit after this point wakes the next wait.
        this.woken = false;
        const roundAt = Date.now();
        const done = await this.opts.round();
        // After a busy round, the pause gathers the next round's worth (notifications during
        // it only set `woken`); idle, the next commit's notification ends the wait.
        if (done > 0) await this.wait(busyPauseMs, false);
        else {
          if (!this.opts.heldBack?.()) await this.wait(pollMs, true);
          await this.wait(roundAt + Math.min(emptyGapMs, pollMs) - Date.now(), false);
        }
      } catch (err) {
        this.opts.log.warn({ err }, this.opts.failure);
        await this.opts.recover?.().catch(() => undefined);
        await this.wait(1_000, false);
      }
    }
  }

  /** `ms`, or until stop — or, `wokenBy` a notification, until one arrived since the round began. */
  private wait(ms: number, wokenBy: boolean): Promise<void> {
    if (!this.running || ms <= 0 || (wokenBy && this.woken)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.interrupt = (byNotification) => {
        if (!byNotification || wokenBy) done();
      };
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).finally(() => {
      this.interrupt = undefined;
    });
  }
}
