import { listMembersByStatus } from '../../db/repositories/rsvps.js';
import { TRIP_STATUS, type TripRow } from '../../db/repositories/trips.js';
import { canEdit, isPast } from '../../domain/trip.js';
import { parseWhen } from '../../domain/when.js';
import { morningAndEvening } from '../../domain/whenFormat.js';
import type { Language, MessageKey } from '../../i18n/index.js';
import { UserFacingError } from '../errors.js';
import type { Markup } from '../ports.js';
import { parseTripId } from '../tripQueries.js';

/** What /trip new, edit and cancel share: reading `when`, the domain's verdicts, who may change a trip. */

export interface TripActor {
  guildId: string;
  userId: string;
  /** The member has Manage Events: they may edit or cancel anyone's trip. */
  canManageEvents: boolean;
  language: Language;
}

/** Words that clear an optional text (venue, topic) in /trip edit. */
export const CLEAR = new Set(['-', '—', 'none', 'aucun', 'aucune']);

/**
 * `when` read in the guild's zone; an hour that could be morning or evening ("at 7") is asked again rather than
 * guessed.
 */
export function readWhen(text: string, options: { now: Date; timeZone: string; language: Language }): Date {
  const parsed = parseWhen(text, { now: options.now, timeZone: options.timeZone, locale: options.language });
  if (!parsed.ok) throw new UserFacingError(parsed.error.key, { ...parsed.error.params });
  if (parsed.hourGuessed) {
    const { hour, minute } = parsed.wall;
    throw new UserFacingError('when.hourGuessed', {
      text: text.trim().slice(0, 100),
      hour,
      ...morningAndEvening(hour, minute, options.language),
    });
  }
  return parsed.startsAt;
}

export function validOrThrow<T>(
  result:
    | { ok: true; trip: T }
    | { ok: false; error: { key: string; params: Readonly<Record<string, string | number>> } },
): T {
  if (result.ok) return result.trip;
  const { key, params } = result.error;
  if (key === 'text.tooLong') {
    throw new UserFacingError(params.field === 'venue' ? 'trip.venueTooLong' : 'trip.topicTooLong', { ...params });
  }
  throw new UserFacingError(key as MessageKey, { ...params });
}

export function requireTripId(ref: string | number): number {
  const id = parseTripId(ref);
  if (id === null) throw new UserFacingError('trip.notFound', { ref: String(ref).slice(0, 50) });
  return id;
}

export function assertEditable(
  markup: Markup,
  trip: TripRow | undefined,
  actor: TripActor,
  now: Date,
  ref: string | number,
): asserts trip is TripRow {
  if (!trip) throw new UserFacingError('trip.notFound', { ref: String(ref).slice(0, 50) });
  if (!canEdit(trip, actor.userId, actor.canManageEvents)) {
    throw new UserFacingError('trip.notAllowed', { id: trip.tripId, host: markup.user(trip.hostId) });
  }
  if (trip.status === TRIP_STATUS.cancelled) throw new UserFacingError('trip.isCancelled', { id: trip.tripId });
  if (isPast(trip, now)) throw new UserFacingError('trip.isPast', { id: trip.tripId });
}

/**
 * Who hears about an edit or a cancellation: members going, maybe, and waiting (they planned to come too), minus
 * the member making the change.
 */
export async function audienceOf(
  executor: Parameters<typeof listMembersByStatus>[0],
  trip: TripRow,
  actorId: string,
): Promise<string[]> {
  const rows = await listMembersByStatus(executor, trip.id, ['going', 'maybe', 'waitlist']);
  return rows.map((row) => row.userId).filter((userId) => userId !== actorId);
}
