import { defineChannel } from '@omni/service-kit';
import { MaxAccount } from './config';
import { buildMaxAdapter, webhookPath } from './max.adapter';

/** The MAX channel as one unit (registry: services/channels). */
export const maxChannel = defineChannel({
  name: 'max',
  service: 'adapter-max',
  accountSchema: MaxAccount,
  // Attachments, dialog state and the polling marker live in PostgreSQL.
  build: ({ config, bus, log, pool, outboundGuard }) =>
    buildMaxAdapter({ config, bus, log, pool, outboundGuard }),
  banner: (a, url) => [
    a.mode === 'polling' ? 'long polling (GET /updates)' : `POST ${url}${webhookPath(a.account)}`,
  ],
});
