import { createHash } from 'node:crypto';

/** A query for pg's `query()`: a statement sent by name, with its parameters. */
export interface NamedQuery {
  name: string;
  text: string;
  values: unknown[];
}

/** Distinct texts remembered at most: a statement's name is derived again past that (a hash). */
const MAX_NAMES = 1_000;
const names = new Map<string, string>();

/**
 * A statement sent by name: each connection parses it once, and after a few executions
 * PostgreSQL keeps a generic plan instead of planning it on every call. Sent unnamed, a hot
 * path's statements were planned on every execution: in a 10k e2e run (`pnpm bench e2e`,
 * planning tracked) planning took 1.1 ms of PostgreSQL's time per accepted message against 3.1
 * executing, and for single-row lookups on the many-indexed `tickets` it took longer than
 * running them.
 *
 * For fixed texts only (each distinct text stays prepared for its connection's life) and with
 * explicit column lists: a prepared `SELECT *` or `RETURNING *` fails ("cached plan must not
 * change result type") once a migration changes the table's columns under a running service.
 * A text that varies with the input (an `IN` list, optional filters) is better left unnamed
 * unless its variants are few. And check the generic plan under load before naming: where a
 * parameter shapes the plan (`customer_id = ANY(ARRAY(…) || $1)`, `$3 IS NULL OR …`) the generic
 * plan ran 2.5–50× slower than the one made for the values, and those statements stay unnamed.
 */
export function named(text: string, values: unknown[] = []): NamedQuery {
  let name = names.get(text);
  if (name === undefined) {
    name = `n${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    if (names.size >= MAX_NAMES) names.clear();
    names.set(text, name);
  }
  return { name, text, values };
}
