import { resolve } from 'node:path';
import { buildEmailAdapter } from '@omni/adapter-email';
import { buildFacebookAdapter } from '@omni/adapter-facebook';
import { buildTelegramAdapter } from '@omni/adapter-telegram';
import { buildViberAdapter } from '@omni/adapter-viber';
import { buildVkAdapter } from '@omni/adapter-vk';
import { buildWebformAdapter } from '@omni/adapter-webform';
import { buildAutomationService } from '@omni/automation';
import { PgBlobStore } from '@omni/db';
import { runMain } from '@omni/service-kit';
import { buildThreadingService } from '@omni/threading';
import { apiSettingsFromEnv, buildTicketsService } from '@omni/tickets';
import { launcherApiKey } from './bootstrap-key';
import { startEmbeddedDatabase } from './embedded-database';
import { printBanner } from './print-banner';

/**
 * Every service in one process on one port: embedded PostgreSQL under `.data/` unless
 * `DATABASE_URL`, the in-process bus unless `KAFKA_BROKERS`.
 */
const dataDir = resolve(process.env.OMNI_DATA_DIR ?? '.data');
const apiKey = launcherApiKey(dataDir, process.env.OMNI_BOOTSTRAP_API_KEY);

runMain({
  name: 'standalone',
  database: 'required',
  fallbackDatabase: (log) => startEmbeddedDatabase(dataDir, log),
  build: ({ config, bus, log, pool, metrics, outboundGuard }) => [
    buildWebformAdapter({ config, bus, log, blobs: new PgBlobStore(pool) }),
    buildEmailAdapter({ config, bus, log, pool }),
    buildTelegramAdapter({ config, bus, log, pool }),
    buildViberAdapter({ config, bus, log, pool, outboundGuard }),
    buildFacebookAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
    buildVkAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
    buildThreadingService({ pool, bus, log, settings: config.threading }),
    buildTicketsService({
      pool,
      log,
      bus,
      bootstrapApiKey: apiKey.key,
      api: apiSettingsFromEnv(process.env),
      defaultPhoneRegion: config.threading.defaultPhoneRegion,
      channels: config.channels,
      outboundGuard,
    }),
    buildAutomationService({ pool, bus, log, metrics, config: config.automation, channels: config.channels }),
  ],
  onStarted: ({ url, ctx }) => printBanner({ url, config: ctx.config, env: ctx.env, apiKey }),
});
