import type { Pool } from '@omni/db';

/**
 * Index hits up to which a search lists its tickets from the hits; past it the search walks
 * the tickets newest first instead. Measured at 100,000 tickets (search report of issue
 * 25): a hit costs about a microsecond of PostgreSQL CPU, and a search with more than a
 * thousand hits fills a page within a few thousand tickets of the walk.
 */
export const SEARCH_HIT_CAP = 1000;

/**
 * The `q` condition of the ticket list: a substring of the subject or of a message's text
 * (trigram indexes: any script, Japanese included), or a stemmed word match in a message
 * ('russian' stems Cyrillic and English words).
 *
 * Collecting every matching ticket before taking the newest page cost 0.25–1 s of
 * PostgreSQL CPU per request for a common word ("заказ", "order", "注文") at 100,000
 * tickets, where walking the tickets newest first stops at the first page; for a rare word
 * it is the other way round. So one capped look at the indexes first: few hits, and the
 * condition is those tickets' ids (found through the primary key); many, and each ticket
 * is checked during the walk. Both select exactly the same tickets.
 */
export async function ticketSearchCondition(
  pool: Pool,
  q: string,
  like: string,
  arg: (v: unknown) => string,
  cap = SEARCH_HIT_CAP,
): Promise<string> {
  // Unnamed, so planned for these values: a generic plan cannot tell a rare pattern from a
  // common one. The cheap matches come first, so a common word reaches the LIMIT (a few
  // rows of a sequential scan) before the stemmed match computes a tsvector per message.
  const { rows } = await pool.query<{ ids: string[] | null; hits: number }>(
    `SELECT array_agg(DISTINCT id) AS ids, count(*)::int AS hits FROM (
       SELECT qt.id FROM tickets qt WHERE qt.subject ILIKE $1
       UNION ALL SELECT qm.ticket_id FROM messages qm WHERE qm.text ILIKE $1
       UNION ALL SELECT qm.ticket_id FROM messages qm WHERE to_tsvector('russian', qm.text) @@ plainto_tsquery('russian', $2)
       LIMIT $3) hit`,
    [like, q, cap + 1],
  );
  const found = rows[0];
  if (found && found.hits <= cap) return `t.id = ANY(${arg(found.ids ?? [])}::uuid[])`;
  // `OFFSET 0` keeps the EXISTS a probe of the ticket's few messages: without it
  // PostgreSQL may turn it into a hashed scan of every message (seen: 1 s instead of 1 ms).
  const l = arg(like);
  return `(t.subject ILIKE ${l} OR EXISTS (SELECT 1 FROM messages qm WHERE qm.ticket_id = t.id
    AND (qm.text ILIKE ${l} OR to_tsvector('russian', qm.text) @@ plainto_tsquery('russian', ${arg(q)})) OFFSET 0))`;
}
