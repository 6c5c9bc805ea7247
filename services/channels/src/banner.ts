import type { ChannelDefinition, OmniConfig } from '@omni/service-kit';
import { CHANNEL_DEFINITIONS } from './registry';

/** What every configured account of every channel serves, one line each (the launcher's banner). */
export function channelBannerLines(config: OmniConfig, url: string): string[] {
  return (CHANNEL_DEFINITIONS as readonly ChannelDefinition[]).flatMap((channel) =>
    config.channels[channel.name].flatMap((account) =>
      channel
        .banner(channel.accountSchema.parse(account), url)
        .map((line, i) => `  ${(i === 0 ? channel.name : '').padEnd(10)} ${line}`),
    ),
  );
}
