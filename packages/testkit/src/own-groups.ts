import type { Bus } from '@omni/bus';

/**
 * The bus with every consumer group id prefixed: services name their groups with fixed
 * names, so test files sharing the run's Kafka keep their groups apart this way.
 */
export function ownGroups(bus: Bus, prefix: string): Bus {
  return {
    publish: (topic, records) => bus.publish(topic, records),
    subscribe: (options) => bus.subscribe({ ...options, groupId: `${prefix}${options.groupId}` }),
    health: () => bus.health(),
    close: () => bus.close(),
  };
}
