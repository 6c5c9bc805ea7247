import { parseOmniConfig } from '@omni/service-kit';
import fc from 'fast-check';
import { type BusinessCalendar, BusinessClock } from '../src/business-clock';
import { planSla, stepClock } from '../src/sla-clock';
import { describeWait } from '../src/wait-text';

const OFFICE = ['09:00-18:00'];
const calendar = (timeZone: string, holidays: string[] = []): BusinessCalendar => ({
  timeZone,
  hours: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: [], sun: [] },
  holidays,
});
const moscow = new BusinessClock(calendar('Europe/Moscow'));
const iso = (s: string) => new Date(s);
/** The wait of a 2-hour first-response target for a message at `at`. */
const wait = (clock: BusinessClock, at: string, language = 'en', minutes = 120) =>
  describeWait(clock, iso(at), clock.add(iso(at), minutes), minutes, language);

describe('business time', () => {
  it('adds inside open hours as wall time', () => {
    // Tuesday 10:00 in Moscow (UTC+3)
    expect(moscow.add(iso('2026-03-03T07:00:00Z'), 120).toISOString()).toBe('2026-03-03T09:00:00.000Z');
  });

  it('pauses the clock overnight and over the weekend', () => {
    // Tuesday 17:00 → one hour today, one hour from Wednesday 09:00
    expect(moscow.add(iso('2026-03-03T14:00:00Z'), 120).toISOString()).toBe('2026-03-04T07:00:00.000Z');
    // Friday 23:00 → Monday 11:00
    expect(moscow.add(iso('2026-03-06T20:00:00Z'), 120).toISOString()).toBe('2026-03-09T08:00:00.000Z');
    // Friday 17:00 → Monday 10:00 is two business hours
    expect(moscow.between(iso('2026-03-06T14:00:00Z'), iso('2026-03-09T07:00:00Z'))).toBe(2 * 3_600_000);
  });

  it('skips holidays', () => {
    const clock = new BusinessClock(calendar('Europe/Moscow', ['2026-03-09']));
    expect(clock.add(iso('2026-03-06T20:00:00Z'), 120).toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(clock.isOpen(iso('2026-03-09T08:00:00Z'))).toBe(false);
  });

  it('follows the zone across a daylight-saving change', () => {
    // New York: Friday 17:00 EST; clocks go forward on Sunday 8 March; Monday opens 09:00 EDT = 13:00Z
    const ny = new BusinessClock(calendar('America/New_York'));
    expect(ny.add(iso('2026-03-06T22:00:00Z'), 120).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('runs continuously through a 24-hour calendar', () => {
    const all = ['00:00-24:00'];
    const clock = new BusinessClock({
      timeZone: 'UTC',
      hours: { mon: all, tue: all, wed: all, thu: all, fri: all, sat: all, sun: all },
      holidays: [],
    });
    expect(clock.add(iso('2026-03-07T23:30:00Z'), 60).toISOString()).toBe('2026-03-08T00:30:00.000Z');
  });
});

describe('the expected wait', () => {
  it('states the target inside hours', () => {
    expect(wait(moscow, '2026-03-03T07:00:00Z')).toBe('within 2 hours');
    expect(wait(moscow, '2026-03-03T07:00:00Z', 'ru-RU')).toBe('в течение 2 часов');
    expect(wait(moscow, '2026-03-03T07:00:00Z', 'en', 30)).toBe('within 30 minutes');
    expect(wait(moscow, '2026-03-03T07:00:00Z', 'ru', 60)).toBe('в течение 1 часа');
  });

  it('names the day when the answer comes after a pause', () => {
    expect(wait(moscow, '2026-03-06T20:00:00Z')).toBe('on Monday morning'); // 23:00 Friday
    expect(wait(moscow, '2026-03-06T20:00:00Z', 'ru')).toBe('в понедельник утром');
    expect(wait(moscow, '2026-03-03T14:00:00Z')).toBe('tomorrow morning'); // 17:00 Tuesday
    expect(wait(moscow, '2026-03-03T03:00:00Z')).toBe('this morning'); // 06:00 Tuesday, due 11:00
    expect(wait(moscow, '2026-03-03T08:00:00Z', 'en', 600)).toBe('tomorrow afternoon'); // 11:00 + 7 h today + 3 h → 12:00
  });

  it("uses the group's zone, not the server's: one instant, two answers", () => {
    const instant = '2026-03-06T20:30:00Z'; // Friday 23:30 in Moscow, 15:30 in New York
    expect(wait(moscow, instant)).toBe('on Monday morning');
    expect(wait(new BusinessClock(calendar('America/New_York')), instant)).toBe('within 2 hours');
  });

  it('counts a holiday in', () => {
    const clock = new BusinessClock(calendar('Europe/Moscow', ['2026-03-09']));
    expect(wait(clock, '2026-03-06T20:00:00Z')).toBe('on Tuesday morning');
    const longBreak = new BusinessClock(
      calendar('Europe/Moscow', ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13']),
    );
    expect(wait(longBreak, '2026-03-06T20:00:00Z')).toBe('on 16 March in the morning');
    expect(wait(longBreak, '2026-03-06T20:00:00Z', 'ru')).toBe('16 марта утром');
  });
});

describe('SLA clocks', () => {
  const sla = parseOmniConfig('', {}).automation.sla;

  it('computes due times in business time and warns at the configured share', () => {
    // normal: 240 business minutes to first response; Friday 16:00 Moscow
    const plan = planSla(moscow, iso('2026-03-06T13:00:00Z'), 'normal', sla);
    expect(plan.firstResponseDueAt.toISOString()).toBe('2026-03-09T08:00:00.000Z'); // 2h Friday + 2h Monday
    expect(plan.firstResponseWarnAt.toISOString()).toBe('2026-03-09T07:12:00.000Z'); // 192 minutes
    // 2400 minutes = 40 business hours = 4 days and 4 hours
    expect(plan.resolutionDueAt.toISOString()).toBe('2026-03-13T08:00:00.000Z');
  });

  it('is paused outside hours: nothing is due over the weekend', () => {
    const plan = planSla(moscow, iso('2026-03-06T13:00:00Z'), 'normal', sla);
    const clock = {
      warnAt: plan.firstResponseWarnAt,
      dueAt: plan.firstResponseDueAt,
      stoppedAt: null,
      warnedAt: null,
      breachedAt: null,
    };
    expect(stepClock(clock, iso('2026-03-08T12:00:00Z'))).toEqual({
      warn: false,
      breach: false,
      nextCheckAt: plan.firstResponseWarnAt,
    });
  });

  it('warns once, then breaches once, then is done', () => {
    const warnAt = iso('2026-03-09T07:12:00Z');
    const dueAt = iso('2026-03-09T08:00:00Z');
    const base = { warnAt, dueAt, stoppedAt: null, warnedAt: null, breachedAt: null };
    const first = stepClock(base, iso('2026-03-09T07:30:00Z'));
    expect(first).toEqual({ warn: true, breach: false, nextCheckAt: dueAt });
    const warned = { ...base, warnedAt: iso('2026-03-09T07:30:00Z') };
    expect(stepClock(warned, iso('2026-03-09T07:40:00Z'))).toEqual({
      warn: false,
      breach: false,
      nextCheckAt: dueAt,
    });
    expect(stepClock(warned, iso('2026-03-09T08:00:00Z'))).toEqual({
      warn: false,
      breach: true,
      nextCheckAt: null,
    });
    const breached = { ...warned, breachedAt: iso('2026-03-09T08:00:00Z') };
    expect(stepClock(breached, iso('2026-03-10T08:00:00Z'))).toEqual({
      warn: false,
      breach: false,
      nextCheckAt: null,
    });
  });

  it('does not breach a clock stopped in time, and breaches one stopped late', () => {
    const warnAt = iso('2026-03-09T07:12:00Z');
    const dueAt = iso('2026-03-09T08:00:00Z');
    const answered = {
      warnAt,
      dueAt,
      stoppedAt: iso('2026-03-09T07:50:00Z'),
      warnedAt: iso('2026-03-09T07:12:00Z'),
      breachedAt: null,
    };
    expect(stepClock(answered, iso('2026-03-09T09:00:00Z'))).toEqual({
      warn: false,
      breach: false,
      nextCheckAt: null,
    });
    const late = { ...answered, stoppedAt: iso('2026-03-09T08:30:00Z') };
    expect(stepClock(late, iso('2026-03-09T09:00:00Z'))).toEqual({
      warn: false,
      breach: true,
      nextCheckAt: null,
    });
    // a scheduler that fell behind past the due time emits the breach alone
    expect(stepClock({ ...answered, stoppedAt: null, warnedAt: null }, iso('2026-03-09T09:00:00Z'))).toEqual({
      warn: false,
      breach: true,
      nextCheckAt: null,
    });
  });
});

describe('automation configuration', () => {
  it('parses calendars, routing and acknowledgements, and rejects what cannot work', () => {
    const config = parseOmniConfig(
      `automation:
  calendars:
    support: { timeZone: Europe/Moscow, holidays: ['2026-01-01'] }
  acknowledgements:
    - { channel: telegram, account: main, enabled: true, templates: { en: "We answer {{wait}}." } }
  routing:
    rules:
      - { name: billing, when: { keywords: [Invoice] }, set: { group: billing, priority: high } }
`,
      {},
    );
    expect(config.automation.calendars.support?.hours.mon).toEqual(['09:00-18:00']);
    expect(config.automation.acknowledgements[0]?.maxPerCustomerPerDay).toBe(3);
    expect(config.automation.routing.rules[0]?.when.keywords).toEqual(['invoice']);
    expect(() =>
      parseOmniConfig(
        'automation:\n  calendars:\n    x: { timeZone: Mars/Olympus, hours: { mon: ["18:00-09:00"] } }\n',
        {},
      ),
    ).toThrow(/IANA time zone[\s\S]*end after it starts/);
  });
});

describe('the remembered days of a shared clock', () => {
  it('answers as a new clock does, across DST changes, holidays and cache clears', () => {
    const cal = calendar('America/New_York', ['2026-11-26', '2027-01-01']);
    const shared = BusinessClock.for(cal);
    expect(BusinessClock.for(cal)).toBe(shared);
    const start = Date.parse('2024-01-01T00:00:00Z');
    // Ten years of instants: more local days than a clock keeps, so it forgets and relearns.
    const instant = fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }).map((ms) => new Date(start + ms));
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 1, max: 60 * 24 * 20 }),
        fc.nat(30 * 86_400_000),
        (from, minutes, later) => {
          const to = new Date(from.getTime() + later);
          const fresh = new BusinessClock(cal);
          expect(shared.add(from, minutes)).toEqual(fresh.add(from, minutes));
          expect(shared.between(from, to)).toBe(fresh.between(from, to));
          expect(shared.isOpen(to)).toBe(fresh.isOpen(to));
        },
      ),
      { numRuns: 200 },
    );
  });
});
