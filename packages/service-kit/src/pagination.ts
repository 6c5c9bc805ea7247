import { z } from 'zod';
import { badRequest } from './problem';

/** `?limit=&cursor=` of every list (API.md). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Opaque cursor: the sort key of the last row of the previous page. */
export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/** What a cursor part must look like before it reaches SQL (where a bad value would be a 500). */
export type CursorPart = 'timestamp' | 'uuid' | 'integer' | 'text';

const PART_PATTERNS: Record<CursorPart, RegExp> = {
  // ISO 8601 or PostgreSQL's text output of timestamptz.
  timestamp: /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  integer: /^\d{1,19}$/,
  text: /^.{0,200}$/s,
};

/** The parts of a cursor this API issued, each checked against its kind; anything else is a 400. */
export function decodeCursor(cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === parts.length &&
      values.every(
        (v, i) =>
          (typeof v === 'string' || typeof v === 'number') &&
          PART_PATTERNS[parts[i] as CursorPart].test(String(v)),
      )
    ) {
      return values.map(String);
    }
  } catch {
    // fall through to the problem below
  }
  throw badRequest('the cursor is not valid', { cursor: 'not a cursor returned by this API' });
}

/** `{ data, nextCursor }` from rows fetched with `limit + 1`. */
export function page<Row, Out>(
  rows: Row[],
  limit: number,
  toJson: (r: Row) => Out,
  cursorOf: (r: Row) => Array<string | number>,
) {
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data: data.map(toJson), nextCursor: more && last ? encodeCursor(cursorOf(last)) : null };
}
