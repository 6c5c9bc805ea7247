import type pg from 'pg';
import { TOKEN_SQL_PATTERN } from './messages';

/** How many stored inbound rows carry each token of run `runId`. */
export async function storedTokens(pool: pg.Pool, runId: string): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ token: string; n: string }>(
    `SELECT substring(text from '${TOKEN_SQL_PATTERN}') AS token, count(*) AS n
       FROM messages
      WHERE direction = 'inbound' AND text LIKE $1
      GROUP BY 1`,
    [`%tok-${runId}-%`],
  );
  return new Map(rows.map((r) => [r.token, Number(r.n)]));
}

export async function storedCount(pool: pg.Pool, runId: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(DISTINCT substring(text from '${TOKEN_SQL_PATTERN}')) AS n
       FROM messages WHERE direction = 'inbound' AND text LIKE $1`,
    [`%tok-${runId}-%`],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * Acceptance → visible: `received_at` is stamped by the adapter when it accepts the
 * request, `created_at` by the threading transaction that makes the row visible to `/v1`.
 */
export async function visibleLatenciesMs(pool: pg.Pool, runId: string): Promise<number[]> {
  const { rows } = await pool.query<{ ms: number }>(
    `SELECT (extract(epoch FROM created_at - received_at) * 1000)::float8 AS ms
       FROM messages WHERE direction = 'inbound' AND text LIKE $1`,
    [`%tok-${runId}-%`],
  );
  return rows.map((r) => r.ms);
}

export interface Tally {
  sent: number;
  accepted: number;
  stored: number;
  lost: number;
  doubled: number;
  /** Stored although the sender never saw a 2xx (at-least-once: allowed, reported). */
  storedWithout2xx: number;
  lostTokens: string[];
  doubledTokens: string[];
}

export function tally(sent: number, accepted: string[], stored: Map<string, number>): Tally {
  const acceptedSet = new Set(accepted);
  const lostTokens = accepted.filter((t) => !stored.has(t));
  const doubledTokens = [...stored].filter(([, n]) => n > 1).map(([t]) => t);
  const storedWithout2xx = [...stored.keys()].filter((t) => !acceptedSet.has(t)).length;
  return {
    sent,
    accepted: accepted.length,
    stored: stored.size,
    lost: lostTokens.length,
    doubled: doubledTokens.length,
    storedWithout2xx,
    lostTokens: lostTokens.slice(0, 20),
    doubledTokens: doubledTokens.slice(0, 20),
  };
}

/**
 * Polls until every accepted token is stored, or nothing moved for `stallMs`. The count of
 * distinct stored tokens is cheap but also holds tokens stored without a 2xx (the sender gave up
 * on a request the adapter had accepted): reaching the accepted count it can still miss accepted
 * tokens, so the tokens themselves are checked then, and waited for while they keep arriving.
 */
export async function waitStored(
  pool: pg.Pool,
  runId: string,
  accepted: readonly string[],
  stallMs: number,
  onProgress: (n: number) => void = () => {},
): Promise<{ stored: number; stalled: boolean }> {
  let last = -1;
  let since = Date.now();
  for (;;) {
    let n = await storedCount(pool, runId).catch(() => last);
    if (n >= accepted.length) {
      const stored = await storedTokens(pool, runId).catch(() => new Map<string, number>());
      const missing = accepted.filter((t) => !stored.has(t)).length;
      if (missing === 0) return { stored: n, stalled: false };
      n = accepted.length - missing; // progress is measured on the accepted tokens from here on
    }
    onProgress(n);
    if (n !== last) {
      last = n;
      since = Date.now();
    } else if (Date.now() - since > stallMs) return { stored: n, stalled: true };
    await new Promise((r) => setTimeout(r, 500));
  }
}
