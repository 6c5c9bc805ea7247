import { defineChannel } from '@omni/service-kit';
import { TelegramAccount } from './config';
import { buildTelegramAdapter, webhookPath } from './telegram.adapter';

/** The Telegram channel as one unit (registry: services/channels). */
export const telegramChannel = defineChannel({
  name: 'telegram',
  service: 'adapter-telegram',
  accountSchema: TelegramAccount,
  build: ({ config, bus, log, pool }) => buildTelegramAdapter({ config, bus, log, pool }),
  banner: (a, url) => [a.mode === 'polling' ? 'long polling' : `POST ${url}${webhookPath(a.account)}`],
});
