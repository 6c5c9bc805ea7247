import { buildTelegramAdapter } from '@omni/adapter-telegram';
import { createPool } from '@omni/db';
import { createMetrics, parseOmniConfig, type RunningServices, runServices } from '@omni/service-kit';
import { type Harness, startHarness, uniqueName } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { buildThreadingService } from '@omni/threading';
import { buildAutomationService } from '../src';

export interface TelegramStack {
  h: Harness;
  api: FakeTelegramApi;
  running: RunningServices;
  /** Posts an update to the `shop-bot` webhook, as Telegram would. */
  webhook(update: unknown): Promise<Response>;
  close(): Promise<void>;
}

const SECRET = 'stack-secret';

/**
 * The Telegram adapter (account `shop-bot`, to a fake Bot API), threading and automation on
 * real Kafka and PostgreSQL, automation configured by `automationYaml` (the block under
 * `automation:`, indented by two spaces).
 */
export async function startTelegramStack(
  name: string,
  automationYaml: string,
  opts: { scheduler: boolean },
): Promise<TelegramStack> {
  const h = await startHarness(name);
  const api = await new FakeTelegramApi().start();
  const bus = await h.kafkaBus();
  const pool = createPool({ url: h.databaseUrl, log: h.log });
  const config = parseOmniConfig(
    `channels:
  telegram:
    - { account: shop-bot, token: "${api.token}", secretToken: ${SECRET}, apiRoot: "${api.url}" }
automation:
${automationYaml}`,
    {},
  );
  const metrics = createMetrics(name);
  const running = await runServices({
    log: h.log,
    metrics,
    bus,
    pool,
    host: '127.0.0.1',
    port: 0,
    modules: [
      buildTelegramAdapter({ config, bus, log: h.log, pool, outbound: { groupId: uniqueName('tg-out') } }),
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
    api,
    running,
    webhook: (update) =>
      fetch(`${running.url}/channels/telegram/shop-bot/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      }),
    async close() {
      await running.stop();
      await api.close();
      await h.close();
    },
  };
}
