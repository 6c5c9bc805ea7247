import { PgBlobStore } from '@omni/db';
import { defineChannel } from '@omni/service-kit';
import { WebformAccount } from './config';
import { buildWebformAdapter } from './webform.adapter';

/** The web-form channel as one unit (registry: services/channels). */
export const webformChannel = defineChannel({
  name: 'webform',
  service: 'adapter-webform',
  accountSchema: WebformAccount,
  // Attachments are stored in PostgreSQL (the BlobStore) before the message is published.
  build: ({ config, bus, log, pool }) =>
    buildWebformAdapter({ config, bus, log, blobs: new PgBlobStore(pool) }),
  banner: (a, url) => [
    `${url}/channels/webform/${a.account}  (the page; embed: ${url}/channels/webform/${a.account}/embed.js)`,
    `POST ${url}/channels/webform/${a.account}/submissions`,
  ],
});
