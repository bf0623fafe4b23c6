import { DAY_MS, MINUTE_MS, offsetMinutesAt, resolveWallClockMs, wallClockMsOf } from './zonedTime.js';

/**
 * Quiet hours: a daily window, in the server's time zone, when nobody should get a direct message ("22:00-07:00").
 * A window may wrap past midnight; it never has zero length. `null` means none.
 */
export interface QuietHours {
  /** Minutes after midnight, 0–1439. */
  readonly startMinute: number;
  readonly endMinute: number;
}

export type QuietHoursParse =
  | { readonly ok: true; readonly quietHours: QuietHours | null }
  | { readonly ok: false; readonly reason: 'unparseable' | 'zeroLength' };

const NONE = new Set(['none', 'no', 'off', 'aucune', 'aucun', 'non', 'jamais', 'never']);
const TIME = String.raw`(\d{1,2})(?:\s*(?::|h)\s*(\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.)?`;
const RANGE = new RegExp(String.raw`^${TIME}\s*(?:-|–|—|à|a|to|until|jusqu’à|jusqu'à)\s*${TIME}$`, 'i');

/** "22:00-07:00", "22h à 7h", "10pm to 7am", "none"/"aucune". */
export function parseQuietHours(text: string): QuietHoursParse {
  const cleaned = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NONE.has(cleaned)) return { ok: true, quietHours: null };
  const match = RANGE.exec(cleaned);
  if (!match) return { ok: false, reason: 'unparseable' };
  const start = minuteOf(match[1], match[2], match[3]);
  const end = minuteOf(match[4], match[5], match[6]);
  if (start === null || end === null) return { ok: false, reason: 'unparseable' };
  if (start === end) return { ok: false, reason: 'zeroLength' };
  return { ok: true, quietHours: { startMinute: start, endMinute: end } };
}

function minuteOf(hourText?: string, minuteText?: string, meridiem?: string): number | null {
  let hour = Number(hourText);
  const minute = minuteText ? Number(minuteText) : 0;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.startsWith('p') ? 12 : 0);
  }
  if (hour === 24 && minute === 0) hour = 0;
  if (!Number.isInteger(hour) || hour > 23 || minute > 59) return null;
  return hour * 60 + minute;
}

/** "22:00-07:00": how quiet hours are written back (and stored). */
export function formatQuietHours(quietHours: QuietHours): string {
  const clock = (minutes: number) =>
    `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${clock(quietHours.startMinute)}-${clock(quietHours.endMinute)}`;
}

export type DmTiming =
  /** Not in quiet hours (or none): send when due. */
  | { readonly kind: 'due'; readonly sendAt: Date }
  /** Due in quiet hours: wait for their end. */
  | { readonly kind: 'afterQuietHours'; readonly sendAt: Date }
  /** Due in quiet hours, but the stop starts before they end: the last moment before they began (or now). */
  | { readonly kind: 'beforeQuietHours'; readonly sendAt: Date };

/**
 * The pure rule "when may this DM go": a DM due in the member's quiet hours (reminder, promotion, ride proposal,
 * digest) waits for their end, unless the stop it is about starts before then; it then goes at the last minute before
 * quiet hours began, or now if that moment has passed.
 */
export function whenMayDmGo(input: {
  dueAt: Date;
  now: Date;
  quietHours: QuietHours | null;
  timeZone: string;
  /** The stop the DM is about, if any. */
  stopStartsAt?: Date | null;
}): DmTiming {
  const { dueAt, now, quietHours, timeZone } = input;
  if (!quietHours) return { kind: 'due', sendAt: dueAt };
  const window = quietWindowAround(dueAt, quietHours, timeZone);
  if (!window) return { kind: 'due', sendAt: dueAt };
  if (input.stopStartsAt && input.stopStartsAt.getTime() <= window.end.getTime()) {
    const lastMoment = window.start.getTime() - MINUTE_MS;
    return { kind: 'beforeQuietHours', sendAt: new Date(Math.max(lastMoment, now.getTime())) };
  }
  return { kind: 'afterQuietHours', sendAt: window.end };
}

/** The quiet period that contains `instant`, as instants, or null when `instant` is outside quiet hours. */
export function quietWindowAround(
  instant: Date,
  quietHours: QuietHours,
  timeZone: string,
): { start: Date; end: Date } | null {
  const wall = wallClockMsOf(instant, timeZone);
  const dayStart = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  const minute = Math.floor((wall - dayStart) / MINUTE_MS);
  const { startMinute: start, endMinute: end } = quietHours;
  let startWall: number;
  let endWall: number;
  if (start < end) {
    if (minute < start || minute >= end) return null;
    startWall = dayStart + start * MINUTE_MS;
    endWall = dayStart + end * MINUTE_MS;
  } else if (minute >= start) {
    startWall = dayStart + start * MINUTE_MS;
    endWall = dayStart + DAY_MS + end * MINUTE_MS;
  } else if (minute < end) {
    startWall = dayStart - DAY_MS + start * MINUTE_MS;
    endWall = dayStart + end * MINUTE_MS;
  } else {
    return null;
  }
  return { start: instantOfWall(startWall, timeZone), end: instantOfWall(endWall, timeZone) };
}

/** A wall clock in the zone as an instant: the first of a repeated hour; a skipped one moves forward by the gap. */
function instantOfWall(wallClockMs: number, timeZone: string): Date {
  const resolution = resolveWallClockMs(wallClockMs, timeZone);
  if (resolution.kind === 'exact') return resolution.instant;
  if (resolution.kind === 'ambiguous') return resolution.earlier;
  return new Date(wallClockMs - offsetMinutesAt(timeZone, wallClockMs - DAY_MS) * MINUTE_MS);
}
