import { defineChannel } from '@omni/service-kit';
import { ViberAccount } from './config';
import { buildViberAdapter, viberWebhookPath } from './viber.adapter';

/** The Viber channel as one unit (registry: services/channels). */
export const viberChannel = defineChannel({
  name: 'viber',
  service: 'adapter-viber',
  accountSchema: ViberAccount,
  build: ({ config, bus, log, pool, outboundGuard }) =>
    buildViberAdapter({ config, bus, log, pool, outboundGuard }),
  banner: (a, url) => [`POST ${url}${viberWebhookPath(a.account)}`],
});
