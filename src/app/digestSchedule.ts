import { DAY_MS, HOUR_MS, resolveWallClockMs, wallClockMsOf } from '../domain/zonedTime.js';

/** The weekly digest goes each Monday at 08:00 on the guild's wall clock, whatever the clocks did that weekend. */
export const DIGEST_HOUR = 8;
const MONDAY = 1;

/**
 * The first Monday 08:00 in `timeZone` strictly after `after`. Computed on the wall clock, then turned into an
 * instant, so a change of clocks on the Sunday before still gives 08:00 local (13:00 UTC in Toronto's winter, 12:00
 * in its summer). A zone whose 08:00 were skipped would get the instant the clock jumps to.
 */
export function nextDigestAt(after: Date, timeZone: string): Date {
  const wall = wallClockMsOf(after, timeZone);
  const dayStart = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  const weekday = new Date(dayStart).getUTCDay();
  for (let days = (MONDAY - weekday + 7) % 7; days <= 14; days += 7) {
    const target = dayStart + days * DAY_MS + DIGEST_HOUR * HOUR_MS;
    const instant = instantOf(target, timeZone);
    if (instant.getTime() > after.getTime()) return instant;
  }
  throw new Error('no Monday within two weeks');
}

function instantOf(wallClockMs: number, timeZone: string): Date {
  const resolution = resolveWallClockMs(wallClockMs, timeZone);
  if (resolution.kind === 'exact') return resolution.instant;
  if (resolution.kind === 'ambiguous') return resolution.earlier;
  // Skipped: the first wall minute that exists after it.
  for (let step = 1; step <= 180; step += 1) {
    const later = resolveWallClockMs(wallClockMs + step * 60_000, timeZone);
    if (later.kind === 'exact') return later.instant;
    if (later.kind === 'ambiguous') return later.earlier;
  }
  throw new Error(`no instant near ${new Date(wallClockMs).toISOString()} in ${timeZone}`);
}
