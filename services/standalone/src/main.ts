import { resolve } from 'node:path';
import { buildAutomationService } from '@omni/automation';
import { CHANNEL_DEFINITIONS } from '@omni/channels';
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
  // Every registered channel, its config section validated strictly at start.
  channels: CHANNEL_DEFINITIONS,
  build: (ctx) => {
    const { config, bus, log, pool, metrics, outboundGuard } = ctx;
    return [
      ...CHANNEL_DEFINITIONS.map((channel) => channel.build(ctx)),
      buildThreadingService({ pool, bus, log, metrics, settings: config.threading }),
      buildTicketsService({
        pool,
        log,
        bus,
        bootstrapApiKey: apiKey.key,
        api: apiSettingsFromEnv(process.env),
        defaultPhoneRegion: config.threading.defaultPhoneRegion,
        channels: config.channels,
        outboundGuard,
        privacy: config.privacy,
        metrics,
      }),
      buildAutomationService({
        pool,
        bus,
        log,
        metrics,
        config: config.automation,
        channels: config.channels,
      }),
    ];
  },
  onStarted: ({ url, ctx }) => printBanner({ url, config: ctx.config, env: ctx.env, apiKey, dataDir }),
});
