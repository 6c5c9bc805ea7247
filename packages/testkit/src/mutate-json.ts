/** Stands for "remove the value at that path" in {@link mutateJson}. */
export const DELETE = Symbol('delete');

/**
 * Replaces (or deletes) the value at the n-th path of a JSON value (paths counted depth
 * first, `n` taken modulo their number): fast-check's mutations of reference payloads.
 */
export function mutateJson(value: unknown, n: number, replacement: unknown): unknown {
  const copy = structuredClone(value);
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (v && typeof v === 'object')
      for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  walk(copy, []);
  const path = paths[n % paths.length] ?? [];
  if (path.length === 0) return replacement === DELETE ? null : replacement;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === DELETE) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else parent[last] = replacement;
  return copy;
}
