import type { OmniConfig } from '@omni/service-kit';
import { DateTime } from 'luxon';

export type BusinessCalendar = OmniConfig['automation']['calendars'][string];

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A calendar with no open day in ten years is a configuration mistake the schema rules out; stop looking there. */
const MAX_DAYS = 3660;

/** Mon–Fri 09:00–18:00 UTC: the calendar of a group nobody configured. */
export const FALLBACK_CALENDAR: BusinessCalendar = {
  timeZone: 'UTC',
  hours: {
    mon: ['09:00-18:00'],
    tue: ['09:00-18:00'],
    wed: ['09:00-18:00'],
    thu: ['09:00-18:00'],
    fri: ['09:00-18:00'],
    sat: [],
    sun: [],
  },
  holidays: [],
};

/** Days whose open intervals a clock remembers (a few years of them; cleared when full). */
const MAX_CACHED_DAYS = 2048;

/** One local day of a calendar: when it starts and its open intervals in epoch ms. */
interface OpenDay {
  start: DateTime;
  open: ReadonlyArray<readonly [number, number]>;
  /** Start of the following local day (epoch ms), once computed. */
  nextKey?: number;
}

const clocks = new WeakMap<BusinessCalendar, BusinessClock>();

/**
 * Business time of one calendar: the open intervals of each local day in the calendar's
 * zone (luxon resolves DST gaps and overlaps), minus holidays. SLA clocks and the
 * expected wait both run on it, so they always agree. Each local day is worked out with
 * luxon once and then remembered: planning a new ticket's SLA walks the same days again
 * and again, and that date arithmetic was 18% of the automation service's CPU in the
 * e2e benchmark.
 */
export class BusinessClock {
  private readonly holidays: ReadonlySet<string>;
  private readonly days = new Map<number, OpenDay>();

  constructor(readonly calendar: BusinessCalendar) {
    this.holidays = new Set(calendar.holidays);
  }

  /** The clock of a calendar, shared (with what it remembers) by everyone asking for that calendar object. */
  static for(calendar: BusinessCalendar): BusinessClock {
    let clock = clocks.get(calendar);
    if (!clock) {
      clock = new BusinessClock(calendar);
      clocks.set(calendar, clock);
    }
    return clock;
  }

  get zone(): string {
    return this.calendar.timeZone;
  }

  /** Open intervals `[start, end)` in epoch ms, from the local day containing `from` on. */
  *intervals(from: Date): Generator<readonly [number, number]> {
    let day = this.openDay(DateTime.fromJSDate(from, { zone: this.zone }).startOf('day'));
    for (let i = 0; i < MAX_DAYS; i++, day = this.nextDay(day)) yield* day.open;
  }

  private openDay(start: DateTime): OpenDay {
    const key = start.toMillis();
    const known = this.days.get(key);
    if (known) return known;
    const holiday = this.holidays.has(start.toISODate() ?? '');
    const ranges = holiday
      ? []
      : this.calendar.hours[WEEKDAYS[start.weekday - 1] as (typeof WEEKDAYS)[number]];
    const day: OpenDay = {
      start,
      open: ranges.map((range) => {
        const [from, to] = range.split('-') as [string, string];
        return [at(start, from), at(start, to)] as const;
      }),
    };
    if (this.days.size >= MAX_CACHED_DAYS) this.days.clear();
    this.days.set(key, day);
    return day;
  }

  private nextDay(day: OpenDay): OpenDay {
    const known = day.nextKey === undefined ? undefined : this.days.get(day.nextKey);
    if (known) return known;
    const next = this.openDay(day.start.plus({ days: 1 }));
    day.nextKey = next.start.toMillis();
    return next;
  }

  isOpen(instant: Date): boolean {
    const t = instant.getTime();
    for (const [s, e] of this.intervals(instant)) {
      if (s > t) return false;
      if (t < e) return true;
    }
    return false;
  }

  /** The instant `minutes` of business time after `from` (the clock pauses outside hours). */
  add(from: Date, minutes: number): Date {
    let remaining = minutes * 60_000;
    const t0 = from.getTime();
    if (remaining <= 0) return new Date(t0);
    for (const [s, e] of this.intervals(from)) {
      if (e <= t0) continue;
      const start = Math.max(s, t0);
      if (remaining <= e - start) return new Date(start + remaining);
      remaining -= e - start;
    }
    throw new Error(
      `calendar ${this.zone} has no open hours within ${MAX_DAYS} days of ${from.toISOString()}`,
    );
  }

  /** Business milliseconds between two instants (0 when `to` is not after `from`). */
  between(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    let total = 0;
    for (const [s, e] of this.intervals(from)) {
      if (s >= b) break;
      total += Math.max(0, Math.min(e, b) - Math.max(s, a));
    }
    return total;
  }
}

function at(day: DateTime, hhmm: string): number {
  if (hhmm === '24:00') return day.plus({ days: 1 }).toMillis();
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return day.set({ hour: h, minute: m }).toMillis();
}

/** The calendar of a group: its own, else `default`, else Mon–Fri 09:00–18:00 UTC. */
export function calendarFor(
  calendars: OmniConfig['automation']['calendars'],
  group: string | null | undefined,
): BusinessCalendar {
  return (group ? calendars[group] : undefined) ?? calendars.default ?? FALLBACK_CALENDAR;
}
