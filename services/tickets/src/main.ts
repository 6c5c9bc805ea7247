import { runMain } from '@omni/service-kit';
import { ticketsServiceOf } from './tickets.service';

runMain({
  name: 'tickets',
  database: 'required',
  build: (ctx) => [ticketsServiceOf(ctx, ctx.env.OMNI_BOOTSTRAP_API_KEY)],
});
