import { runMain } from '@omni/service-kit';
import { buildViberAdapter } from './viber.adapter';

runMain({
  name: 'adapter-viber',
  // Media is stored in PostgreSQL, and so is the token → message mapping of receipts.
  database: 'required',
  build: ({ config, bus, log, pool, outboundGuard }) => [
    buildViberAdapter({ config, bus, log, pool, outboundGuard }),
  ],
});
