import { resolve } from 'node:path';
import { buildEveryService } from '@omni/all-in-one';
import { CHANNEL_DEFINITIONS } from '@omni/channels';
import { runMain } from '@omni/service-kit';
import { launcherApiKey } from './bootstrap-key';
import { startEmbeddedDatabase } from './embedded-database';
import { printBanner } from './print-banner';

/**
 * Every service in one process on one port (`pnpm start`): the image's `all-in-one` service,
 * plus what a first run on a developer's machine needs — embedded PostgreSQL under `.data/`
 * unless `DATABASE_URL`, an API key kept there, a banner. The in-process bus unless
 * `KAFKA_BROKERS`.
 */
const dataDir = resolve(process.env.OMNI_DATA_DIR ?? '.data');
const apiKey = launcherApiKey(dataDir, process.env.OMNI_BOOTSTRAP_API_KEY);

runMain({
  name: 'standalone',
  database: 'required',
  fallbackDatabase: (log) => startEmbeddedDatabase(dataDir, log),
  // Every registered channel, its config section validated strictly at start.
  channels: CHANNEL_DEFINITIONS,
  build: (ctx) => buildEveryService(ctx, { bootstrapApiKey: apiKey.key }),
  onStarted: ({ url, ctx }) => printBanner({ url, config: ctx.config, env: ctx.env, apiKey, dataDir }),
});
