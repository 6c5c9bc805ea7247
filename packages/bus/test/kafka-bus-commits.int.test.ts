import { type Harness, startHarness, waitFor } from '@omni/testkit';
import { type Admin, Kafka } from 'kafkajs';
import { z } from 'zod';
import type { Bus } from '../src';

const Value = z.object({ n: z.number() });

let h: Harness;
let admin: Admin;
beforeAll(async () => {
  h = await startHarness('kafka-bus-commits');
  admin = new Kafka({ brokers: h.brokers, logLevel: 0 }).admin();
  await admin.connect();
});
afterAll(async () => {
  await admin.disconnect();
  await h.close();
});

/** The group's committed offsets on the topic, summed over its partitions. */
async function committed(group: string, topic: string): Promise<number> {
  const offsets = await admin.fetchOffsets({
    groupId: h.groupId(group),
    topics: [`${h.topicPrefix}${topic}`],
  });
  return (offsets[0]?.partitions ?? []).reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}

const records = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ key: `k${from + i}`, value: { n: from + i } }));

/** Publishes one record at a time, each handled before the next, as at a quiet hour. */
async function trickle(bus: Bus, topic: string, handled: () => number, from: number, count: number) {
  for (let i = 0; i < count; i++) {
    await bus.publish(topic, records(from + i, 1));
    await waitFor(() => handled() >= from + i + 1, { description: `record ${from + i} handled` });
  }
}

/** A bus with one subscription `name` (group and topic) that counts the records it handles. */
async function counting(name: string, commitIntervalMs: number, idempotent: boolean) {
  const bus = await h.kafkaBus({ commitIntervalMs });
  let handled = 0;
  await bus.subscribe({
    groupId: name,
    topic: name,
    schema: Value,
    idempotent,
    handle: async (rs) => {
      handled += rs.length;
    },
  });
  return { bus, handled: () => handled };
}

describe('KafkaBus offset commits', () => {
  it('an idempotent subscription commits at most once per interval, and everything handled when it closes', async () => {
    const { bus, handled } = await counting('spaced', 60_000, true);
    await trickle(bus, 'spaced', handled, 0, 1);
    // The first chunk commits at once: no commit was made within the interval.
    await waitFor(async () => (await committed('spaced', 'spaced')) === 1, {
      description: 'the first commit',
    });
    await trickle(bus, 'spaced', handled, 1, 5);
    // Five more records handled one by one within the minute: no commit for them yet.
    expect(await committed('spaced', 'spaced')).toBe(1);
    await bus.close();
    expect(await committed('spaced', 'spaced')).toBe(6);
  });

  it('commits what an idempotent subscription handled once the interval has passed, with no more traffic', async () => {
    const { bus, handled } = await counting('timer', 1_000, true);
    await trickle(bus, 'timer', handled, 0, 4);
    await waitFor(async () => (await committed('timer', 'timer')) === 4, {
      description: 'the 4 handled records committed on the timer',
    });
  });

  it('commits after every chunk where redelivery is not harmless, whatever the interval', async () => {
    const { bus, handled } = await counting('each', 60_000, false);
    await trickle(bus, 'each', handled, 0, 3);
    // Within the 15 s of waitFor, far from the minute an idempotent subscription would wait.
    await waitFor(async () => (await committed('each', 'each')) === 3, { description: '3 commits' });
  });

  it('closing lets the chunk being handled finish and commits it, so a graceful restart does not handle it again', async () => {
    const bus = await h.kafkaBus();
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let started = 0;
    let finished = 0;
    await bus.subscribe({
      groupId: 'closing',
      topic: 'closing',
      schema: Value,
      handle: async (rs) => {
        started += rs.length;
        await held;
        finished += rs.length;
      },
    });
    await bus.publish('closing', records(0, 1));
    await waitFor(() => started === 1, { description: 'the chunk in the handler' });
    const closed = bus.close();
    await new Promise((r) => setTimeout(r, 200));
    release();
    await closed;
    expect(finished).toBe(1);
    // kafkajs ignores a commit made while it stops: this was 0 before closing committed first.
    expect(await committed('closing', 'closing')).toBe(1);
  });
});
