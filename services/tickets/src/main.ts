import { runMain } from '@omni/service-kit';
import { apiSettingsFromEnv } from './settings';
import { buildTicketsService } from './tickets.service';

runMain({
  name: 'tickets',
  database: 'required',
  build: ({ pool, log, env, bus, config, outboundGuard, metrics }) => [
    buildTicketsService({
      pool,
      log,
      bus,
      bootstrapApiKey: env.OMNI_BOOTSTRAP_API_KEY,
      api: apiSettingsFromEnv(process.env),
      defaultPhoneRegion: config.threading.defaultPhoneRegion,
      channels: config.channels,
      outboundGuard,
      privacy: config.privacy,
      metrics,
    }),
  ],
});
