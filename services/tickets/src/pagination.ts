import { badRequest } from '@omni/service-kit';
import { z } from 'zod';

/** `?limit=&cursor=` of every list (API.md). */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Opaque cursor: the sort key of the last row of the previous page. */
export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
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
