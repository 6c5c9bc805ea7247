import type { Bus } from '@omni/bus';
import { createPool, type Pool } from '@omni/db';
import {
  createMetrics,
  type OmniConfig,
  parseOmniConfig,
  type RunningServices,
  runServices,
  type ServiceModule,
} from '@omni/service-kit';
import { type Harness, startHarness, uniqueName } from '@omni/testkit';
import { buildThreadingService } from '@omni/threading';
import { buildAutomationService } from '../src';

export interface ChannelStack {
  h: Harness;
  running: RunningServices;
  close(): Promise<void>;
}

export interface ChannelStackOptions {
  /** The block under `channels:`, indented by two spaces. */
  channelsYaml: string;
  /** The block under `automation:`, indented by two spaces. */
  automationYaml: string;
  scheduler: boolean;
  /** The channel's adapter on the stack's bus and pool. */
  adapter(deps: { config: OmniConfig; bus: Bus; pool: Pool; h: Harness }): ServiceModule;
  /** Closed after the services stop (the fake platform API). */
  onClose?: () => Promise<void>;
}

/**
 * One channel's adapter, threading and automation on real Kafka and PostgreSQL: the way a
 * survey leaves through the channel and its answer comes back.
 */
export async function startChannelStack(name: string, opts: ChannelStackOptions): Promise<ChannelStack> {
  const h = await startHarness(name);
  const bus = await h.kafkaBus();
  const pool = createPool({ url: h.databaseUrl, log: h.log });
  const config = parseOmniConfig(`channels:\n${opts.channelsYaml}automation:\n${opts.automationYaml}`, {});
  const metrics = createMetrics(name);
  const running = await runServices({
    log: h.log,
    metrics,
    bus,
    pool,
    host: '127.0.0.1',
    port: 0,
    modules: [
      opts.adapter({ config, bus, pool, h }),
      buildThreadingService({
        pool,
        bus,
        log: h.log,
        settings: config.threading,
        groupId: uniqueName('thr'),
      }),
      buildAutomationService({
        pool,
        bus,
        log: h.log,
        metrics,
        config: config.automation,
        groupId: uniqueName('auto'),
        scheduler: opts.scheduler,
      }),
    ],
  });
  return {
    h,
    running,
    async close() {
      await running.stop();
      await opts.onClose?.();
      await h.close();
    },
  };
}
