import { DateTime } from 'luxon';
import type { BusinessClock } from './business-clock';

type PartOfDay = 'morning' | 'afternoon' | 'evening';

interface WaitPhrases {
  within(minutes: number): string;
  today(part: PartOfDay): string;
  tomorrow(part: PartOfDay): string;
  /** `weekday`: 1 = Monday … 7 = Sunday. */
  weekday(weekday: number, part: PartOfDay): string;
  date(date: DateTime, part: PartOfDay): string;
}

const EN_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const en: WaitPhrases = {
  within: (m) => `within ${duration(m, (n, unit) => `${n} ${unit}${n === 1 ? '' : 's'}`)}`,
  today: (part) => `this ${part}`,
  tomorrow: (part) => `tomorrow ${part}`,
  weekday: (d, part) => `on ${EN_WEEKDAYS[d - 1]} ${part}`,
  date: (date, part) => `on ${date.setLocale('en-GB').toFormat('d MMMM')} in the ${part}`,
};

/** Russian: "в понедельник утром", "в течение 2 часов" (genitive after "в течение"). */
const RU_WEEKDAYS = [
  'в понедельник',
  'во вторник',
  'в среду',
  'в четверг',
  'в пятницу',
  'в субботу',
  'в воскресенье',
];
const RU_PART: Record<PartOfDay, string> = { morning: 'утром', afternoon: 'днём', evening: 'вечером' };
const ruGenitive = (n: number, one: string, many: string) => (n % 10 === 1 && n % 100 !== 11 ? one : many);
const ru: WaitPhrases = {
  within: (m) =>
    `в течение ${duration(m, (n, unit) => `${n} ${unit === 'hour' ? ruGenitive(n, 'часа', 'часов') : ruGenitive(n, 'минуты', 'минут')}`)}`,
  today: (part) => `сегодня ${RU_PART[part]}`,
  tomorrow: (part) => `завтра ${RU_PART[part]}`,
  weekday: (d, part) => `${RU_WEEKDAYS[d - 1]} ${RU_PART[part]}`,
  date: (date, part) => `${date.setLocale('ru').toFormat('d MMMM')} ${RU_PART[part]}`,
};

const PHRASES: Record<string, WaitPhrases> = { en, ru };

/** Whole hours when the target is whole hours or long; minutes for short odd targets. */
function duration(minutes: number, unit: (n: number, unit: 'hour' | 'minute') => string): string {
  if (minutes < 60 || (minutes < 120 && minutes % 60 !== 0)) return unit(minutes, 'minute');
  return unit(Math.ceil(minutes / 60), 'hour');
}

function partOfDay(local: DateTime): PartOfDay {
  if (local.hour < 12) return 'morning';
  if (local.hour < 17) return 'afternoon';
  return 'evening';
}

/**
 * The expected wait, as a customer reads it. Inside business hours, when the answer is due
 * before the group closes, it is the target itself ("within 2 hours"); otherwise it names
 * when the answer is due on the group's clock ("on Monday morning" for a message at 23:00
 * on Friday). `language` picks the phrases (English when there are none for it).
 */
export function describeWait(
  clock: BusinessClock,
  now: Date,
  due: Date,
  targetMinutes: number,
  language: string,
): string {
  const phrases = PHRASES[language.toLowerCase().split(/[-_]/)[0] ?? ''] ?? en;
  const unpaused = due.getTime() - now.getTime() <= targetMinutes * 60_000;
  if (unpaused && clock.isOpen(now)) return phrases.within(targetMinutes);
  const localNow = DateTime.fromJSDate(now, { zone: clock.zone });
  const localDue = DateTime.fromJSDate(due, { zone: clock.zone });
  const days = Math.round(localDue.startOf('day').diff(localNow.startOf('day'), 'days').days);
  const part = partOfDay(localDue);
  if (days <= 0) return phrases.today(part);
  if (days === 1) return phrases.tomorrow(part);
  if (days < 7) return phrases.weekday(localDue.weekday, part);
  return phrases.date(localDue, part);
}
