import { CHANNEL_DEFINITIONS } from '@omni/channels';
import { runMain } from '@omni/service-kit';
import { buildEveryService } from './index';

/**
 * Every service in one process, as the image's `all-in-one` service (`docker compose up -d
 * all-in-one`): the small installation's layout. On Kafka and PostgreSQL like the distributed
 * services, so it runs as N replicas by the same rules (singletons leased, queues claimed), and
 * it spares the hops between processes: `pnpm bench e2e --layout standalone` measures it.
 */
runMain({
  name: 'all-in-one',
  database: 'required',
  // Every registered channel, its config section validated strictly at start.
  channels: CHANNEL_DEFINITIONS,
  build: (ctx) => buildEveryService(ctx, { bootstrapApiKey: ctx.env.OMNI_BOOTSTRAP_API_KEY }),
});
