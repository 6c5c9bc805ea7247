import { randomUUID } from 'node:crypto';
import { type Harness, startHarness } from '@omni/testkit';
import { DateTime } from 'luxon';
import { type CsatBucket, computeStats } from '../src/stats.queries';

/** Stats over a generated month of tickets match a direct computation of the same numbers. */
describe('GET /v1/stats numbers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('auto-stats');
  });
  afterAll(async () => {
    await h?.close();
  });

  // A small deterministic generator (mulberry32), so a failure can be replayed.
  let seed = 20260301;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;

  interface Gen {
    id: string;
    channel: string;
    group: string | null;
    topic: string | null;
    createdAt: Date;
    frt: number | null;
    rt: number | null;
    frb: boolean;
    rb: boolean;
    sla: boolean;
  }

  const percentile = (values: number[], p: number): number | null => {
    if (values.length === 0) return null;
    const v = [...values].sort((a, b) => a - b);
    const pos = p * (v.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return (v[lo] as number) + ((v[hi] as number) - (v[lo] as number)) * (pos - lo);
  };
  const bucket = (list: Gen[]) => {
    const fr = list.filter((t) => t.frt !== null).map((t) => t.frt as number);
    const rs = list.filter((t) => t.rt !== null).map((t) => t.rt as number);
    return {
      created: list.length,
      firstResponse: {
        count: fr.length,
        p50Seconds: percentile(fr, 0.5),
        p90Seconds: percentile(fr, 0.9),
        breaches: list.filter((t) => t.frb).length,
      },
      resolution: {
        count: rs.length,
        p50Seconds: percentile(rs, 0.5),
        p90Seconds: percentile(rs, 0.9),
        breaches: list.filter((t) => t.rb).length,
      },
    };
  };
  const close = (actual: unknown, expected: ReturnType<typeof bucket>) => {
    const a = actual as ReturnType<typeof bucket>;
    expect(a.created).toBe(expected.created);
    for (const clock of ['firstResponse', 'resolution'] as const) {
      expect(a[clock].count).toBe(expected[clock].count);
      expect(a[clock].breaches).toBe(expected[clock].breaches);
      for (const p of ['p50Seconds', 'p90Seconds'] as const) {
        if (expected[clock][p] === null) expect(a[clock][p]).toBeNull();
        else expect(a[clock][p]).toBeCloseTo(expected[clock][p] as number, 3);
      }
    }
  };

  it('counts, percentiles, breaches and arrival rhythm by channel, group and topic', async () => {
    const from = new Date('2026-03-01T00:00:00Z');
    const to = new Date('2026-04-01T00:00:00Z');
    const gen: Gen[] = [];
    for (let i = 0; i < 400; i++) {
      const inside = i < 360;
      const base = inside
        ? from.getTime()
        : pick([from.getTime() - 5 * 86_400_000, to.getTime() + 86_400_000]);
      const createdAt = new Date(
        base + Math.floor(rand() * (inside ? to.getTime() - from.getTime() : 86_400_000 * 3)),
      );
      const sla = rand() < 0.8;
      gen.push({
        id: randomUUID(),
        channel: pick(['email', 'telegram', 'webform']),
        group: pick(['billing', 'support', null]),
        topic: pick(['payment', 'delivery', null]),
        createdAt,
        frt: rand() < 0.7 ? Math.floor(60 + rand() * 86_400) : null,
        rt: rand() < 0.5 ? Math.floor(3_600 + rand() * 7 * 86_400) : null,
        frb: sla && rand() < 0.2,
        rb: sla && rand() < 0.1,
        sla,
      });
    }
    const customerId = randomUUID();
    await h.pool.query('INSERT INTO customers (id) VALUES ($1)', [customerId]);
    const at = (t: Gen, seconds: number | null) =>
      seconds === null ? null : new Date(t.createdAt.getTime() + seconds * 1000).toISOString();
    // Tickets without SLA rows keep their times on the ticket (the ticket API's first_response_at / resolved_at).
    await h.pool.query(
      `INSERT INTO tickets (id, customer_id, channel, account, "group", topic, created_at, first_response_at, resolved_at)
       SELECT id, $2, channel, 'main', "group", topic, "createdAt", fr, rs
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, channel text, "group" text, topic text, "createdAt" timestamptz, fr timestamptz, rs timestamptz)`,
      [
        JSON.stringify(
          gen.map((t) => ({ ...t, fr: t.sla ? null : at(t, t.frt), rs: t.sla ? null : at(t, t.rt) })),
        ),
        customerId,
      ],
    );
    await h.pool.query(
      `INSERT INTO ticket_sla (ticket_id, started_at, priority, first_response_warn_at, first_response_due_at, resolution_warn_at,
                               resolution_due_at, first_response_at, resolved_at, first_response_breached_at, resolution_breached_at)
       SELECT id, "createdAt", 'normal', "createdAt", "createdAt", "createdAt", "createdAt", fr, rs,
              CASE WHEN frb THEN "createdAt" END, CASE WHEN rb THEN "createdAt" END
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "createdAt" timestamptz, fr timestamptz, rs timestamptz, frb boolean, rb boolean)`,
      [JSON.stringify(gen.filter((t) => t.sla).map((t) => ({ ...t, fr: at(t, t.frt), rs: at(t, t.rt) })))],
    );

    const zone = 'Europe/Berlin'; // daylight saving starts on 29 March: the rhythm follows local hours
    const stats = await computeStats(h.pool, from, to, zone);
    const month = gen.filter((t) => t.createdAt >= from && t.createdAt < to);
    close(stats.totals, bucket(month));
    for (const [dim, list, key] of [
      ['channel', stats.byChannel, (t: Gen) => t.channel],
      ['group', stats.byGroup, (t: Gen) => t.group],
      ['topic', stats.byTopic, (t: Gen) => t.topic],
    ] as const) {
      const keys = [...new Set(month.map(key))];
      expect(list.map((b) => b.key).sort()).toEqual([...keys].sort());
      for (const k of keys) {
        const got = list.find((b) => b.key === k);
        expect({ dim, key: got?.key }).toEqual({ dim, key: k });
        close(got, bucket(month.filter((t) => key(t) === k)));
      }
    }
    const byHour = new Array(24).fill(0);
    const byWeekday = new Array(7).fill(0);
    for (const t of month) {
      const local = DateTime.fromJSDate(t.createdAt, { zone });
      byHour[local.hour] += 1;
      byWeekday[local.weekday - 1] += 1;
    }
    expect(stats.arrivals).toEqual({ byHourOfDay: byHour, byWeekday });
  });

  it('CSAT: surveys, responses, rate, average and distribution by channel, group, assignee and day', async () => {
    const from = new Date('2026-06-01T00:00:00Z');
    const to = new Date('2026-07-01T00:00:00Z');
    const zone = 'Europe/Moscow';
    interface Rated {
      id: string;
      channel: string;
      group: string | null;
      assignee: string | null;
      sentAt: Date;
      score: number | null;
    }
    const gen: Rated[] = [];
    for (let i = 0; i < 300; i++) {
      const inside = i < 260;
      const base = inside ? from.getTime() : pick([from.getTime() - 3 * 86_400_000, to.getTime()]);
      const sentAt = new Date(
        base + Math.floor(rand() * (inside ? to.getTime() - from.getTime() : 3 * 86_400_000)),
      );
      gen.push({
        id: randomUUID(),
        channel: pick(['email', 'telegram', 'vk']),
        group: pick(['billing', 'support', null]),
        assignee: pick(['kate', 'oleg', null]),
        sentAt,
        score: rand() < 0.6 ? 1 + Math.floor(rand() * 5) : null,
      });
    }
    const customerId = randomUUID();
    await h.pool.query('INSERT INTO customers (id) VALUES ($1)', [customerId]);
    const rows = gen.map((t) => ({
      ...t,
      createdAt: new Date(t.sentAt.getTime() - 86_400_000).toISOString(),
      csat:
        t.score === null
          ? null
          : { score: t.score, scale: 'five', comment: null, channel: t.channel, at: t.sentAt.toISOString() },
    }));
    await h.pool.query(
      `INSERT INTO tickets (id, customer_id, channel, account, "group", assignee, status, created_at, csat)
       SELECT id, $2, channel, 'main', "group", assignee, 'resolved', "createdAt", csat
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, channel text, "group" text, assignee text, "createdAt" timestamptz, csat jsonb)`,
      [JSON.stringify(rows), customerId],
    );
    await h.pool.query(
      `INSERT INTO csat_surveys (ticket_id, customer_id, state, scale, due_at, sent_at, expires_at, answered_at)
       SELECT id, $2, CASE WHEN score IS NULL THEN 'sent' ELSE 'answered' END, 'five', "sentAt", "sentAt", "sentAt" + interval '3 days',
              CASE WHEN score IS NOT NULL THEN "sentAt" END
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, "sentAt" timestamptz, score int)`,
      [JSON.stringify(gen), customerId],
    );

    const { csat } = await computeStats(h.pool, from, to, zone);
    const period = gen.filter((t) => t.sentAt >= from && t.sentAt < to);
    const direct = (list: Rated[]): CsatBucket => {
      const scores = list.filter((t) => t.score !== null).map((t) => t.score as number);
      return {
        surveys: list.length,
        responses: scores.length,
        responseRate: list.length ? scores.length / list.length : null,
        average: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
        distribution: [1, 2, 3, 4, 5].map((n) => scores.filter((s) => s === n).length),
      };
    };
    const same = (actual: (CsatBucket & { key?: unknown }) | undefined, expected: CsatBucket) => {
      expect(actual).toBeDefined();
      const { average, responseRate, key: _key, ...counts } = actual as CsatBucket & { key?: unknown };
      const { average: eAverage, responseRate: eRate, ...eCounts } = expected;
      expect(counts).toEqual(eCounts);
      for (const [got, want] of [
        [average, eAverage],
        [responseRate, eRate],
      ] as const) {
        if (want === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(want, 9);
      }
    };
    same(csat.totals, direct(period));
    expect(csat.totals.surveys).toBeGreaterThan(200);
    const day = (t: Rated) => DateTime.fromJSDate(t.sentAt, { zone }).toISODate() as string;
    for (const [list, key] of [
      [csat.byChannel, (t: Rated) => t.channel],
      [csat.byGroup, (t: Rated) => t.group],
      [csat.byAssignee, (t: Rated) => t.assignee],
      [csat.byDay, day],
    ] as const) {
      const keys = [...new Set(period.map(key))];
      expect(list.map((b) => b.key).sort()).toEqual([...keys].sort());
      for (const k of keys)
        same(
          list.find((b) => b.key === k),
          direct(period.filter((t) => key(t) === k)),
        );
    }
  });
});
