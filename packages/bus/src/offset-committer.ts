import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Commits one consumer's handled offsets, at most once every `intervalMs` (0: as each chunk
 * is handled). An offset commit is a request the broker writes to `__consumer_offsets`: done
 * after every chunk, a consumer at a quiet hour paid one for every record it handled (1.1–1.4
 * commits per accepted message in `pnpm bench e2e --rate 75`, 0.35 with the interval), and
 * waited for it before fetching again. Spaced out, the records handled since the last commit are delivered again
 * after a crash, so only subscriptions whose handling is idempotent use an interval
 * (`SubscribeOptions.idempotent`). Nothing is ever committed before it was handled.
 */
export class OffsetCommitter {
  /** Per partition, the next offset to read: every record before it was handled. */
  private readonly pending = new Map<number, string>();
  private lastCommitAt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly consumer: Pick<Consumer, 'commitOffsets'>,
    private readonly topic: string,
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  /**
   * The records of `partition` before `nextOffset` are handled. Commits now when the interval
   * has passed since the last commit (a failure then fails the chunk, as before); otherwise
   * the commit leaves with the next chunk's or, when none comes, on a timer.
   */
  async handled(partition: number, nextOffset: string): Promise<void> {
    this.pending.set(partition, nextOffset);
    const wait = this.lastCommitAt + this.intervalMs - Date.now();
    if (wait <= 0) return this.flush();
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flushQuietly('interval');
    }, wait).unref();
  }

  /** Commits what is handled and not committed yet. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const offsets = [...this.pending].map(([partition, offset]) => ({
      topic: this.topic,
      partition,
      offset,
    }));
    this.pending.clear();
    this.lastCommitAt = Date.now();
    await this.consumer.commitOffsets(offsets);
  }

  /**
   * A flush off the handling path (the timer, a rebalance starting, the bus closing). A failure
   * loses nothing: those records are delivered again, and the handler is idempotent.
   */
  async flushQuietly(when: string): Promise<void> {
    await this.flush().catch((err: unknown) =>
      this.log.warn(
        { err, topic: this.topic, when },
        'offset commit failed; records handled since the last commit may be delivered again',
      ),
    );
  }

  /** The consumer is gone: its successor starts from the last commit. */
  discard(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
