import { type DomainError, type Failure, fail } from './result.js';
import { cleanUserText, type TextErrorKey } from './text.js';
import { MAX_DAYS_AHEAD } from './when.js';
import { DAY_MS, MINUTE_MS } from './zonedTime.js';

/**
 * Rules of a trip announcement: what a host may enter, when a trip is over, who may change it, when the town's
 * role may be pinged, and when reminders go out.
 */

export type Reach = 'town' | 'nearby' | 'region';
export const REACHES: readonly Reach[] = ['town', 'nearby', 'region'];

export const DEFAULT_DURATION_MINUTES = 90;
export const MIN_DURATION_MINUTES = 15;
export const MAX_DURATION_MINUTES = 720;
export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 500;
export const TOPIC_MAX_LENGTH = 200;
export const VENUE_MAX_LENGTH = 100;

export interface TripInput {
  readonly townId: string;
  readonly startsAt: Date;
  /** Missing → DEFAULT_DURATION_MINUTES. */
  readonly durationMinutes?: number | null;
  /** Missing → unlimited. */
  readonly capacity?: number | null;
  readonly topic?: string | null;
  readonly venue?: string | null;
  /** Missing → town. Typed as string because it comes from a member or a stored value. */
  readonly reach?: string | null;
}

export interface ValidTrip {
  readonly townId: string;
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly capacity: number | null;
  /** Cleaned (text.ts); null when empty. */
  readonly topic: string | null;
  readonly venue: string | null;
  readonly reach: Reach;
}

export type TripErrorKey =
  | 'trip.startsInPast'
  | 'trip.startsTooFar'
  | 'trip.badDuration'
  | 'trip.badCapacity'
  | 'trip.badReach'
  | TextErrorKey;

export type TripValidation = { readonly ok: true; readonly trip: ValidTrip } | Failure<TripErrorKey>;

/**
 * Checks and normalizes a new or edited trip, reporting the first problem in the order of the command's options.
 * Text errors (`text.tooLong`) carry a `field` param: "topic" or "venue". An empty topic or venue is no error:
 * it is simply absent.
 */
export function validateTripInput(input: TripInput, now: Date): TripValidation {
  if (input.startsAt.getTime() <= now.getTime()) return fail('trip.startsInPast');
  if (input.startsAt.getTime() - now.getTime() > MAX_DAYS_AHEAD * DAY_MS) {
    return fail('trip.startsTooFar', { maxDays: MAX_DAYS_AHEAD });
  }

  const durationMinutes = input.durationMinutes ?? DEFAULT_DURATION_MINUTES;
  if (!isIntegerBetween(durationMinutes, MIN_DURATION_MINUTES, MAX_DURATION_MINUTES)) {
    return fail('trip.badDuration', { min: MIN_DURATION_MINUTES, max: MAX_DURATION_MINUTES, value: durationMinutes });
  }

  const capacity = input.capacity ?? null;
  if (capacity !== null && !isIntegerBetween(capacity, MIN_CAPACITY, MAX_CAPACITY)) {
    return fail('trip.badCapacity', { min: MIN_CAPACITY, max: MAX_CAPACITY, value: capacity });
  }

  const topic = optionalText(input.topic, TOPIC_MAX_LENGTH, 'topic');
  if (topic.error) return { ok: false, error: topic.error };
  const venue = optionalText(input.venue, VENUE_MAX_LENGTH, 'venue');
  if (venue.error) return { ok: false, error: venue.error };

  const reach = input.reach ?? 'town';
  if (!isReach(reach)) return fail('trip.badReach', { value: reach, allowed: REACHES.join(', ') });

  return {
    ok: true,
    trip: {
      townId: input.townId,
      startsAt: input.startsAt,
      durationMinutes,
      capacity,
      topic: topic.value,
      venue: venue.value,
      reach,
    },
  };
}

export function isReach(value: string): value is Reach {
  return (REACHES as readonly string[]).includes(value);
}

function isIntegerBetween(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function optionalText(
  text: string | null | undefined,
  maxLength: number,
  field: 'topic' | 'venue',
): { value: string | null; error?: DomainError<TextErrorKey> } {
  if (text === null || text === undefined) return { value: null };
  const cleaned = cleanUserText(text, { maxLength });
  if (cleaned.ok) return { value: cleaned.value };
  if (cleaned.error.key === 'text.empty') return { value: null };
  return { value: null, error: { key: cleaned.error.key, params: { ...cleaned.error.params, field } } };
}

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle and permissions

export interface TripTiming {
  readonly startsAt: Date;
  readonly durationMinutes: number;
}

export function tripEndsAt(trip: TripTiming): Date {
  return new Date(trip.startsAt.getTime() + trip.durationMinutes * MINUTE_MS);
}

/** The meetup is over (its end has come). */
export function isPast(trip: TripTiming, now: Date): boolean {
  return tripEndsAt(trip).getTime() <= now.getTime();
}

/** The host may edit or cancel their trip; so may anyone with the Manage Events permission. */
export function canEdit(trip: { readonly hostId: string }, userId: string, hasManageEvents: boolean): boolean {
  return hasManageEvents || trip.hostId === userId;
}

// ---------------------------------------------------------------------------------------------------------------
// Ping budget: the trip is always posted, but the town's role is only pinged within these limits

export const DEFAULT_MAX_TRIPS_PER_DAY = 3;
export const DEFAULT_TOWN_COOLDOWN_MINUTES = 60;

export interface PingBudgetInput {
  /** Trips this host announced with a ping in the last 24 hours, not counting this one. */
  readonly hostTripsLast24h: number;
  /** When this host last pinged this trip's town, if ever. */
  readonly lastPingOfTownByHostAt: Date | null;
  readonly now: Date;
  readonly maxTripsPerDay?: number;
  readonly townCooldownMinutes?: number;
}

export type PingDecision =
  | { readonly ping: true }
  | { readonly ping: false; readonly reason: DomainError<'budget.dailyLimit' | 'budget.townCooldown'> };

export function checkPingBudget(input: PingBudgetInput): PingDecision {
  const maxTripsPerDay = input.maxTripsPerDay ?? DEFAULT_MAX_TRIPS_PER_DAY;
  const cooldownMinutes = input.townCooldownMinutes ?? DEFAULT_TOWN_COOLDOWN_MINUTES;
  if (input.hostTripsLast24h >= maxTripsPerDay) {
    return { ping: false, reason: { key: 'budget.dailyLimit', params: { max: maxTripsPerDay } } };
  }
  if (input.lastPingOfTownByHostAt) {
    const elapsedMs = input.now.getTime() - input.lastPingOfTownByHostAt.getTime();
    const remainingMs = cooldownMinutes * MINUTE_MS - elapsedMs;
    if (remainingMs > 0) {
      return {
        ping: false,
        reason: {
          key: 'budget.townCooldown',
          params: { cooldownMinutes, remainingMinutes: Math.ceil(remainingMs / MINUTE_MS) },
        },
      };
    }
  }
  return { ping: true };
}

// ---------------------------------------------------------------------------------------------------------------
// Reminders

/** Default reminders: 24 h and 1 h before. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES: readonly number[] = [1440, 60];
export const MAX_REMINDERS = 5;
/** A reminder more than a week before is not a reminder. */
export const MAX_REMINDER_OFFSET_MINUTES = 7 * 24 * 60;

/** The reminder instants still in the future, earliest first, without duplicates. */
export function reminderTimes(startsAt: Date, offsetsMinutes: readonly number[], now: Date): Date[] {
  const instants = new Set(
    offsetsMinutes
      .filter((offset) => offset > 0)
      .map((offset) => startsAt.getTime() - offset * MINUTE_MS)
      .filter((instant) => instant > now.getTime()),
  );
  return [...instants].sort((a, b) => a - b).map((instant) => new Date(instant));
}

export type ReminderErrorKey = 'setup.badReminders' | 'setup.tooManyReminders';

export type ReminderOffsetsResult = { readonly ok: true; readonly minutes: number[] } | Failure<ReminderErrorKey>;

const UNIT_MINUTES: Readonly<Record<string, number>> = {
  m: 1,
  min: 1,
  mn: 1,
  minute: 1,
  minutes: 1,
  h: 60,
  hr: 60,
  hrs: 60,
  heure: 60,
  heures: 60,
  hour: 60,
  hours: 60,
  d: 1440,
  j: 1440,
  jour: 1440,
  jours: 1440,
  day: 1440,
  days: 1440,
};

const NO_REMINDERS = new Set(['none', 'off', 'aucun', 'aucune', '0']);

/**
 * "24h, 1h, 30m" → [1440, 60, 30] (largest first, duplicates removed). Accepts French and English units
 * (m/min/minutes, h/heures/hours, d/j/jours/days), "1h30", commas, semicolons or spaces between values.
 * An empty string or "none"/"aucun" means no reminders. Each value: 1 minute to 7 days; at most 5.
 */
export function parseReminderOffsets(text: string): ReminderOffsetsResult {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || NO_REMINDERS.has(trimmed)) return { ok: true, minutes: [] };

  // With commas or semicolons, they separate the values ("1 h 30, 10 min"); without, spaces do ("24h 1h").
  const tokens = /[,;]/.test(trimmed) ? trimmed.split(/[,;]+/) : trimmed.split(/\s+(?=\d)/);
  const minutes = new Set<number>();
  for (const token of tokens) {
    const value = token.trim();
    if (value === '') continue;
    const parsed = parseDuration(value);
    if (parsed === null || parsed < 1 || parsed > MAX_REMINDER_OFFSET_MINUTES) {
      return fail('setup.badReminders', { value, maxDays: MAX_REMINDER_OFFSET_MINUTES / 1440 });
    }
    minutes.add(parsed);
  }
  if (minutes.size > MAX_REMINDERS) return fail('setup.tooManyReminders', { max: MAX_REMINDERS, count: minutes.size });
  return { ok: true, minutes: [...minutes].sort((a, b) => b - a) };
}

/**
 * "1h30", "90 min", "2 jours" → minutes; null when not a duration. A number without unit is refused: "30" could
 * be minutes or hours.
 */
function parseDuration(text: string): number | null {
  const compact = /^(\d{1,3})\s*h\s*(\d{1,2})\s*(?:m|min)?$/.exec(text);
  if (compact) return Number(compact[1]) * 60 + Number(compact[2]);
  const parts = /^(\d{1,5})\s*([a-z]+)$/.exec(text);
  const unit = parts ? UNIT_MINUTES[parts[2] ?? ''] : undefined;
  return parts && unit !== undefined ? Number(parts[1]) * unit : null;
}

/** [1440, 60, 30] → "24h, 1h, 30m"; [90] → "1h30"; [2880] → "48h". The form /setup shows and accepts back. */
export function formatReminderOffsets(minutes: readonly number[]): string {
  return minutes
    .map((value) => {
      const hours = Math.floor(value / 60);
      const rest = value % 60;
      if (hours === 0) return `${rest}m`;
      return rest === 0 ? `${hours}h` : `${hours}h${String(rest).padStart(2, '0')}`;
    })
    .join(', ');
}
