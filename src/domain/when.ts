import { createRequire } from 'node:module';
import type * as chrono from 'chrono-node';
import type { Locale } from './locale.js';
import { type Failure, fail } from './result.js';
import { stripInvisibleCharacters } from './text.js';
import { describeWallTime, describeWhen, isoDate, isoTime, longDate } from './whenFormat.js';
import {
  DAY_MS,
  MINUTE_MS,
  resolveWallTime,
  type WallTime,
  wallClockMsFromWallTime,
  wallClockMsOf,
  wallTimeFromWallClockMs,
  wallTimeOf,
} from './zonedTime.js';

export {
  describeWhen,
  longDate,
  shortDate,
  shortWhen,
} from './whenFormat.js';
export { addWallDays, isValidTimeZone, type WallTime } from './zonedTime.js';

/**
 * Free-text meeting times ("4 décembre midi", "demain 12h30", "tomorrow at noon", "2026-12-04 12:00") read in
 * the guild's time zone.
 *
 * How: the text is lightly rewritten where chrono-node is weak (midi/minuit, "12 h 30", "le 4"), then parsed by
 * chrono's French and English parsers against a reference that is *the guild's wall-clock time*, encoded as UTC
 * with a zero offset (chrono's `timezone` option ignores IANA names and it computes in host-local fields). The
 * wall-clock fields chrono returns are then resolved to a real instant in the guild's zone by zonedTime.ts,
 * which is where skipped and repeated times (DST) are detected. Relative durations ("dans 2 heures") are the
 * exception: they are added to `now` as real elapsed time.
 */

export type WhenErrorKey =
  | 'when.empty'
  | 'when.unparseable'
  | 'when.noHour'
  | 'when.inPast'
  | 'when.tooFar'
  | 'when.nonexistent'
  | 'when.ambiguous';

export interface WhenOptions {
  readonly now: Date;
  /** IANA zone of the guild, e.g. "America/Toronto". An unknown zone is a programming error (RangeError). */
  readonly timeZone: string;
  /** The member's language: its parser is tried first, the other one too. */
  readonly locale: Locale;
}

export interface WhenSuccess {
  readonly ok: true;
  /** The UTC instant of the meetup, to the minute. */
  readonly startsAt: Date;
  /**
   * The hour was given without am/pm or a 24-hour form ("tomorrow at 7"): the meetup may be 12 hours off, so
   * the member should be asked to confirm.
   */
  readonly hourGuessed: boolean;
  /** The meetup time as read on a clock in the guild's zone. */
  readonly wall: WallTime;
}

export type WhenResult = WhenSuccess | Failure<WhenErrorKey>;

/** How far ahead a meetup can be announced. */
export const MAX_DAYS_AHEAD = 365;

/**
 * A day and month typed without a year that already passed this year by less than this is a mistake (or a
 * meetup that already happened), not a meetup next year: "4 décembre" typed on December 10 is refused as past.
 */
export const RECENT_PAST_DAYS = 30;

/** Longer text is not a time, and bounds the parser's work. */
const MAX_TEXT_LENGTH = 200;

/**
 * The French and English parsers, loaded on the first time read (synchronously, by `require`): chrono-node with its
 * locales weighs 10–17 MiB in memory, which a bot that nobody asks a time of yet has no use for. Only these two locales
 * are loaded, not chrono's dozen.
 */
let parsers: Record<Locale, chrono.Chrono> | undefined;

function parserFor(locale: Locale): chrono.Chrono {
  if (!parsers) {
    const load = createRequire(import.meta.url);
    const fr = load('chrono-node/fr') as typeof chrono.fr;
    const en = load('chrono-node/en') as typeof chrono.en;
    parsers = { fr: fr.casual, en: en.casual };
  }
  return parsers[locale];
}

export function parseWhen(text: string, options: WhenOptions): WhenResult {
  const { now, timeZone, locale } = options;
  // Zero-width and bidi characters (pasted text) would make "demain 12h" unreadable and be echoed back invisibly.
  const trimmed = stripInvisibleCharacters(text.normalize('NFC')).trim();
  if (trimmed === '') return fail('when.empty');
  if (trimmed.length > MAX_TEXT_LENGTH) return fail('when.unparseable', { text: trimmed.slice(0, 100) + '…' });

  const referenceWallMs = wallClockMsOf(now, timeZone);
  const prepared = rewriteForChrono(trimmed, wallTimeFromWallClockMs(referenceWallMs));
  if (prepared === null) return fail('when.unparseable', { text: trimmed });
  const reading = bestReading(prepared, referenceWallMs, locale);
  if (!reading) return fail('when.unparseable', { text: trimmed });

  const resolved = resolveReading(reading, { now, timeZone, locale, referenceWallMs });
  if (!resolved.ok) return resolved;
  const { startsAt } = resolved;

  if (startsAt.getTime() <= now.getTime()) return fail('when.inPast', instantParams(startsAt, timeZone, locale));
  if (startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * DAY_MS) {
    return fail('when.tooFar', { ...instantParams(startsAt, timeZone, locale), maxDays: MAX_DAYS_AHEAD });
  }
  return { ok: true, startsAt, hourGuessed: resolved.hourGuessed, wall: wallTimeOf(startsAt, timeZone) };
}

// ---------------------------------------------------------------------------------------------------------------
// Rewriting: what chrono-node misses (see DESIGN.md, "Facts found while prototyping")

/** A token must not be glued to letters or digits (so "après-midi" and "2026" are left alone). */
const START = String.raw`(?<![\p{L}\p{N}\-:/.])`;
const END = String.raw`(?![\p{L}\p{N}])`;
const FRACTION = String.raw`(?:\s+et\s+(quart|demie?))?`;
const MONTH_WORD = '(?:janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]|sept?|oct|nov|d[ée]c|jan|feb|mar|apr|may|jun|jul|aug)';

function fractionMinutes(fraction: string | undefined): string {
  if (!fraction) return '00';
  return fraction.toLowerCase() === 'quart' ? '15' : '30';
}

/** The text chrono should read, or null when it holds an impossible clock time ("25h", "12h75"). */
function rewriteForChrono(text: string, reference: WallTime): string | null {
  let impossibleClock = false;
  const clockText = (hour: string, minute: string): string => {
    if (Number(hour) > 23 || Number(minute) > 59) impossibleClock = true;
    return `${hour}:${minute}`;
  };
  const rewritten = text
    .replace(/[’‘`´]/g, "'")
    // "midi", "midi et demie" → 12:00, 12:30 (chrono reads "demain midi" as 10:00). Not "après-midi".
    .replace(new RegExp(`${START}midi${FRACTION}${END}`, 'giu'), (_, fraction) => `12:${fractionMinutes(fraction)}`)
    .replace(new RegExp(`${START}minuit${FRACTION}${END}`, 'giu'), (_, fraction) => `00:${fractionMinutes(fraction)}`)
    .replace(new RegExp(`${START}noon${END}`, 'giu'), '12:00')
    .replace(new RegExp(`${START}midnight${END}`, 'giu'), '00:00')
    // "12h et quart" → 12:15
    .replace(
      new RegExp(`${START}(\\d{1,2})\\s*(?:h|heures?)\\s+et\\s+(quart|demie?)${END}`, 'giu'),
      (_, hour, fraction) => clockText(hour, fractionMinutes(fraction)),
    )
    // "12h30", "12 h 30", "12h", "18 heures" → 12:30, 12:00, 18:00; but "dans 2 h" / "in 2h" stay durations.
    // The English parser reads "12h" as "in 12 hours", and the French one drops the minutes of "12 h 30".
    .replace(
      new RegExp(`(?<!(?<![\\p{L}])(?:dans|in)\\s+)${START}(\\d{1,2})\\s*(?:h|heures?)(?:\\s*(\\d{2}))?${END}`, 'giu'),
      (_, hour, minute) => clockText(hour, minute ?? '00'),
    )
    // "4/12 à 12:00": chrono's French range rule would read "12 à 12:00" as a range from 12:00 to 12:00.
    .replace(/(\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?)\s+à\s+(?=\d{1,2}:\d{2})/giu, '$1 ')
    // "le 4", "the 4th": day of this month, or of next month if it already passed.
    .replace(
      new RegExp(`${START}le\\s+(\\d{1,2})(?:er)?${END}(?!\\s*(?:[/:.\\-hH]|${MONTH_WORD}))`, 'giu'),
      (match, day) => dayOfMonthText(match, Number(day), reference),
    )
    .replace(
      new RegExp(`${START}(?:on\\s+)?the\\s+(\\d{1,2})(?:st|nd|rd|th)${END}(?!\\s+of\\b)(?!\\s*${MONTH_WORD})`, 'giu'),
      (match, day) => dayOfMonthText(match, Number(day), reference),
    );
  return impossibleClock ? null : rewritten;
}

/** "le 4" typed on November 25 means December 4; typed on November 2, November 4. */
function dayOfMonthText(original: string, day: number, reference: WallTime): string {
  const monthsAhead = day >= reference.day ? 0 : 1;
  const first = new Date(Date.UTC(reference.year, reference.month - 1 + monthsAhead, 1));
  const wall = { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day, hour: 0, minute: 0 };
  return wallClockMsFromWallTime(wall) === null ? original : isoDate(wall);
}

// ---------------------------------------------------------------------------------------------------------------
// Reading: the best interpretation among the French and English parsers

interface Reading {
  /** The result that carries the date (or the only result). */
  readonly date: chrono.ParsedResult;
  /** The result that carries the hour, when one was typed. */
  readonly time: chrono.ParsedResult | null;
  /** Characters of the text the parser understood: the longer, the better. */
  readonly covered: number;
}

const DATE_COMPONENTS = ['year', 'month', 'day', 'weekday'] as const;

function isTimeOnly(result: chrono.ParsedResult): boolean {
  return result.start.isCertain('hour') && !DATE_COMPONENTS.some((component) => result.start.isCertain(component));
}

function hasDateOnly(result: chrono.ParsedResult): boolean {
  return !result.start.isCertain('hour') && DATE_COMPONENTS.some((component) => result.start.isCertain(component));
}

function bestReading(text: string, referenceWallMs: number, locale: Locale): Reading | null {
  const order: Locale[] = locale === 'fr' ? ['fr', 'en'] : ['en', 'fr'];
  let best: Reading | null = null;
  for (const parserLocale of order) {
    const reading = readWith(parserFor(parserLocale), text, referenceWallMs);
    if (reading && (!best || reading.covered > best.covered)) best = reading;
  }
  return best;
}

/**
 * One parser's reading. chrono can split "à 12:00 le 4 décembre" into a time and a date: they are combined.
 * A reading that leaves digits unexplained ("31/02 12:00" → only "12:00") is rejected rather than half-used.
 */
function readWith(parser: chrono.Chrono, text: string, referenceWallMs: number): Reading | null {
  const results = parser.parse(text, { instant: new Date(referenceWallMs), timezone: 0 }, { forwardDate: true });
  const longestFirst = [...results].sort((a, b) => b.text.length - a.text.length);
  const main = longestFirst[0];
  if (!main) return null;

  let date = main;
  let time: chrono.ParsedResult | null = main.start.isCertain('hour') ? main : null;
  if (!time) {
    time = results.find((result) => result !== main && isTimeOnly(result)) ?? null;
  } else if (isTimeOnly(main)) {
    date = longestFirst.find((result) => result !== main && hasDateOnly(result)) ?? main;
  }

  const used = [...new Set([date, time ?? date])];
  let leftover = text;
  for (const result of used) {
    leftover =
      leftover.slice(0, result.index) +
      ' '.repeat(result.text.length) +
      leftover.slice(result.index + result.text.length);
  }
  if (/\d/.test(leftover)) return null;

  return { date, time, covered: used.reduce((sum, result) => sum + result.text.length, 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving: from chrono's fields to an instant in the guild's zone

interface ResolveContext {
  readonly now: Date;
  readonly timeZone: string;
  readonly locale: Locale;
  readonly referenceWallMs: number;
}

type Resolved = { readonly ok: true; readonly startsAt: Date; readonly hourGuessed: boolean } | Failure<WhenErrorKey>;

function resolveReading(reading: Reading, context: ResolveContext): Resolved {
  const { date, time } = reading;
  const { now, timeZone, locale, referenceWallMs } = context;

  // "dans 2 heures", "in 90 minutes": elapsed time from now, whatever the clocks do meanwhile.
  if (time === date && date.tags().has('result/relativeDateAndTime')) {
    const elapsedMs = date.start.date().getTime() - referenceWallMs;
    return { ok: true, startsAt: floorToMinute(now.getTime() + elapsedMs), hourGuessed: false };
  }
  // "2026-12-04T17:00:00Z": an explicit offset in ISO form is honoured. Zone words are not ("12h et quart"
  // would otherwise be read as 12:00 Eastern Time, "ET").
  if (time === date && date.tags().has('parser/ISOFormatParser') && date.start.isCertain('timezoneOffset')) {
    return { ok: true, startsAt: floorToMinute(date.start.date().getTime()), hourGuessed: false };
  }

  const day = fieldsOf(date.start);
  if (!time) {
    const dayMs = Date.UTC(day.year, day.month - 1, day.day);
    return fail('when.noHour', {
      date: longDate(new Date(dayMs), 'UTC', locale),
      isoDate: isoDate({ ...day, hour: 0, minute: 0 }),
    });
  }

  const typed: WallTime = { ...day, hour: time.start.get('hour') ?? 0, minute: time.start.get('minute') ?? 0 };
  const wall = undoYearRollover(typed, date.start, referenceWallMs);
  if ('recentPast' in wall) return fail('when.inPast', wallParams(wall.recentPast, timeZone, locale));

  const resolution = resolveWallTime(wall, timeZone);
  if (resolution.kind === 'nonexistent') return fail('when.nonexistent', wallParams(wall, timeZone, locale));
  if (resolution.kind === 'ambiguous') return fail('when.ambiguous', wallParams(wall, timeZone, locale));
  return { ok: true, startsAt: resolution.instant, hourGuessed: isHourGuessed(time) };
}

function fieldsOf(components: chrono.ParsedComponents): Pick<WallTime, 'year' | 'month' | 'day'> {
  return { year: components.get('year') ?? 0, month: components.get('month') ?? 0, day: components.get('day') ?? 0 };
}

/**
 * chrono's `forwardDate` moves a day and month typed without a year to their next occurrence as soon as they
 * passed. Two corrections, looking at the occurrence one year earlier: if it is still ahead (the date was read
 * apart from an hour typed for later today), it is the one meant; if it passed less than RECENT_PAST_DAYS ago,
 * it is a mistake or a meetup that already happened, not a meetup in a year.
 */
function undoYearRollover(
  wall: WallTime,
  components: chrono.ParsedComponents,
  referenceWallMs: number,
): WallTime | { readonly recentPast: WallTime } {
  const typedDayAndMonth = components.isCertain('day') && components.isCertain('month');
  if (!typedDayAndMonth || components.isCertain('year')) return wall;

  const yearBefore = { ...wall, year: wall.year - 1 };
  const yearBeforeMs = wallClockMsFromWallTime(yearBefore);
  if (yearBeforeMs === null) return wall; // 29 February
  if (yearBeforeMs > referenceWallMs) return yearBefore;
  if (referenceWallMs - yearBeforeMs < RECENT_PAST_DAYS * DAY_MS) return { recentPast: yearBefore };
  return wall;
}

/** "at 7" could be 7:00 or 19:00; "7 pm", "7h", "07:00", "19:00" and "12:00" could not. */
function isHourGuessed(time: chrono.ParsedResult): boolean {
  const hour = time.start.get('hour') ?? 0;
  return !time.start.isCertain('meridiem') && hour >= 1 && hour <= 11 && !/\d:\d{2}/.test(time.text);
}

function floorToMinute(ms: number): Date {
  return new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS);
}

function wallParams(wall: WallTime, timeZone: string, locale: Locale) {
  return { when: describeWallTime(wall, locale), date: isoDate(wall), time: isoTime(wall), timeZone };
}

function instantParams(startsAt: Date, timeZone: string, locale: Locale) {
  const wall = wallTimeOf(startsAt, timeZone);
  return { when: describeWhen(startsAt, timeZone, locale), date: isoDate(wall), time: isoTime(wall), timeZone };
}
