import { type Channel, type ChannelTraits, channelTraits } from '@omni/contracts';
import type { Pool } from '@omni/db';
import type { z } from 'zod';
import type { ChannelAccountSchemas } from './omni-config';
import type { ServiceModule } from './service-module';
import type { ServiceContext } from './start-service';

/** What a channel's `build` gets: the process's context, with the database every adapter keeps its state in. */
export type ChannelContext = ServiceContext & { pool: Pool };

/**
 * A channel as one unit, exported by its adapter package (`src/<ch>.channel.ts`) and listed
 * once in the registry (`services/channels`). Everything else — the YAML schema, the
 * one-process launcher and its banner, the conformance suite — derives from the registry;
 * what services that must not import adapters need (threading, reply routing, the API)
 * derives from the channel's `traits` in `@omni/contracts`.
 */
export interface ChannelDefinition<A extends { account: string } = { account: string }> {
  readonly name: Channel;
  /** The process name of the adapter run alone (`adapter-telegram`): logs, metrics, compose service. */
  readonly service: string;
  /** `CHANNEL_TRAITS[name]`: conversation mode, replies, reply window, receipts, identity kind. */
  readonly traits: ChannelTraits;
  /** One account of `channels.<name>` in the YAML file: the adapter's `src/config.ts`. */
  readonly accountSchema: z.ZodType<A>;
  /** The adapter as a module of a process (routes, intake, the outbound consumer). */
  build(ctx: ChannelContext): ServiceModule;
  /** What the one-process launcher prints for one account: where it listens. */
  banner(account: A, baseUrl: string): string[];
}

export function defineChannel<N extends Channel, A extends { account: string }>(
  definition: Omit<ChannelDefinition<A>, 'traits' | 'name'> & { name: N },
): ChannelDefinition<A> & { readonly name: N } {
  return { ...definition, traits: channelTraits(definition.name) };
}

/** The account schemas of these channels, to validate their sections strictly. */
export function accountSchemasOf(channels: readonly ChannelDefinition[]): ChannelAccountSchemas {
  return Object.fromEntries(channels.map((c) => [c.name, c.accountSchema]));
}
