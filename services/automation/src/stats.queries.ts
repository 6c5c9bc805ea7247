import type { Pool } from '@omni/db';

export interface Durations {
  /** Tickets with this clock stopped. */
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  breaches: number;
}

export interface StatsBucket {
  created: number;
  firstResponse: Durations;
  resolution: Durations;
}

/** Satisfaction surveys sent in the period and their answers (scores 1–5; thumbs count as 5 and 1). */
export interface CsatBucket {
  surveys: number;
  responses: number;
  /** responses / surveys; null without surveys. */
  responseRate: number | null;
  /** The mean score; null without responses. */
  average: number | null;
  /** Responses per score, 1 first. */
  distribution: number[];
}

export interface CsatStats {
  totals: CsatBucket;
  byChannel: Array<CsatBucket & { key: string }>;
  byGroup: Array<CsatBucket & { key: string | null }>;
  byAssignee: Array<CsatBucket & { key: string | null }>;
  /** By the local date (in `timeZone`) the survey was sent. */
  byDay: Array<CsatBucket & { key: string }>;
}

export interface Stats {
  from: string;
  to: string;
  timeZone: string;
  totals: StatsBucket;
  byChannel: Array<StatsBucket & { key: string }>;
  byGroup: Array<StatsBucket & { key: string | null }>;
  byTopic: Array<StatsBucket & { key: string | null }>;
  arrivals: {
    /** Tickets created per hour of the day (0–23) in `timeZone`. */
    byHourOfDay: number[];
    /** Tickets created per weekday, Monday first. */
    byWeekday: number[];
  };
  csat: CsatStats;
}

interface Row {
  dim: 'total' | 'channel' | 'group' | 'topic';
  key: string | null;
  created: string;
  fr_count: string;
  fr_p50: number | null;
  fr_p90: number | null;
  fr_breaches: string;
  res_count: string;
  res_p50: number | null;
  res_p90: number | null;
  res_breaches: string;
}

/**
 * Tickets created in `[from, to)`: counts, first-response and resolution times (wall-clock
 * seconds from creation; p50/p90 interpolated like `percentile_cont`) and SLA breaches, in
 * total and by channel, group and topic; and when they arrive, by hour and weekday.
 * A clock's stop is the one the SLA recorded, else what the ticket API recorded.
 */
export async function computeStats(pool: Pool, from: Date, to: Date, timeZone: string): Promise<Stats> {
  const base = `
    WITH base AS (
      SELECT t.channel, t."group", t.topic, t.created_at,
             EXTRACT(EPOCH FROM COALESCE(s.first_response_at, t.first_response_at) - t.created_at)::float8 AS frt,
             EXTRACT(EPOCH FROM COALESCE(s.resolved_at, t.resolved_at) - t.created_at)::float8 AS rt,
             (s.first_response_breached_at IS NOT NULL OR t.first_response_breached) AS frb,
             (s.resolution_breached_at IS NOT NULL OR t.resolution_breached) AS rb
        FROM tickets t LEFT JOIN ticket_sla s ON s.ticket_id = t.id
       WHERE t.created_at >= $1 AND t.created_at < $2
    )`;
  const groups = pool.query<Row>(
    `${base}
     SELECT d.dim, d.key, count(*) AS created,
            count(frt) AS fr_count, percentile_cont(0.5) WITHIN GROUP (ORDER BY frt) AS fr_p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY frt) AS fr_p90, count(*) FILTER (WHERE frb) AS fr_breaches,
            count(rt) AS res_count, percentile_cont(0.5) WITHIN GROUP (ORDER BY rt) AS res_p50,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY rt) AS res_p90, count(*) FILTER (WHERE rb) AS res_breaches
       FROM base, LATERAL (VALUES ('total', NULL), ('channel', channel), ('group', "group"), ('topic', topic)) AS d(dim, key)
      GROUP BY d.dim, d.key
      ORDER BY d.dim, count(*) DESC, d.key NULLS LAST`,
    [from, to],
  );
  const arrivals = pool.query<{ hour: number; dow: number; n: string }>(
    `${base}
     SELECT EXTRACT(HOUR FROM created_at AT TIME ZONE $3)::int AS hour, EXTRACT(ISODOW FROM created_at AT TIME ZONE $3)::int AS dow,
            count(*) AS n
       FROM base GROUP BY 1, 2`,
    [from, to, timeZone],
  );
  const [g, a, csat] = await Promise.all([groups, arrivals, computeCsatStats(pool, from, to, timeZone)]);
  const bucket = (r: Row): StatsBucket => ({
    created: Number(r.created),
    firstResponse: {
      count: Number(r.fr_count),
      p50Seconds: r.fr_p50,
      p90Seconds: r.fr_p90,
      breaches: Number(r.fr_breaches),
    },
    resolution: {
      count: Number(r.res_count),
      p50Seconds: r.res_p50,
      p90Seconds: r.res_p90,
      breaches: Number(r.res_breaches),
    },
  });
  const of = (dim: Row['dim']) =>
    g.rows.filter((r) => r.dim === dim).map((r) => ({ key: r.key, ...bucket(r) }));
  const total = g.rows.find((r) => r.dim === 'total');
  const empty: Durations = { count: 0, p50Seconds: null, p90Seconds: null, breaches: 0 };
  const byHourOfDay = new Array<number>(24).fill(0);
  const byWeekday = new Array<number>(7).fill(0);
  for (const r of a.rows) {
    byHourOfDay[r.hour] = (byHourOfDay[r.hour] ?? 0) + Number(r.n);
    byWeekday[r.dow - 1] = (byWeekday[r.dow - 1] ?? 0) + Number(r.n);
  }
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    timeZone,
    totals: total ? bucket(total) : { created: 0, firstResponse: empty, resolution: empty },
    byChannel: of('channel').map((b) => ({ ...b, key: b.key ?? '' })),
    byGroup: of('group'),
    byTopic: of('topic'),
    arrivals: { byHourOfDay, byWeekday },
    csat,
  };
}

interface CsatRow {
  dim: 'total' | 'channel' | 'group' | 'assignee' | 'day';
  key: string | null;
  surveys: number;
  responses: number;
  average: number | null;
  distribution: number[];
}

/**
 * Surveys sent in `[from, to)` and their answers, in total and by the ticket's channel,
 * group and assignee, and by the local day the survey left.
 */
export async function computeCsatStats(
  pool: Pool,
  from: Date,
  to: Date,
  timeZone: string,
): Promise<CsatStats> {
  const { rows } = await pool.query<CsatRow>(
    `WITH base AS (
       SELECT t.channel, t."group", t.assignee, to_char(s.sent_at AT TIME ZONE $3, 'YYYY-MM-DD') AS day,
              CASE WHEN s.state = 'answered' THEN (t.csat->>'score')::int END AS score
         FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id
        WHERE s.sent_at >= $1 AND s.sent_at < $2
     )
     SELECT d.dim, d.key, count(*)::int AS surveys, count(score)::int AS responses, avg(score)::float8 AS average,
            ARRAY[count(*) FILTER (WHERE score = 1), count(*) FILTER (WHERE score = 2), count(*) FILTER (WHERE score = 3),
                  count(*) FILTER (WHERE score = 4), count(*) FILTER (WHERE score = 5)]::int[] AS distribution
       FROM base, LATERAL (VALUES ('total', NULL), ('channel', channel), ('group', "group"), ('assignee', assignee), ('day', day))
            AS d(dim, key)
      GROUP BY d.dim, d.key
      ORDER BY d.dim, d.key NULLS LAST`,
    [from, to, timeZone],
  );
  const bucket = (r: CsatRow): CsatBucket => ({
    surveys: r.surveys,
    responses: r.responses,
    responseRate: r.surveys > 0 ? r.responses / r.surveys : null,
    average: r.average,
    distribution: r.distribution,
  });
  const of = (dim: CsatRow['dim']) =>
    rows.filter((r) => r.dim === dim).map((r) => ({ key: r.key, ...bucket(r) }));
  const total = rows.find((r) => r.dim === 'total');
  return {
    totals: total
      ? bucket(total)
      : { surveys: 0, responses: 0, responseRate: null, average: null, distribution: [0, 0, 0, 0, 0] },
    byChannel: of('channel').map((b) => ({ ...b, key: b.key ?? '' })),
    byGroup: of('group'),
    byAssignee: of('assignee'),
    byDay: of('day').map((b) => ({ ...b, key: b.key ?? '' })),
  };
}
