import { PgBlobStore } from '@omni/db';
import { runMain } from '@omni/service-kit';
import { buildWebformAdapter } from './webform.adapter';

runMain({
  name: 'adapter-webform',
  // Attachments are stored in PostgreSQL (the BlobStore) before the message is published.
  database: 'required',
  build: ({ config, bus, log, pool }) => [
    buildWebformAdapter({ config, bus, log, blobs: new PgBlobStore(pool) }),
  ],
});
