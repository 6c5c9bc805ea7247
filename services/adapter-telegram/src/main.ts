import { runMain } from '@omni/service-kit';
import { buildTelegramAdapter } from './telegram.adapter';

runMain({
  name: 'adapter-telegram',
  // Attachments are stored in PostgreSQL and the polling lease is an advisory lock there.
  database: 'required',
  build: ({ config, bus, log, pool }) => [buildTelegramAdapter({ config, bus, log, pool })],
});
