import { findUnstorableText, repairKeyText } from '@omni/service-kit';
import fc from 'fast-check';
import { DELETE, mutateJson } from './mutate-json';

/**
 * Text no platform should send but any may: NUL and other controls, lone surrogates, bidi
 * marks, a byte-order mark, 100 KB strings, random UTF-16 code units (surrogates included).
 */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\u0007\u001b[2J\u0008\u007f',
    '\ud800',
    'x\udc00y\ud83d',
    '\u202e\u2067evil\u200f\u200e\u061c',
    '\ufeffbom',
    'tab\tand\r\nnewline',
  ),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 64 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 16 }),
  fc.integer({ min: 90_000, max: 100_000 }).map((n) => `${'ж'.repeat(n / 2)}\u0000`),
);

/** An array nested `depth` deep around a hostile string. */
const deepJson = fc.integer({ min: 50, max: 300 }).map((depth) => {
  let v: unknown = 'deep\u0000';
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { v };
  return v;
});

/** Replaces the n-th string of a JSON value (depth first, modulo their number) with `text`. */
function replaceText(value: unknown, n: number, text: string): unknown {
  const copy = structuredClone(value);
  const slots: Array<[Record<string | number, unknown>, string | number]> = [];
  const walk = (v: unknown) => {
    if (!v || typeof v !== 'object') return;
    for (const [k, c] of Object.entries(v)) {
      const key = Array.isArray(v) ? Number(k) : k;
      if (typeof c === 'string') slots.push([v as Record<string | number, unknown>, key]);
      else walk(c);
    }
  };
  walk(copy);
  const slot = slots[n % Math.max(slots.length, 1)];
  if (slot) slot[0][slot[1]] = text;
  return copy;
}

/**
 * fast-check over a webhook route: reference payloads with hostile text in their string fields
 * (any of them, several at once), then mutated at random paths (replaced, deleted, wrong types,
 * deep JSON), then random JSON and random bytes, each posted by `post` (which signs it as the
 * platform would and returns the status). `check` asserts on every answer (no 5xx); with
 * `kept`, every message a body carries must be published whenever it was answered 2xx —
 * unless the request itself was dead-lettered, which keeps it whole — and every message
 * published must be storable (no NUL, no lone surrogate: PostgreSQL would refuse it).
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
  textRuns?: number;
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
    if (!opts.kept) return;
    const fresh = opts.kept.published().slice(published);
    for (const m of fresh) {
      const field = findUnstorableText(m, 'message');
      if (field !== undefined) throw new Error(`published a message PostgreSQL cannot store: ${field}`);
    }
    if (status >= 300 || opts.kept.deadLetters().length > letters) return;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return;
    }
    const ids = new Set(fresh.map((m) => m.externalId));
    // An id carrying characters the intake repairs is published repaired.
    const lost = opts.kept.ids(body).filter((id) => !ids.has(id) && !ids.has(repairKeyText(id)));
    if (lost.length > 0)
      throw new Error(`answered ${status} but neither published nor dead-lettered: ${lost.join(', ')}`);
  };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...opts.bodies),
      fc.array(fc.tuple(fc.nat(), hostileText), { minLength: 1, maxLength: 4 }),
      async (body, texts) => {
        const changed = texts.reduce((b, [n, text]) => replaceText(b, n, text), body);
        await run(JSON.stringify(changed) ?? 'null');
      },
    ),
    { numRuns: opts.textRuns ?? 40 },
  );
  const replacement = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constant(DELETE),
    fc.string(),
    hostileText,
    deepJson,
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
