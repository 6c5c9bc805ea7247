import fc from 'fast-check';
import { DELETE, mutateJson } from './mutate-json';

/**
 * fast-check over a webhook route: reference payloads mutated at random paths (replaced,
 * deleted, wrong types), then random JSON and random bytes, each posted by `post` (which signs
 * it as the platform would and returns the status). `check` asserts on every answer (no 5xx);
 * with `kept`, every message a body carries must be published whenever it was answered 2xx —
 * unless the request itself was dead-lettered, which keeps it whole.
 */
export async function fuzzWebhookBodies(opts: {
  bodies: readonly unknown[];
  post: (payload: string) => Promise<number>;
  check: (status: number, payload: string) => void | Promise<void>;
  kept?: {
    /** The platform's ids of the customer messages in a body (what must not be lost). */
    ids: (body: unknown) => string[];
    published: () => ReadonlyArray<{ externalId: string }>;
    deadLetters: () => readonly unknown[];
  };
  mutatedRuns?: number;
  randomRuns?: number;
}): Promise<Set<number>> {
  const statuses = new Set<number>();
  const run = async (payload: string) => {
    const published = opts.kept?.published().length ?? 0;
    const letters = opts.kept?.deadLetters().length ?? 0;
    const status = await opts.post(payload);
    statuses.add(status);
    await opts.check(status, payload);
    if (!opts.kept || status >= 300 || opts.kept.deadLetters().length > letters) return;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return;
    }
    const ids = new Set(
      opts.kept
        .published()
        .slice(published)
        .map((m) => m.externalId),
    );
    const lost = opts.kept.ids(body).filter((id) => !ids.has(id));
    if (lost.length > 0)
      throw new Error(`answered ${status} but neither published nor dead-lettered: ${lost.join(', ')}`);
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
