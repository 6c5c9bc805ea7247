import { errorMessage, isRetriable } from '@omni/contracts';
import { AdvisoryLease, type Pool } from '@omni/db';
import type { Logger } from '@omni/service-kit';
import { TgUpdateId } from './telegram.schema';
import { callBotApi } from './telegram-api';
import type { ProcessUpdate, TelegramAccountRuntime } from './update-processor';

export interface PollerOptions {
  acc: TelegramAccountRuntime;
  pool: Pool;
  log: Logger;
  processUpdate: ProcessUpdate;
  timeoutSeconds: number;
  /** How often a replica without the lease tries to take it. */
  leaseRetryMs?: number;
  /** Wait after a failed round before the same batch is fetched again. */
  errorBackoffMs?: number;
}

/** Only the update kinds we map; everything else would be fetched just to be ignored. */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

/**
 * Long polling for one bot. Exactly one replica polls (Telegram answers 409 to a second
 * poller): the lease is a PostgreSQL session advisory lock held on a dedicated connection,
 * released when the process stops or its connection dies. The offset — Telegram's
 * confirmation of a batch — advances only after every update of the batch was accepted
 * by the bus, in order; a failure fetches the same batch again (ids are deterministic,
 * so nothing is stored twice).
 */
export class TelegramPoller {
  private running = false;
  private loop: Promise<void> | undefined;
  private abort = new AbortController();
  private readonly log: Logger;
  /** True while this replica holds the lease (tests and /readyz look at it). */
  leaseHeld = false;

  constructor(private readonly opts: PollerOptions) {
    this.log = opts.log.child({ account: opts.acc.account, component: 'telegram-poller' });
  }

  start(): void {
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
    const lease = new AdvisoryLease(this.opts.pool, `omni-telegram-poller:${this.opts.acc.account}`);
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
    const { acc, timeoutSeconds, errorBackoffMs = 1_000 } = this.opts;
    // getUpdates does not work while a webhook is set.
    await callBotApi('deleteWebhook', () => acc.bot.deleteWebhook()).catch((err: unknown) =>
      this.log.warn({ err: errorMessage(err) }, 'deleteWebhook failed; polling anyway'),
    );
    let offset: number | undefined;
    while (this.running) {
      // The lease lives on its own connection: if that is gone, so is the lease.
      const alive = await lease.alive();
      if (!alive) {
        this.log.warn('lease connection lost: stopping polling on this replica');
        return;
      }
      try {
        const updates = await callBotApi('getUpdates', () =>
          acc.bot.callApi(
            'getUpdates',
            { offset, timeout: timeoutSeconds, limit: 100, allowed_updates: [...ALLOWED_UPDATES] },
            // telegraf types the signal with the abort-controller shim; Node's own is what node-fetch reads.
            {
              signal: this.abort.signal as unknown as NonNullable<
                Parameters<typeof acc.bot.callApi>[2]
              >['signal'],
            },
          ),
        );
        for (const update of updates as unknown[]) {
          const id = TgUpdateId.safeParse(update);
          if (!id.success) continue;
          await this.opts.processUpdate(acc, update, id.data.update_id);
          // Confirmed to Telegram only by the next getUpdates, i.e. after the whole batch.
          offset = id.data.update_id + 1;
        }
      } catch (err) {
        if (!this.running) return;
        // A failed update keeps `offset` before it: the next round fetches it again.
        const level = isRetriable(err) ? 'warn' : 'error';
        this.log[level]({ err: errorMessage(err), offset }, 'polling round failed; retrying the same batch');
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
