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
   * Ceiling of the fallback poll while nothing happens (default `pollMs`: it never grows). A
   * poll that no commit woke and that found nothing doubles the next one, up to this, as far
   * as `quietForMs` allows; a round that did something, or that a commit woke, starts over
   * from `pollMs`. Idle, a poll every second was most of the database's statements.
   */
  idlePollMaxMs?: number;
  /**
   * Asked before the fallback poll grows: for how long from now no work can be pending that no
   * notification announces — 0 while work is there but held back (the xmin rule), the time
   * until work due by the clock (a webhook's retry), Infinity when there is none. Without it
   * the poll never grows.
   */
  quietForMs?: () => Promise<number>;
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
 * idle, it waits until a notification, the fallback poll or stop, whichever comes first, and
 * the fallback poll grows while it finds nothing ({@link CommitWokenLoopOptions.idlePollMaxMs}).
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
    /** The fallback poll now: `pollMs`, longer while polls find nothing. */
    let poll = pollMs;
    /** The next round is the fallback poll's: no commit woke it. */
    let byPoll = false;
    while (this.running) {
      // Only a round that follows the poll's wait directly is the poll's (not one after a
      // failure, or the first after this replica took its lease).
      const polled = byPoll;
      byPoll = false;
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
        if (done > 0) {
          poll = pollMs;
          await this.wait(busyPauseMs, false);
        } else {
          if (this.opts.heldBack?.()) poll = pollMs;
          else {
            poll = polled ? await this.grown(poll) : pollMs;
            byPoll = await this.wait(poll, true);
          }
          await this.wait(roundAt + Math.min(emptyGapMs, pollMs) - Date.now(), false);
        }
      } catch (err) {
        this.opts.log.warn({ err }, this.opts.failure);
        await this.opts.recover?.().catch(() => undefined);
        await this.wait(1_000, false);
      }
    }
  }

  /** The fallback poll after one that found nothing: twice `current`, within the ceiling and the quiet time. */
  private async grown(current: number): Promise<number> {
    const { pollMs, idlePollMaxMs = pollMs, quietForMs } = this.opts;
    if (!quietForMs || idlePollMaxMs <= pollMs) return pollMs;
    return Math.max(pollMs, Math.min(current * 2, idlePollMaxMs, await quietForMs()));
  }

  /**
   * `ms`, or until stop — or, `wokenBy` a notification, until one arrived since the round
   * began. True when it waited the whole `ms`.
   */
  private wait(ms: number, wokenBy: boolean): Promise<boolean> {
    if (!this.running || ms <= 0 || (wokenBy && this.woken)) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(true), ms);
      this.interrupt = (byNotification) => {
        if (!byNotification || wokenBy) done(false);
      };
      function done(ranOut: boolean) {
        clearTimeout(timer);
        resolve(ranOut);
      }
    }).finally(() => {
      this.interrupt = undefined;
    });
  }
}
