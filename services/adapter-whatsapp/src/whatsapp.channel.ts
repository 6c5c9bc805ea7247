import { PgBlobStore } from '@omni/db';
import { defineChannel } from '@omni/service-kit';
import { WhatsAppAccount } from './config';
import { buildWhatsAppAdapter } from './whatsapp.adapter';

/** The WhatsApp Cloud API channel as one unit (registry: services/channels). */
export const whatsappChannel = defineChannel({
  name: 'whatsapp',
  service: 'adapter-whatsapp',
  accountSchema: WhatsAppAccount,
  // Media is stored at ingestion (its URLs live minutes): the blob store needs the database.
  build: ({ config, bus, log, pool, outboundGuard }) =>
    buildWhatsAppAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
  banner: (a, url) => [`${url}/channels/whatsapp/${a.account}/webhook`],
});
