import { testKafkaBrokers, testLogger, uniqueName } from '@omni/testkit';
import { KafkaBus } from '../src';

// A file of its own: another bus's connections in the same process would start and stop
// their own checks while this one counts.
describe('KafkaBus while idle', () => {
  it('runs no request-timeout check on a connection with nothing in flight (kafkajs checked every 100 ms, idle or not)', async () => {
    let ticks = 0;
    const realSetInterval = global.setInterval;
    const spy = jest.spyOn(global, 'setInterval').mockImplementation(((fn: () => void, ms?: number) =>
      realSetInterval(() => {
        ticks += 1;
        fn();
      }, ms)) as typeof setInterval);
    const bus = await KafkaBus.connect({
      brokers: testKafkaBrokers(),
      clientId: 'kafka-bus-idle',
      log: testLogger('kafka-bus-idle'),
      topicPrefix: `${uniqueName('kafka-bus-idle')}.`,
      createTopics: true,
    });
    try {
      // The producer's connections, used once and then idle: nothing in flight.
      await bus.publish('idle', [{ key: 'k', value: { n: 1 } }]);
      // A check started by the last request ends at its first tick, within a second.
      await new Promise((r) => setTimeout(r, 1_500));
      const before = ticks;
      await new Promise((r) => setTimeout(r, 2_000));
      // Unpatched: 10 ticks a second on each of the producer's broker connections.
      expect(ticks - before).toBe(0);
    } finally {
      spy.mockRestore();
      await bus.close();
    }
  });
});
