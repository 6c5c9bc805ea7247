import { PgBlobStore } from '@omni/db';
import { runMain } from '@omni/service-kit';
import { buildVkAdapter } from './vk.adapter';

runMain({
  name: 'adapter-vk',
  // Attachments are stored at ingestion (platform URLs expire): the blob store needs the database.
  database: 'required',
  build: ({ config, bus, log, pool, outboundGuard }) => [
    buildVkAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
  ],
});
