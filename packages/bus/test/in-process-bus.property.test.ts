import { OmniError, platformErrorCode } from '@omni/contracts';
import { testLogger } from '@omni/testkit';
import fc from 'fast-check';
import { z } from 'zod';
import { InProcessBus } from '../src';

const Value = z.object({ n: z.number(), poison: z.boolean() });

/**
 * Publishes at random moments while the subscriber takes random time per batch and fails
 * some batches (retriably, as a database outage would): whatever the interleaving, every
 * publish settles, resolves exactly when its records were handled, and no record is handled
 * twice, out of order, or split from the rest of its publish.
 */
describe('InProcessBus batches, under random publishes and failures', () => {
  const publishPlan = fc.array(
    fc.record({
      size: fc.oneof(
        { weight: 7, arbitrary: fc.integer({ min: 1, max: 40 }) },
        { weight: 3, arbitrary: fc.integer({ min: 150, max: 600 }) },
      ),
      afterMs: fc.integer({ min: 0, max: 2 }),
      poison: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
    }),
    { minLength: 1, maxLength: 40 },
  );

  it('settles every publish once, as its batch went, in publish order', async () => {
    await fc.assert(
      fc.asyncProperty(
        publishPlan,
        fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1 }),
        async (plan, delays) => {
          const bus = new InProcessBus(testLogger());
          const handled: number[][] = [];
          const failed: number[][] = [];
          let call = 0;
          await bus.subscribe({
            groupId: 'g',
            topic: 't',
            schema: Value,
            handle: async (records) => {
              const ns = records.map((r) => r.value.n);
              await new Promise((r) => setTimeout(r, delays[call++ % delays.length]));
              if (records.some((r) => r.value.poison)) {
                failed.push(ns);
                throw new OmniError(platformErrorCode('test', 'db-down'), 'database unavailable', {
                  retriable: true,
                });
              }
              handled.push(ns);
            },
          });
          let next = 0;
          const publishes: Array<{ ns: number[]; outcome: Promise<'resolved' | 'rejected'> }> = [];
          for (const step of plan) {
            await new Promise((r) => setTimeout(r, step.afterMs));
            const ns = Array.from({ length: step.size }, () => next++);
            const outcome = bus
              .publish(
                't',
                ns.map((n) => ({ key: `k${n % 7}`, value: { n, poison: step.poison } })),
              )
              .then(
                () => 'resolved' as const,
                () => 'rejected' as const,
              );
            publishes.push({ ns, outcome });
          }
          const outcomes = await Promise.all(publishes.map((p) => p.outcome));
          await bus.close();

          const handledSet = new Set(handled.flat());
          const failedSet = new Set(failed.flat());
          publishes.forEach((p, i) => {
            // Resolved: every record handled; rejected: none, and all of them in a failed batch.
            if (outcomes[i] === 'resolved') expect(p.ns.every((n) => handledSet.has(n))).toBe(true);
            else expect(p.ns.every((n) => !handledSet.has(n) && failedSet.has(n))).toBe(true);
            // A poisoned publish can never resolve.
            if (plan[i]?.poison) expect(outcomes[i]).toBe('rejected');
          });
          // Once each, in publish order, across and within batches.
          const order = handled.flat();
          expect(order).toEqual([...order].sort((a, b) => a - b));
          expect(new Set(order).size).toBe(order.length);
          for (const batch of [...handled, ...failed]) {
            const publishesIn = publishes.filter((p) => p.ns.some((n) => batch.includes(n)));
            // Whole publishes only, and more than 500 records only as a single publish.
            for (const p of publishesIn) expect(p.ns.every((n) => batch.includes(n))).toBe(true);
            if (batch.length > 500) expect(publishesIn).toHaveLength(1);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
