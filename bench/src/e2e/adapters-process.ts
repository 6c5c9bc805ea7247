import { runMain } from '@omni/service-kit';
// By path: the bench's package does not depend on the channel registry; only this entry uses it.
import { CHANNEL_DEFINITIONS } from '../../../services/channels/src';

/**
 * Every channel adapter in one process, the way the all-in-one builds them (`bench e2e --layout
 * grouped-adapters`): what grouping the adapters would save, with threading, automation and the
 * ticket service still their own processes. A bench entry, not a deployable one.
 */
runMain({
  name: 'adapters',
  database: 'required',
  channels: CHANNEL_DEFINITIONS,
  build: (ctx) => CHANNEL_DEFINITIONS.map((channel) => channel.build(ctx)),
});
