import type { Bus } from '@omni/bus';

/**
 * The bus with every consumer group id prefixed once more (the harness's buses already carry the
 * file's prefix): services name their groups with fixed names, so buses of one test file that
 * must not share a group get a prefix of their own, and replicas that must share one get the same.
 */
export function ownGroups(bus: Bus, prefix: string): Bus {
  return {
    publish: (topic, records) => bus.publish(topic, records),
    subscribe: (options) => bus.subscribe({ ...options, groupId: `${prefix}${options.groupId}` }),
    health: () => bus.health(),
    close: () => bus.close(),
  };
}
