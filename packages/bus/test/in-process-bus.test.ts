import { ERROR_CODES, OmniError, platformErrorCode } from '@omni/contracts';
import { testLogger } from '@omni/testkit';
import { z } from 'zod';
import { InProcessBus } from '../src';

const Value = z.object({ n: z.number() });

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
    const seen: number[] = [];
    await bus.subscribe({
      groupId: 'g',
      topic: 't',
      schema: Value,
      handle: async (rs) => void seen.push(...rs.map((r) => r.value.n)),
    });
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
