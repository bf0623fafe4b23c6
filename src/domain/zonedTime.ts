import { createRequire } from 'node:module';

type DateFnsTz = typeof import('date-fns-tz');
let dateFnsTz: DateFnsTz | undefined;
/**
 * date-fns-tz, loaded at the first zone computation rather than at import: loading it builds an Intl.DateTimeFormat
 * with a time zone, which pulls ~6 MiB of ICU's zone data into a bot that has not computed a time yet (issue 15).
 */
function tz(): DateFnsTz {
  dateFnsTz ??= createRequire(import.meta.url)('date-fns-tz') as DateFnsTz;
  return dateFnsTz;
}

/**
 * Wall-clock time in an IANA time zone, independent of the host's zone.
 *
 * A "wall-clock millisecond" value is what a clock on the wall of that zone reads, encoded as if it were UTC
 * (`Date.UTC(year, month - 1, day, hour, minute)`). Calendar math (next day, next week) is done on it, then it
 * is resolved back to a real instant, which can fail twice a year: at spring-forward some wall times never
 * happen, at fall-back some happen twice. Offsets and the first guess come from date-fns-tz (Intl underneath). Its
 * `fromZonedTime` answers a repeated wall time differently depending on the host's zone (DESIGN.md), so its answer
 * is only a starting point: every candidate is checked by a round trip, which is what finds both instants of a
 * repeated time and none of a skipped one, whatever the host.
 */

export interface WallTime {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
  /** 0–23 */
  readonly hour: number;
  readonly minute: number;
}

export type WallTimeResolution =
  | { readonly kind: 'exact'; readonly instant: Date }
  /** Skipped by a clock change (spring forward), e.g. 2026-03-08 02:30 in America/Toronto. */
  | { readonly kind: 'nonexistent' }
  /** Happens twice (fall back), e.g. 2026-11-01 01:30 in America/Toronto. */
  | { readonly kind: 'ambiguous'; readonly earlier: Date; readonly later: Date };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** UTC offset of the zone at that instant, in minutes (Toronto in winter: -300). */
export function offsetMinutesAt(timeZone: string, instant: Date | number): number {
  // date-fns-tz's getTimezoneOffset reads a Date's fields in the host's zone; the formatted offset ("-05:00") is the
  // instant's own, whatever the host.
  let written: string;
  try {
    written = tz().formatInTimeZone(new Date(instant), timeZone, 'xxx');
  } catch {
    throw new RangeError(`Unknown time zone: ${timeZone}`);
  }
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(written);
  if (!match) throw new RangeError(`Unknown time zone: ${timeZone}`);
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

export function wallClockMsOf(instant: Date | number, timeZone: string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return ms + offsetMinutesAt(timeZone, ms) * MINUTE_MS;
}

export function wallTimeFromWallClockMs(wallClockMs: number): WallTime {
  const date = new Date(wallClockMs);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
  };
}

/** Fields of a wall time, or null when they do not form a real calendar date and time (31 February, 25:00). */
export function wallClockMsFromWallTime(wall: WallTime): number | null {
  const ms = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const back = wallTimeFromWallClockMs(ms);
  return sameWallTime(back, wall) ? ms : null;
}

export function wallTimeOf(instant: Date, timeZone: string): WallTime {
  return wallTimeFromWallClockMs(wallClockMsOf(instant, timeZone));
}

export function sameWallTime(a: WallTime, b: WallTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/**
 * Every instant whose wall-clock reading in the zone is exactly `wallClockMs`: zero (skipped), one, or two
 * (repeated). Candidates are built from date-fns-tz's answer and from the offsets one hour and one day around it,
 * then kept only if they round-trip to the same wall clock.
 */
export function resolveWallClockMs(wallClockMs: number, timeZone: string): WallTimeResolution {
  // The wall clock written without an offset ("2026-03-08T02:30:00.000"): date-fns-tz reads its fields as they are,
  // not through the host's zone.
  const guess = tz().fromZonedTime(new Date(wallClockMs).toISOString().slice(0, -1), timeZone).getTime();
  const probes = [guess, guess - HOUR_MS, guess + HOUR_MS, wallClockMs - DAY_MS, wallClockMs + DAY_MS];
  const offsets = new Set(probes.filter(Number.isFinite).map((probe) => offsetMinutesAt(timeZone, probe)));
  const instants = [...new Set([...offsets].map((offset) => wallClockMs - offset * MINUTE_MS))]
    .filter((candidate) => wallClockMsOf(candidate, timeZone) === wallClockMs)
    .sort((a, b) => a - b);

  const [earlier, later] = instants;
  if (earlier === undefined) return { kind: 'nonexistent' };
  if (later === undefined) return { kind: 'exact', instant: new Date(earlier) };
  return { kind: 'ambiguous', earlier: new Date(earlier), later: new Date(later) };
}

export function resolveWallTime(wall: WallTime, timeZone: string): WallTimeResolution {
  const wallClockMs = wallClockMsFromWallTime(wall);
  if (wallClockMs === null) return { kind: 'nonexistent' };
  return resolveWallClockMs(wallClockMs, timeZone);
}

/**
 * Moves an instant by whole calendar days keeping its wall-clock time: a 12:00 meetup is still at 12:00 a week
 * later even if the clocks changed in between. If the target wall time falls in a spring-forward gap it moves
 * forward by the gap (02:30 → 03:30), as a clock would; if it is repeated, the first occurrence is used.
 */
export function addWallDays(instant: Date, days: number, timeZone: string): Date {
  const target = wallClockMsOf(instant, timeZone) + days * DAY_MS;
  const resolution = resolveWallClockMs(target, timeZone);
  switch (resolution.kind) {
    case 'exact':
      return resolution.instant;
    case 'ambiguous':
      return resolution.earlier;
    case 'nonexistent':
      return new Date(target - offsetMinutesAt(timeZone, target - DAY_MS) * MINUTE_MS);
  }
}
