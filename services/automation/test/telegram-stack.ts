import { buildTelegramAdapter } from '@omni/adapter-telegram';
import { uniqueName } from '@omni/testkit';
import { FakeTelegramApi } from '@omni/testkit/src/fakes/telegram-api';
import { type ChannelStack, startChannelStack } from './channel-stack';

export interface TelegramStack extends ChannelStack {
  api: FakeTelegramApi;
  /** Posts an update to the `shop-bot` webhook, as Telegram would. */
  webhook(update: unknown): Promise<Response>;
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
  const api = await new FakeTelegramApi().start();
  const stack = await startChannelStack(name, {
    channelsYaml: `  telegram:
    - { account: shop-bot, token: "${api.token}", secretToken: ${SECRET}, apiRoot: "${api.url}" }
`,
    automationYaml,
    scheduler: opts.scheduler,
    adapter: ({ config, bus, pool, h }) =>
      buildTelegramAdapter({ config, bus, log: h.log, pool, outbound: { groupId: uniqueName('tg-out') } }),
    onClose: () => api.close(),
  });
  return {
    ...stack,
    api,
    webhook: (update) =>
      fetch(`${stack.running.url}/channels/telegram/shop-bot/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      }),
  };
}
