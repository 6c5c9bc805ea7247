import type { Pool } from '@omni/db';

/**
 * Index hits up to which a search lists its rows from the hits; past it the search walks
 * the list newest first instead. Measured at 100,000 tickets (search report of issue
 * 25): a hit costs about a microsecond of PostgreSQL CPU, and a search with more than a
 * thousand hits fills a page within a few thousand tickets of the walk.
 */
export const SEARCH_HIT_CAP = 1000;

/**
 * Collecting every match before taking the newest page cost 0.25–1 s of PostgreSQL CPU per
 * request for a common word ("заказ", "order", "注文") at 100,000 tickets, where walking the
 * list newest first stops at the first page; for a rare word it is the other way round. So
 * one capped look at the indexes first (`hits`: a query selecting one `id` per hit, with
 * `LIMIT $n`, given `cap + 1` there): few hits, and the condition is those rows' ids (found
 * through the primary key); many, and `walk` checks each row during the walk. Both must select
 * exactly the same rows.
 *
 * The look is sent unnamed, so planned for these values: a generic plan cannot tell a rare
 * pattern from a common one.
 */
async function searchCondition(
  pool: Pool,
  hits: { sql: string; params: unknown[] },
  idColumn: string,
  walk: () => string,
  arg: (v: unknown) => string,
  cap: number,
): Promise<string> {
  const { rows } = await pool.query<{ ids: string[] | null; hits: number }>(
    `SELECT array_agg(DISTINCT id) AS ids, count(*)::int AS hits FROM (${hits.sql}) hit`,
    [...hits.params, cap + 1],
  );
  const found = rows[0];
  if (found && found.hits <= cap) return `${idColumn} = ANY(${arg(found.ids ?? [])}::uuid[])`;
  return walk();
}

/**
 * The `q` condition of the ticket list (`t`): a substring of the subject or of a message's
 * text (trigram indexes: any script, Japanese included), or a stemmed word match in a message
 * ('russian' stems Cyrillic and English words).
 */
export function ticketSearchCondition(
  pool: Pool,
  q: string,
  like: string,
  arg: (v: unknown) => string,
  cap = SEARCH_HIT_CAP,
): Promise<string> {
  // The cheap matches come first, so a common word reaches the LIMIT (a few rows of a
  // sequential scan) before the stemmed match computes a tsvector per message.
  const hits = {
    sql: `SELECT qt.id FROM tickets qt WHERE qt.subject ILIKE $1
       UNION ALL SELECT qm.ticket_id FROM messages qm WHERE qm.text ILIKE $1
       UNION ALL SELECT qm.ticket_id FROM messages qm WHERE to_tsvector('russian', qm.text) @@ plainto_tsquery('russian', $2)
       LIMIT $3`,
    params: [like, q],
  };
  return searchCondition(
    pool,
    hits,
    't.id',
    () => {
      // `OFFSET 0` keeps the EXISTS a probe of the ticket's few messages: without it
      // PostgreSQL may turn it into a hashed scan of every message (seen: 1 s instead of 1 ms).
      const l = arg(like);
      return `(t.subject ILIKE ${l} OR EXISTS (SELECT 1 FROM messages qm WHERE qm.ticket_id = t.id
    AND (qm.text ILIKE ${l} OR to_tsvector('russian', qm.text) @@ plainto_tsquery('russian', ${arg(q)})) OFFSET 0))`;
    },
    arg,
    cap,
  );
}

/**
 * The `q` condition of the customer list (`c`): a substring of the name or of an identity's
 * (normalized) value (trigram indexes). Identities move with a merge, so a hit names the
 * customer holding the identity today; merged-away and erased customers are left out by the
 * list itself.
 */
export function customerSearchCondition(
  pool: Pool,
  like: string,
  arg: (v: unknown) => string,
  cap = SEARCH_HIT_CAP,
): Promise<string> {
  const hits = {
    sql: `SELECT qc.id FROM customers qc WHERE qc.display_name ILIKE $1
       UNION ALL SELECT qi.customer_id FROM identities qi WHERE qi.value ILIKE $1
       LIMIT $2`,
    params: [like],
  };
  return searchCondition(
    pool,
    hits,
    'c.id',
    () => {
      // `OFFSET 0`: a probe of the customer's few identities, as the ticket walk's EXISTS.
      const l = arg(like);
      return `(c.display_name ILIKE ${l} OR EXISTS (SELECT 1 FROM identities qi WHERE qi.customer_id = c.id AND qi.value ILIKE ${l} OFFSET 0))`;
    },
    arg,
    cap,
  );
}
