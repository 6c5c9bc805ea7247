import { PgBlobStore } from '@omni/db';
import { defineChannel } from '@omni/service-kit';
import { VkAccount } from './config';
import { buildVkAdapter } from './vk.adapter';

/** The VK channel as one unit (registry: services/channels). */
export const vkChannel = defineChannel({
  name: 'vk',
  service: 'adapter-vk',
  accountSchema: VkAccount,
  // Attachments are stored at ingestion (platform URLs expire): the blob store needs the database.
  build: ({ config, bus, log, pool, outboundGuard }) =>
    buildVkAdapter({ config, bus, log, blobs: new PgBlobStore(pool), outboundGuard }),
  banner: (a, url) => [
    a.mode === 'longpoll' ? 'Bots Long Poll' : `POST ${url}/channels/vk/${a.account}/callback`,
  ],
});
