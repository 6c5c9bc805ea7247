import { ERROR_CODES, OmniError, platformErrorCode } from '@omni/contracts';
import { testLogger } from '@omni/testkit';
import { z } from 'zod';
import {
  DEAD_LETTER_KINDS,
  type DeadLetterObservation,
  type DeadLetterRecord,
  type DeadLetterSink,
  InProcessBus,
} from '../src';

const Value = z.object({ n: z.number() });

/** Subscribes group `g` to topic `t`; the values it handled, in order. */
async function valuesHandled(bus: InProcessBus): Promise<number[]> {
  const seen: number[] = [];
  await bus.subscribe({
    groupId: 'g',
    topic: 't',
    schema: Value,
    handle: async (rs) => void seen.push(...rs.map((r) => r.value.n)),
  });
  return seen;
}

describe('InProcessBus', () => {
  it('resolves publish only after every subscriber has finished', async () => {
    const bus = new InProcessBus(testLogger());
    const done: string[] = [];
    for (const groupId of ['a', 'b']) {
      await bus.subscribe({
        groupId,
        topic: 't',
        schema: Value,
        handle: async (records) => {
          await new Promise((r) => setTimeout(r, 20));
          done.push(`${groupId}:${records.map((r) => r.value.n).join(',')}`);
        },
      });
    }
    await bus.publish('t', [
      { key: 'k', value: { n: 1 } },
      { key: 'k', value: { n: 2 } },
    ]);
    expect(done.sort()).toEqual(['a:1,2', 'b:1,2']);
  });

  it('rejects publish when a subscriber fails with a retriable error, and keeps delivering afterwards', async () => {
    const bus = new InProcessBus(testLogger());
    let fail = true;
    const seen: number[] = [];
    await bus.subscribe({
      groupId: 'g',
      topic: 't',
      schema: Value,
      handle: async (records) => {
        if (fail)
          throw new OmniError(platformErrorCode('test', 'db-down'), 'database unavailable', {
            retriable: true,
          });
        seen.push(...records.map((r) => r.value.n));
      },
    });
    await expect(bus.publish('t', [{ key: 'k', value: { n: 1 } }])).rejects.toThrow('database unavailable');
    fail = false;
    await bus.publish('t', [{ key: 'k', value: { n: 2 } }]);
    expect(seen).toEqual([2]);
  });

  it('dead-letters records that fail the schema, with the reason, and delivers the rest', async () => {
    const bus = new InProcessBus(testLogger());
    const seen = await valuesHandled(bus);
    await bus.publish('t', [
      { key: 'k', value: { n: 'one' } },
      { key: 'k', value: { n: 2 } },
    ]);
    expect(seen).toEqual([2]);
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]?.topic).toBe('t.dlq');
    expect(bus.deadLetters[0]?.headers['omni-dlq-reason']).toMatch(/schema validation failed/);
  });

  it('narrows a permanent handler failure down to the record that caused it', async () => {
    const bus = new InProcessBus(testLogger());
    const stored: number[] = [];
    await bus.subscribe({
      groupId: 'g',
      topic: 't',
      schema: Value,
      handle: async (records) => {
        if (records.some((r) => r.value.n === 13))
          throw new OmniError(ERROR_CODES.dataRejected, 'unlucky number', { retriable: false });
        stored.push(...records.map((r) => r.value.n));
      },
    });
    await bus.publish(
      't',
      [12, 13, 14].map((n) => ({ key: 'k', value: { n } })),
    );
    expect(stored).toEqual([12, 14]);
    expect(bus.deadLetters.map((d) => JSON.parse(d.value))).toEqual([{ n: 13 }]);
    expect(bus.deadLetters[0]?.headers['omni-dlq-reason']).toBe('handler failed: unlucky number');
  });
});

describe('dead letters of the in-process bus', () => {
  const sinkInto = (kept: DeadLetterRecord[], fail = () => false): DeadLetterSink => ({
    async write(letters) {
      if (fail()) throw new Error('database unavailable');
      kept.push(...letters);
    },
  });

  it('writes consumer and adapter dead letters to the sink and counts them per source topic and kind', async () => {
    const kept: DeadLetterRecord[] = [];
    const observed: DeadLetterObservation[] = [];
    const bus = new InProcessBus(
      testLogger(),
      { batchHandled: () => undefined, deadLettered: (o) => observed.push(o) },
      sinkInto(kept),
    );
    await bus.subscribe({
      groupId: 'g',
      topic: 't',
      schema: Value,
      handle: async (records) => {
        if (records.some((r) => r.value.n === 13))
          throw new OmniError(ERROR_CODES.dataRejected, 'unlucky number', { retriable: false });
      },
    });
    await bus.publish('t', [
      { key: 'k', value: { n: 'one' } },
      { key: 'k', value: { n: 13 } },
    ]);
    // What an adapter sets aside itself (deadLetterIntake) is kept too, not dropped for want of a subscriber.
    await bus.publish('t.dlq', [
      { key: 'a', value: { payload: 'raw' }, headers: { 'omni-dlq-reason': 'unreadable' } },
    ]);

    expect(kept.map((l) => [l.topic, l.value])).toEqual([
      ['t.dlq', '{"n":"one"}'],
      ['t.dlq', '{"n":13}'],
      ['t.dlq', '{"payload":"raw"}'],
    ]);
    expect(bus.deadLetters).toEqual(kept);
    expect(observed).toEqual([
      { topic: 't', kind: DEAD_LETTER_KINDS.invalidRecord, count: 1 },
      { topic: 't', kind: DEAD_LETTER_KINDS.handlerFailed, count: 1 },
      { topic: 't', kind: DEAD_LETTER_KINDS.intake, count: 1 },
    ]);
    expect(bus.health()).toEqual({ ok: true, deadLetters: { t: 3 } });
  });

  it('fails the publish when the sink does not take a dead letter, so the sender retries', async () => {
    const kept: DeadLetterRecord[] = [];
    let down = true;
    const bus = new InProcessBus(
      testLogger(),
      undefined,
      sinkInto(kept, () => down),
    );
    await bus.subscribe({ groupId: 'g', topic: 't', schema: Value, handle: async () => undefined });
    await expect(bus.publish('t', [{ key: 'k', value: { n: 'one' } }])).rejects.toThrow(
      'database unavailable',
    );
    expect(bus.deadLetters).toEqual([]);
    down = false;
    await bus.publish('t', [{ key: 'k', value: { n: 'one' } }]);
    expect(kept).toHaveLength(1);
    expect(bus.health().deadLetters).toEqual({ t: 1 });
  });
});

describe('batches of the in-process bus', () => {
  /** A subscriber that records its batches and holds each one until `release()`. */
  async function heldSubscriber(bus: InProcessBus, fail: (ns: number[]) => boolean = () => false) {
    const batches: number[][] = [];
    let release = () => {};
    let started = () => {};
    let nextStart = new Promise<void>((r) => {
      started = r;
    });
    await bus.subscribe({
      groupId: 'g',
      topic: 't',
      schema: Value,
      handle: async (records) => {
        const ns = records.map((r) => r.value.n);
        batches.push(ns);
        const held = new Promise<void>((r) => {
          release = r;
        });
        started();
        await held;
        if (fail(ns))
          throw new OmniError(platformErrorCode('test', 'db-down'), 'database unavailable', {
            retriable: true,
          });
      },
    });
    return {
      batches,
      /** Resolves once a batch is in the handler (the next one after this resolved). */
      async inHandler() {
        await nextStart;
        nextStart = new Promise<void>((r) => {
          started = r;
        });
      },
      release: () => release(),
    };
  }
  const records = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => ({ key: 'k', value: { n: from + i } }));
  const settled = (p: Promise<unknown>) => {
    const state = { done: false, failed: false };
    p.then(
      () => {
        state.done = true;
      },
      () => {
        state.failed = true;
      },
    );
    return state;
  };

  it('hands what was published while the subscriber was busy over as one batch, in publish order', async () => {
    const bus = new InProcessBus(testLogger());
    const sub = await heldSubscriber(bus);
    const first = bus.publish('t', records(1, 1));
    const firstState = settled(first);
    await sub.inHandler();
    const waiting = [2, 3, 4].map((n) => settled(bus.publish('t', records(n, 1))));
    await new Promise((r) => setTimeout(r, 20));
    expect(sub.batches).toEqual([[1]]);
    expect([firstState, ...waiting].some((s) => s.done || s.failed)).toBe(false);

    sub.release();
    await first;
    await sub.inHandler();
    expect(sub.batches).toEqual([[1], [2, 3, 4]]);
    // Settled once their own batch is handled, not when it starts.
    await new Promise((r) => setTimeout(r, 20));
    expect(waiting.some((s) => s.done || s.failed)).toBe(false);
    sub.release();
    await bus.close();
    await new Promise((r) => setImmediate(r));
    expect(waiting.every((s) => s.done)).toBe(true);
  });

  it('fails every publish of a failed batch, and goes on with the publishes after it', async () => {
    const bus = new InProcessBus(testLogger());
    const sub = await heldSubscriber(bus, (ns) => ns.includes(3));
    const first = bus.publish('t', records(1, 1));
    await sub.inHandler();
    const failing = [2, 3].map((n) => bus.publish('t', records(n, 1)));
    sub.release();
    await first;
    await sub.inHandler();
    const after = bus.publish('t', records(4, 1));
    sub.release();
    await Promise.all(failing.map((p) => expect(p).rejects.toThrow('database unavailable')));
    await sub.inHandler();
    sub.release();
    await after;
    expect(sub.batches).toEqual([[1], [2, 3], [4]]);
  });

  it('puts at most 500 waiting records in a batch, and never splits a publish', async () => {
    const bus = new InProcessBus(testLogger());
    const sub = await heldSubscriber(bus);
    const all = [bus.publish('t', records(0, 1))];
    await sub.inHandler();
    all.push(
      bus.publish('t', records(1, 300)),
      bus.publish('t', records(301, 200)),
      bus.publish('t', records(501, 700)),
      bus.publish('t', records(1201, 1)),
    );
    for (let i = 0; i < 3; i++) {
      sub.release();
      await sub.inHandler();
    }
    sub.release();
    await Promise.all(all);
    expect(sub.batches.map((b) => b.length)).toEqual([1, 500, 700, 1]);
    expect(sub.batches.flat()).toEqual(Array.from({ length: 1202 }, (_, i) => i));
  });

  it('starts delivering again for each publish made after the one before it settled', async () => {
    const bus = new InProcessBus(testLogger());
    const seen = await valuesHandled(bus);
    // Each publish finds the delivery loop ended (or ending): it must start one, or wait forever.
    for (let n = 0; n < 200; n++) await bus.publish('t', records(n, 1));
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });
});
