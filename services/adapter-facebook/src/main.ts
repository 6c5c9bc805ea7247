import { PgBlobStore } from '@omni/db';
import { runMain } from '@omni/service-kit';
import { buildFacebookAdapter } from './facebook.adapter';

runMain({
  name: 'adapter-facebook',
  // Attachments are stored at ingestion (platform URLs expire): the blob store needs the database.
  database: 'required',
  build: ({ config, bus, log, pool, outboundGuard }) => [
    buildFacebookAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
  ],
});
