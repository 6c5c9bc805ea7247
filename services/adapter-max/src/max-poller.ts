import { errorMessage } from '@omni/contracts';
import { PollCursorStore, type Pool } from '@omni/db';
import { LeasedPoller, type Logger } from '@omni/service-kit';
import { z } from 'zod';
import { HANDLED_UPDATES, MaxUpdateList } from './max.schema';
import type { MaxAccountRuntime, ProcessUpdate } from './update-processor';

export interface MaxPollerOptions {
  acc: MaxAccountRuntime;
  pool: Pool;
  log: Logger;
  processUpdate: ProcessUpdate;
  /** How often a replica without the lease tries to take it. */
  leaseRetryMs?: number;
  /** Wait after a failed round before the same batch is fetched again. */
  errorBackoffMs?: number;
}

const Subscriptions = z.looseObject({
  subscriptions: z.array(z.looseObject({ url: z.string() })).default([]),
});

/**
 * GET /updates for one bot, under the service kit's lease (one replica polls). The
 * `marker` — MAX's position of the next update; passing it commits everything before it —
 * is kept in PostgreSQL (`poll_cursors`) and advanced only after every update of the batch
 * was accepted by the bus, in order. A failure, or a restart in the middle of a batch,
 * asks for the same marker again, so MAX hands out the same updates: nothing is skipped,
 * and their deterministic ids keep them from being stored twice.
 */
export function createMaxPoller(opts: MaxPollerOptions): LeasedPoller {
  const { acc } = opts;
  const account = acc.cfg.account;
  const log = opts.log.child({ account, component: 'max-poller' });
  const cursors = new PollCursorStore(opts.pool, 'max');
  let marker: string | undefined;

  /** Long polling does not work while a webhook subscription is active. */
  async function dropSubscriptions(signal: AbortSignal): Promise<void> {
    const { subscriptions } = Subscriptions.parse(await acc.client.call('GET', '/subscriptions', { signal }));
    for (const s of subscriptions)
      await acc.client.call('DELETE', '/subscriptions', { query: { url: s.url }, signal });
  }

  return new LeasedPoller({
    pool: opts.pool,
    leaseName: `omni-max-poller:${account}`,
    log,
    leaseRetryMs: opts.leaseRetryMs,
    errorBackoffMs: opts.errorBackoffMs,
    async onLease(signal) {
      marker = await cursors.load(account);
      await dropSubscriptions(signal).catch((err: unknown) =>
        log.warn({ err: errorMessage(err) }, 'removing webhook subscriptions failed; polling anyway'),
      );
    },
    async round(signal) {
      const timeout = acc.cfg.pollingTimeoutSeconds;
      const page = MaxUpdateList.parse(
        await acc.client.call('GET', '/updates', {
          query: { limit: 100, timeout, marker, types: HANDLED_UPDATES.join(',') },
          signal,
          timeoutMs: (timeout + 10) * 1000,
        }),
      );
      for (const update of page.updates) await opts.processUpdate(acc, update);
      if (page.marker != null && String(page.marker) !== marker) {
        await cursors.save(account, String(page.marker));
        marker = String(page.marker);
      }
    },
  });
}
