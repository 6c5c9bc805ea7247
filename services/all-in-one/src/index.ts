import { buildAutomationService } from '@omni/automation';
import { CHANNEL_DEFINITIONS } from '@omni/channels';
import type { ServiceContext, ServiceModule } from '@omni/service-kit';
import { buildThreadingService } from '@omni/threading';
import { ticketsServiceOf } from '@omni/tickets';

/**
 * Every service in one process: every registered channel's adapter, threading, the ticket
 * service and automation, on the context's database and bus. The one composition of them all,
 * for `pnpm start`'s launcher and for the image's `all-in-one` service alike.
 */
export function buildEveryService(
  ctx: ServiceContext & { pool: NonNullable<ServiceContext['pool']> },
  { bootstrapApiKey }: { bootstrapApiKey: string | undefined },
): ServiceModule[] {
  const { config, bus, log, pool, metrics } = ctx;
  return [
    ...CHANNEL_DEFINITIONS.map((channel) => channel.build(ctx)),
    buildThreadingService({ pool, bus, log, metrics, settings: config.threading }),
    ticketsServiceOf(ctx, bootstrapApiKey),
    buildAutomationService({
      pool,
      bus,
      log,
      metrics,
      config: config.automation,
      channels: config.channels,
    }),
  ];
}
