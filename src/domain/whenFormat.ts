import { INTL_LOCALE, type Locale } from './locale.js';
import { type WallTime, wallClockMsFromWallTime } from './zonedTime.js';

/**
 * How meetup times are shown back to members. Intl.DateTimeFormat with an explicit `timeZone` is
 * host-independent. French follows Quebec usage (fr-CA: "12 h 00"), English the US one ("12:00 PM").
 * Non-breaking and narrow no-break spaces are turned into plain spaces so the text is the same whatever ICU
 * version formats it.
 */

const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' };
const SHORT_DATE: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
const TIME: Intl.DateTimeFormatOptions = { hour: 'numeric', minute: '2-digit' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function format(instant: Date | number, timeZone: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const cacheKey = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(INTL_LOCALE[locale], { ...options, timeZone });
    formatters.set(cacheKey, formatter);
  }
  return formatter.format(instant).replace(/[\u00A0\u202F]/g, ' ');
}

/** Quebec and French usage write the first day of a month "1er" ("1er décembre"), which Intl does not. */
function formatDate(instant: Date | number, timeZone: string, locale: Locale, options: Intl.DateTimeFormatOptions) {
  const text = format(instant, timeZone, locale, options);
  return locale === 'fr' ? text.replace(/(^|\s)1 (?=\p{L})/u, '$11er ') : text;
}

/** "vendredi 4 décembre 2026, 12 h 00" / "Friday, December 4, 2026, 12:00 PM" */
export function describeWhen(startsAt: Date, timeZone: string, locale: Locale): string {
  return `${longDate(startsAt, timeZone, locale)}, ${format(startsAt, timeZone, locale, TIME)}`;
}

/** "12 h 00" / "12:00 PM": the time of day in the zone. */
export function timeOfDay(instant: Date, timeZone: string, locale: Locale): string {
  return format(instant, timeZone, locale, TIME);
}

/** "4 déc. 12 h 00" / "Dec 4, 12:00 PM" — for autocomplete labels and other tight places. */
export function shortWhen(startsAt: Date, timeZone: string, locale: Locale): string {
  const separator = locale === 'fr' ? ' ' : ', ';
  return `${shortDate(startsAt, timeZone, locale)}${separator}${format(startsAt, timeZone, locale, TIME)}`;
}

/** "vendredi 4 décembre 2026" / "Friday, December 4, 2026" */
export function longDate(instant: Date, timeZone: string, locale: Locale): string {
  return formatDate(instant, timeZone, locale, LONG_DATE);
}

/** "4 déc." / "Dec 4" */
export function shortDate(instant: Date, timeZone: string, locale: Locale): string {
  return formatDate(instant, timeZone, locale, SHORT_DATE);
}

/**
 * A wall time described without resolving it to an instant, so that times that do not exist (spring-forward
 * gap) can still be echoed back to the member. The fields are formatted as a UTC instant on purpose.
 */
export function describeWallTime(wall: WallTime, locale: Locale): string {
  const wallClockMs = wallClockMsFromWallTime(wall) ?? Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour);
  return describeWhen(new Date(wallClockMs), 'UTC', locale);
}

/** Wall date as "2026-12-04", for messages and logs. */
export function isoDate(wall: WallTime): string {
  return `${wall.year}-${pad2(wall.month)}-${pad2(wall.day)}`;
}

/** Wall time as "02:30" (24-hour). */
export function isoTime(wall: WallTime): string {
  return `${pad2(wall.hour)}:${pad2(wall.minute)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** 90 → "1 h 30" (fr) / "1 h 30 min" (en); 45 → "45 min"; 120 → "2 h". */
export function formatDuration(minutes: number, locale: Locale): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (rest === 0) return `${hours} h`;
  const padded = pad2(rest);
  return locale === 'fr' ? `${hours} h ${padded}` : `${hours} h ${padded} min`;
}

/** An hour that could be morning or evening ("at 7"), both ways: "7 h 00" / "19 h 00", "7:00 am" / "7:00 pm". */
export function morningAndEvening(hour: number, minute: number, locale: Locale): { morning: string; evening: string } {
  const minutes = pad2(minute);
  return locale === 'fr'
    ? { morning: `${hour} h ${minutes}`, evening: `${hour + 12} h ${minutes}` }
    : { morning: `${hour}:${minutes} am`, evening: `${hour}:${minutes} pm` };
}
