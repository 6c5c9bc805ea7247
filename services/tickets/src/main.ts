import { runMain } from '@omni/service-kit';
import { buildTicketsService } from './tickets.service';

runMain({
  name: 'tickets',
  database: 'required',
  build: ({ pool, log, env }) => [buildTicketsService({ pool, log, bootstrapApiKey: env.OMNI_BOOTSTRAP_API_KEY })],
});
