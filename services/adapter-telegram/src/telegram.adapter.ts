import type { Bus } from '@omni/bus';
import { type BlobStore, PgBlobStore, type Pool } from '@omni/db';
import {
  acceptRawBodies,
  badRequest,
  ConfigError,
  channelAccounts,
  fieldErrors,
  type LeasedPoller,
  type Logger,
  notFound,
  type OmniConfig,
  parseJsonBody,
  ReplyProgress,
  type ServiceModule,
  secretMatches,
  startOutboundConsumer,
  unauthorized,
} from '@omni/service-kit';
import type { FastifyPluginAsync } from 'fastify';
import { TelegramAccount } from './config';
import { createSender } from './send';
import { readUpdate } from './telegram.schema';
import { callBotApi, createBotApi } from './telegram-api';
import { ALLOWED_UPDATES, createTelegramPoller } from './telegram-poller';
import { createUpdateProcessor, type TelegramAccountRuntime } from './update-processor';

export interface TelegramAdapterDeps {
  config: OmniConfig;
  bus: Bus;
  log: Logger;
  /** Attachments are stored in PostgreSQL (unless `blobs` is given); polling takes its lease there. */
  pool?: Pool;
  blobs?: BlobStore;
  now?: () => Date;
  /** Outbound retry pacing (tests shorten it). */
  outbound?: { maxAttempts?: number; initialBackoffMs?: number; groupId?: string };
  poller?: { leaseRetryMs?: number; errorBackoffMs?: number };
}

export const webhookPath = (account: string) => `/channels/telegram/${account}/webhook`;

/**
 * The Telegram channel: `POST /channels/telegram/{account}/webhook` (secret-token checked)
 * or long polling per account, and replies from `omni.outbound.telegram.v1`.
 */
export function buildTelegramAdapter(
  deps: TelegramAdapterDeps,
): ServiceModule & { readonly pollers: readonly LeasedPoller[] } {
  const { config, bus, pool, now = () => new Date() } = deps;
  const log = deps.log.child({ channel: 'telegram' });
  if (
    !pool &&
    (!deps.blobs || channelAccounts(config, 'telegram', TelegramAccount).some((a) => a.mode === 'polling'))
  ) {
    throw new Error('the Telegram adapter needs a database (attachments, polling lease)');
  }
  const configured = channelAccounts(config, 'telegram', TelegramAccount);
  const blobs = deps.blobs ?? new PgBlobStore(pool as Pool);
  const missingSecret = configured.filter((a) => a.mode === 'webhook' && !a.secretToken);
  if (missingSecret.length > 0) {
    throw new ConfigError(
      'config',
      missingSecret.map(
        (a) =>
          `channels.telegram[${a.account}].secretToken: required in webhook mode (it proves an update came from Telegram)`,
      ),
    );
  }
  const accounts = new Map(
    configured.map((a) => [
      a.account,
      {
        cfg: a,
        runtime: {
          account: a.account,
          bot: createBotApi(a.token, a.apiRoot),
          maxAttachmentBytes: a.maxAttachmentBytes,
          acceptGroupChats: a.acceptGroupChats,
        } satisfies TelegramAccountRuntime,
      },
    ]),
  );
  const processUpdate = createUpdateProcessor({ bus, blobs, log, now });
  const pollers = [...accounts.values()]
    .filter((a) => a.cfg.mode === 'polling')
    .map((a) =>
      createTelegramPoller({
        acc: a.runtime,
        pool: pool as Pool,
        log,
        processUpdate,
        timeoutSeconds: a.cfg.pollingTimeoutSeconds,
        ...deps.poller,
      }),
    );

  const routes: FastifyPluginAsync = async (app) => {
    acceptRawBodies(app);
    app.post<{ Params: { account: string } }>(
      '/channels/telegram/:account/webhook',
      async (request, reply) => {
        const acc = accounts.get(request.params.account);
        if (acc?.cfg.mode !== 'webhook' || !acc.cfg.secretToken) {
          throw notFound(`no Telegram webhook account named "${request.params.account}"`);
        }
        const given = request.headers['x-telegram-bot-api-secret-token'];
        if (!secretMatches(given, acc.cfg.secretToken)) {
          throw unauthorized('the X-Telegram-Bot-Api-Secret-Token header is missing or wrong');
        }
        const read = readUpdate(parseJsonBody(request.body));
        if (read.kind === 'not-an-update')
          throw badRequest('the update is not valid', fieldErrors(read.error));
        const outcome = await processUpdate(acc.runtime, read);
        return reply.code(200).send({ ok: true, outcome });
      },
    );
  };

  const progress = new ReplyProgress();
  const send = createSender({
    bots: new Map([...accounts].map(([name, a]) => [name, a.runtime.bot])),
    blobs,
    progress,
  });

  async function registerWebhooks(): Promise<void> {
    for (const { cfg, runtime } of accounts.values()) {
      if (cfg.mode !== 'webhook' || !cfg.webhookBaseUrl || !cfg.secretToken) continue;
      const url = new URL(webhookPath(cfg.account), cfg.webhookBaseUrl).toString();
      const secret = cfg.secretToken;
      try {
        await callBotApi('setWebhook', () =>
          runtime.bot.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] }),
        );
        log.info({ account: cfg.account, url }, 'webhook registered with Telegram');
      } catch (err) {
        // Not fatal: updates wait at Telegram until a later start registers the webhook.
        log.error({ account: cfg.account, err: (err as Error).message }, 'setWebhook failed');
      }
    }
  }

  return {
    name: 'adapter-telegram',
    routes,
    pollers,
    async start() {
      await registerWebhooks();
      await startOutboundConsumer({ bus, channel: 'telegram', log, send, progress, ...deps.outbound });
      for (const p of pollers) p.start();
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
    },
  };
}
