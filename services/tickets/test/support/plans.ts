import type { Pool } from '@omni/db';

/** A node of `EXPLAIN (FORMAT JSON)`, with the fields the read-path tests look at. */
export interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  /** With `analyze` only. */
  'Actual Rows': number;
  Plans?: PlanNode[];
}

/**
 * Runs `read` on a pool that records the statements sent through it, then explains the last
 * one (the page itself, after any lookups before it) with the values it was sent with: the plan
 * of exactly what the code sends, and the read's result.
 */
export async function planOfLastStatement<T>(
  pool: Pool,
  read: (pool: Pool) => Promise<T>,
  { analyze = false } = {},
): Promise<{ plan: PlanNode; result: T }> {
  let statement: { text: string; values: unknown[] } | undefined;
  const recording = new Proxy(pool, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver);
      return (text: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
        statement =
          typeof text === 'string'
            ? { text, values: values ?? [] }
            : { text: text.text, values: text.values ?? [] };
        return target.query(text as string, values);
      };
    },
  });
  const result = await read(recording);
  if (!statement) throw new Error('no statement was sent');
  const { rows } = await pool.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${statement.text}`,
    [...statement.values],
  );
  return { plan: (rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan, result };
}
