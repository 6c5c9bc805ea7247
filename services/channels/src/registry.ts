import { emailChannel } from '@omni/adapter-email';
import { facebookChannel } from '@omni/adapter-facebook';
import { instagramChannel } from '@omni/adapter-instagram';
import { livechatChannel } from '@omni/adapter-livechat';
import { maxChannel } from '@omni/adapter-max';
import { telegramChannel } from '@omni/adapter-telegram';
import { viberChannel } from '@omni/adapter-viber';
import { vkChannel } from '@omni/adapter-vk';
import { webformChannel } from '@omni/adapter-webform';
import { whatsappChannel } from '@omni/adapter-whatsapp';
import { accountSchemasOf, type ChannelDefinition } from '@omni/service-kit';

/**
 * Every channel, once: the composition root (the one-process launcher) and the test
 * suites derive from this list — the YAML schema, the banner, the conformance suite, the
 * deploy-file checks. A new channel is one line here (in the order of `CHANNELS`).
 */
export const CHANNEL_DEFINITIONS = [
  emailChannel,
  telegramChannel,
  viberChannel,
  facebookChannel,
  vkChannel,
  webformChannel,
  whatsappChannel,
  instagramChannel,
  maxChannel,
  livechatChannel,
] as const satisfies readonly ChannelDefinition[];

type Registered = (typeof CHANNEL_DEFINITIONS)[number];

/** Every channel's account schema, by channel: the whole YAML file validated strictly. */
export const ACCOUNT_SCHEMAS = accountSchemasOf(CHANNEL_DEFINITIONS) as {
  [D in Registered as D['name']]: D['accountSchema'];
};
