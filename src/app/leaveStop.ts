import { listRsvps } from '../db/repositories/rsvps.js';
import { getStop, TRIP_STATUS } from '../db/repositories/trips.js';
import { answerRsvp } from './answerRsvp.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import type { TripPort } from './ports.js';
import type { RidePort } from './rides/port.js';
import type { RsvpConfirmation } from './rsvp.js';
import type { RsvpQueue } from './rsvpQueue.js';

/**
 * "I can't come anymore", the reminder DM's button: the member answers `no` for that stop in one click, through the
 * same path as the announcement's buttons (seat freed, waitlist promoted and told, rides withdrawn, counts redrawn).
 * The button lives in a DM, where Discord gives no guild: its custom id carries the guild and the stop, checked here.
 * Refused, nothing changed: a stop unknown in that guild, cancelled, started, or one the member no longer goes to.
 */
export async function leaveStop(
  deps: AppDeps,
  input: {
    queue: RsvpQueue;
    port: Pick<TripPort, 'refreshAnnouncement' | 'sendDirectMessage' | 'postInThread' | 'guildLocale'>;
    rides?: RidePort;
  },
  answer: { guildId: string; stopId: number; userId: string },
  acknowledge: (confirmation: RsvpConfirmation) => Promise<void>,
): Promise<RsvpConfirmation> {
  const stop = await getStop(deps.db, answer.guildId, answer.stopId);
  if (!stop) throw new UserFacingError('life.button.unknown');
  const params = { id: stop.tripId, town: stop.townName };
  if (stop.status === TRIP_STATUS.cancelled) throw new UserFacingError('rsvp.tripCancelled', { id: stop.tripId });
  if (stop.startsAt.getTime() <= deps.clock.now().getTime()) throw new UserFacingError('life.leave.started', params);
  const own = (await listRsvps(deps.db, stop.id)).find((row) => row.userId === answer.userId);
  if (!own || own.status === 'no') throw new UserFacingError('life.leave.notGoing', params);
  return answerRsvp(
    deps,
    input,
    { guildId: answer.guildId, userId: answer.userId, trip: stop.id, response: 'no' },
    acknowledge,
  );
}
