import { runMain } from '@omni/service-kit';
import { buildEmailAdapter } from './email.adapter';

runMain({
  name: 'adapter-email',
  // Cursors and attachments live in PostgreSQL.
  database: 'required',
  build: ({ config, bus, log, pool }) => [buildEmailAdapter({ config, bus, log, pool })],
});
