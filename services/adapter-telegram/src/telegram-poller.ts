import { errorMessage } from '@omni/contracts';
import type { Pool } from '@omni/db';
import { LeasedPoller, type Logger } from '@omni/service-kit';
import { readUpdate } from './telegram.schema';
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
 * Long polling for one bot, under the service kit's lease (Telegram answers 409 to a
 * second poller). Telegram keeps the position itself: the offset — its confirmation of a
 * batch — advances only after every update of the batch was accepted by the bus, in
 * order; a failure fetches the same batch again (ids are deterministic, so nothing is
 * stored twice).
 */
export function createTelegramPoller(opts: PollerOptions): LeasedPoller {
  const { acc, timeoutSeconds } = opts;
  const log = opts.log.child({ account: acc.account, component: 'telegram-poller' });
  let offset: number | undefined;
  return new LeasedPoller({
    pool: opts.pool,
    leaseName: `omni-telegram-poller:${acc.account}`,
    log,
    leaseRetryMs: opts.leaseRetryMs,
    errorBackoffMs: opts.errorBackoffMs,
    async onLease() {
      offset = undefined;
      // getUpdates does not work while a webhook is set.
      await callBotApi('deleteWebhook', () => acc.bot.deleteWebhook()).catch((err: unknown) =>
        log.warn({ err: errorMessage(err) }, 'deleteWebhook failed; polling anyway'),
      );
    },
    async round(signal) {
      const updates = await callBotApi('getUpdates', () =>
        acc.bot.callApi(
          'getUpdates',
          { offset, timeout: timeoutSeconds, limit: 100, allowed_updates: [...ALLOWED_UPDATES] },
          // telegraf types the signal with the abort-controller shim; Node's own is what node-fetch reads.
          { signal: signal as unknown as NonNullable<Parameters<typeof acc.bot.callApi>[2]>['signal'] },
        ),
      );
      for (const update of updates as unknown[]) {
        const read = readUpdate(update);
        if (read.kind === 'not-an-update') continue;
        await opts.processUpdate(acc, read);
        // Confirmed to Telegram only by the next getUpdates, i.e. after the whole batch.
        offset = read.updateId + 1;
      }
    },
  });
}
