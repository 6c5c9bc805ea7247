import type { Bus } from '@omni/bus';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  acceptRawBodies,
  channelAccounts,
  type LeasedPoller,
  type Logger,
  notFound,
  type OmniConfig,
  type OutboundGuard,
  type OutboundTuning,
  parseJsonBody,
  ReplyProgress,
  type ServiceModule,
  secretMatches,
  startOutboundConsumer,
  unauthorized,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { MaxAccount } from './config';
import { HANDLED_UPDATES } from './max.schema';
import { MaxClient } from './max-api';
import { createMaxPoller } from './max-poller';
import { createSender } from './send';
import { StoppedDialogs } from './stopped-dialogs';
import { createUpdateProcessor, type MaxAccountRuntime } from './update-processor';

export interface MaxAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Dialog state, the polling lease and marker live here; attachments too unless `blobs` is given. */
  pool: Pool;
  blobs?: BlobStore;
  now?: () => Date;
  /** The MAX API's calls (tests). */
  fetchImpl?: typeof fetch;
  /** Attachment URLs come from payloads: fetched under this policy (default: no allowlist). */
  outboundGuard?: OutboundGuard;
  outbound?: OutboundTuning;
  poller?: { leaseRetryMs?: number; errorBackoffMs?: number };
}

export const webhookPath = (account: string) => `/channels/max/${account}/webhook`;

/**
 * The MAX channel: `POST /channels/max/{account}/webhook` (X-Max-Bot-Api-Secret checked)
 * or GET /updates long polling per account, and replies from `omni.outbound.max.v1`.
 */
export function buildMaxAdapter(
  deps: MaxAdapterDeps,
): ServiceModule & { readonly pollers: readonly LeasedPoller[] } {
  const { config, bus, pool, now = () => new Date() } = deps;
  const log = deps.log.child({ channel: 'max' });
  const blobs = deps.blobs ?? new PgBlobStore(pool);
  const stoppedDialogs = new StoppedDialogs(pool);
  const accounts = new Map<string, MaxAccountRuntime>(
    channelAccounts(config, 'max', MaxAccount).map((cfg) => [
      cfg.account,
      {
        cfg,
        client: new MaxClient({
          apiRoot: cfg.apiRoot,
          token: cfg.token,
          fetchImpl: deps.fetchImpl,
          rateLimitDelayMs: deps.outbound?.rateLimitDelayMs,
        }),
      },
    ]),
  );
  const processUpdate = createUpdateProcessor({
    bus,
    blobs,
    stoppedDialogs,
    log,
    now,
    outboundGuard: deps.outboundGuard,
  });
  const pollers = [...accounts.values()]
    .filter((a) => a.cfg.mode === 'polling')
    .map((acc) => createMaxPoller({ acc, pool, log, processUpdate, ...deps.poller }));

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);
    app.post<{ Params: { account: string } }>('/channels/max/:account/webhook', async (request, reply) => {
      const acc = accounts.get(request.params.account);
      if (acc?.cfg.mode !== 'webhook' || !acc.cfg.secret)
        throw notFound(`no MAX webhook account named "${request.params.account}"`);
      if (!secretMatches(request.headers['x-max-bot-api-secret'], acc.cfg.secret))
        throw unauthorized('the X-Max-Bot-Api-Secret header is missing or wrong');
      // Authenticated from here on: what does not parse is dead-lettered with a 200, since
      // MAX retries anything else for hours and the next updates would wait behind it.
      const outcome = await processUpdate(acc, parseJsonBody(request.body));
      return reply.code(200).send({ ok: true, outcome });
    });
  };

  async function subscribeWebhooks(): Promise<void> {
    for (const { cfg, client } of accounts.values()) {
      if (cfg.mode !== 'webhook' || !cfg.webhookBaseUrl) continue;
      const url = new URL(webhookPath(cfg.account).slice(1), withSlash(cfg.webhookBaseUrl)).toString();
      try {
        await client.call('POST', '/subscriptions', {
          body: { url, update_types: [...HANDLED_UPDATES], secret: cfg.secret },
        });
        log.info({ account: cfg.account, url }, 'webhook subscribed at MAX');
      } catch (err) {
        // Not fatal: MAX keeps updates for a while, and the next start subscribes again.
        log.error({ account: cfg.account, err: (err as Error).message }, 'POST /subscriptions failed');
      }
    }
  }

  const progress = new ReplyProgress();
  const send = createSender({
    clients: new Map([...accounts].map(([name, a]) => [name, a.client])),
    blobs,
    stoppedDialogs,
    progress,
  });

  return {
    name: 'adapter-max',
    routes,
    pollers,
    async start() {
      if (accounts.size === 0) return;
      await subscribeWebhooks();
      await startOutboundConsumer({ bus, channel: 'max', log, send, progress, now, ...deps.outbound });
      for (const p of pollers) p.start();
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}

const withSlash = (base: string) => (base.endsWith('/') ? base : `${base}/`);
