import { type Failure, fail } from './result.js';
import { MINUTE_MS } from './zonedTime.js';

/**
 * Rules of an itinerary: a trip of 1 to 5 stops ordered by time. Which stops may be added (no sixth, none overlapping
 * another), and the road between consecutive stops (a warning, never a refusal: the host knows their road).
 */

export const MAX_STOPS = 5;

export interface StopTiming {
  readonly id: number;
  readonly townId: number | null;
  readonly townName: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
}

export type StopErrorKey = 'stop.tooMany' | 'stop.sameTownSameTime' | 'stop.overlap';

const endOf = (stop: Pick<StopTiming, 'startsAt' | 'durationMinutes'>) =>
  stop.startsAt.getTime() + stop.durationMinutes * MINUTE_MS;

/**
 * Whether `candidate` fits among the trip's other (scheduled) stops: at most MAX_STOPS in all, and no two stops at
 * once (the same town at the same time is named as such: it is usually a stop added twice).
 */
export function checkStopFits(
  others: readonly StopTiming[],
  candidate: Omit<StopTiming, 'id'>,
  options: { adding: boolean },
): { ok: true } | Failure<StopErrorKey> {
  if (options.adding && others.length >= MAX_STOPS) return fail('stop.tooMany', { max: MAX_STOPS });
  for (const other of others) {
    const overlaps = candidate.startsAt.getTime() < endOf(other) && other.startsAt.getTime() < endOf(candidate);
    if (!overlaps) continue;
    if (other.townId !== null && other.townId === candidate.townId) {
      return fail('stop.sameTownSameTime', { town: other.townName });
    }
    return fail('stop.overlap', { town: other.townName });
  }
  return { ok: true };
}

/** A leg where the next stop starts before one could drive there from the previous one. */
export interface RoadWarning {
  readonly from: StopTiming;
  readonly to: StopTiming;
  readonly driveMinutes: number;
  /** When the previous stop ends. */
  readonly leavesAt: Date;
  /** leavesAt + the drive. */
  readonly arrivesAt: Date;
}

export interface Leg {
  readonly from: StopTiming;
  readonly to: StopTiming;
  /** null when neither an override nor both towns' coordinates are known. */
  readonly driveMinutes: number | null;
}

/** The legs between consecutive stops (sorted by time), with their drive times. */
export function legsOf(
  stops: readonly StopTiming[],
  driveMinutes: (from: StopTiming, to: StopTiming) => number | null,
): Leg[] {
  const sorted = [...stops].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id);
  const legs: Leg[] = [];
  for (let index = 1; index < sorted.length; index += 1) {
    const from = sorted[index - 1]!;
    const to = sorted[index]!;
    legs.push({ from, to, driveMinutes: from.townId === to.townId ? 0 : driveMinutes(from, to) });
  }
  return legs;
}

/** The legs touching `stopId` (to it and from it) that cannot be driven in time. */
export function roadWarnings(legs: readonly Leg[], stopId: number): RoadWarning[] {
  const warnings: RoadWarning[] = [];
  for (const leg of legs) {
    if (leg.from.id !== stopId && leg.to.id !== stopId) continue;
    if (leg.driveMinutes === null) continue;
    const leavesAt = endOf(leg.from);
    const arrivesAt = leavesAt + leg.driveMinutes * MINUTE_MS;
    if (arrivesAt > leg.to.startsAt.getTime()) {
      warnings.push({
        from: leg.from,
        to: leg.to,
        driveMinutes: leg.driveMinutes,
        leavesAt: new Date(leavesAt),
        arrivesAt: new Date(arrivesAt),
      });
    }
  }
  return warnings;
}
