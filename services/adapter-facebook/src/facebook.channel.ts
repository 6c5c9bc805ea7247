import { PgBlobStore } from '@omni/db';
import { defineChannel } from '@omni/service-kit';
import { FacebookAccount } from './config';
import { buildFacebookAdapter } from './facebook.adapter';

/** The Facebook Messenger channel as one unit (registry: services/channels). */
export const facebookChannel = defineChannel({
  name: 'facebook',
  service: 'adapter-facebook',
  accountSchema: FacebookAccount,
  // Attachments are stored at ingestion (platform URLs expire): the blob store needs the database.
  build: ({ config, bus, log, pool, outboundGuard }) =>
    buildFacebookAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
  banner: (a, url) => [`${url}/channels/facebook/${a.account}/webhook`],
});
