import { defineChannel } from '@omni/service-kit';
import { EmailAccount } from './config';
import { buildEmailAdapter } from './email.adapter';

/** The email channel as one unit (registry: services/channels). */
export const emailChannel = defineChannel({
  name: 'email',
  service: 'adapter-email',
  accountSchema: EmailAccount,
  // Cursors and attachments live in PostgreSQL.
  build: ({ config, bus, log, pool }) => buildEmailAdapter({ config, bus, log, pool }),
  banner: (a, url) => [`${a.address} (IMAP ${a.imap.host}), POST ${url}/channels/email/${a.account}/mime`],
});
