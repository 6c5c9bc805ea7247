import fc from 'fast-check';
import { DELETE, mutateJson } from './mutate-json';

/**
 * fast-check over a webhook route: reference payloads mutated at random paths (replaced,
 * deleted, wrong types), then random JSON and random bytes, each posted by `post` (which signs
 * it as the platform would and returns the status). `check` asserts on every answer — that
 * there was no 5xx, that nothing answered 2xx was lost.
 */
export async function fuzzWebhookBodies(opts: {
  bodies: readonly unknown[];
  post: (payload: string) => Promise<number>;
  check: (status: number, payload: string) => void | Promise<void>;
  mutatedRuns?: number;
  randomRuns?: number;
}): Promise<Set<number>> {
  const statuses = new Set<number>();
  const run = async (payload: string) => {
    const status = await opts.post(payload);
    statuses.add(status);
    await opts.check(status, payload);
  };
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant(DELETE),
    fc.string(),
    fc.integer(),
    fc.constant(null),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...opts.bodies),
      fc.array(fc.tuple(fc.nat(), replacement), { maxLength: 4 }),
      async (body, mutations) => {
        const mutated = mutations.reduce((b, [n, r]) => mutateJson(b, n, r), body);
        await run(JSON.stringify(mutated) ?? 'null');
      },
    ),
    { numRuns: opts.mutatedRuns ?? 100 },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? ''),
        fc.string({ unit: 'binary' }),
      ),
      run,
    ),
    { numRuns: opts.randomRuns ?? 60 },
  );
  return statuses;
}
