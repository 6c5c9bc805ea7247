import { PgBlobStore } from '@omni/db';
import { defineChannel } from '@omni/service-kit';
import { InstagramAccount } from './config';
import { buildInstagramAdapter } from './instagram.adapter';

/** The Instagram Direct channel as one unit (registry: services/channels). */
export const instagramChannel = defineChannel({
  name: 'instagram',
  service: 'adapter-instagram',
  accountSchema: InstagramAccount,
  // Attachments are stored at ingestion (platform URLs expire): the blob store needs the database.
  build: ({ config, bus, log, pool, outboundGuard }) =>
    buildInstagramAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
  banner: (a, url) => [`${url}/channels/instagram/${a.account}/webhook`],
});
