import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { upcomingAnsweredStops, upcomingTripsHostedBy } from '../db/repositories/members.js';
import { t } from '../i18n/index.js';
import { answerRsvp } from './answerRsvp.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import type { TripPort } from './ports.js';
import type { RidePort } from './rides/port.js';
import type { RsvpQueue } from './rsvpQueue.js';
import { cancelTrip } from './trips/cancel.js';

export interface MemberLeftResult {
  /** Stops whose seat (or place on the waitlist) the member held, now released. */
  released: number[];
  /** Trips the member hosted, cancelled. */
  cancelled: number[];
}

/**
 * A member left the guild (left, kicked or banned): their answers to stops to come are released as a "Can't" would
 * (the waitlist promoted and told, the announcement refreshed: the RSVP use case), and the trips they host are
 * cancelled with the usual notice to those who answered, saying the host left the server. Each step is on its own:
 * one failing does not keep the others from being done.
 */
export async function memberLeft(
  deps: AppDeps,
  ports: {
    trips: TripPort;
    rides?: RidePort | undefined;
    queue: RsvpQueue;
  },
  input: { guildId: string; userId: string },
): Promise<MemberLeftResult> {
  const now = deps.clock.now();
  const log = deps.logger.child({ guildId: input.guildId, userId: input.userId });
  const result: MemberLeftResult = { released: [], cancelled: [] };

  for (const stopId of await upcomingAnsweredStops(deps.db, input.guildId, input.userId, now)) {
    try {
      await answerRsvp(
        deps,
        { queue: ports.queue, port: ports.trips, ...(ports.rides ? { rides: ports.rides } : {}) },
        { guildId: input.guildId, userId: input.userId, trip: stopId, response: 'no' },
        async () => {},
      );
      result.released.push(stopId);
    } catch (error) {
      log.warn({ err: error, stopId }, 'could not release the answer of a member who left');
    }
  }

  const hosted = await upcomingTripsHostedBy(deps.db, input.guildId, input.userId, now);
  if (hosted.length > 0) {
    const settings = await getGuildSettings(deps.db, input.guildId);
    const language = guildLanguage(settings, ports.trips.guildLocale(input.guildId));
    for (const tripId of hosted) {
      try {
        await cancelTrip(deps, ports.trips, {
          guildId: input.guildId,
          userId: input.userId,
          canManageEvents: true,
          language,
          trip: tripId,
          reason: t(language, 'member.hostLeft'),
        });
        result.cancelled.push(tripId);
      } catch (error) {
        log.warn({ err: error, tripId }, 'could not cancel a trip of a host who left');
      }
    }
  }
  if (result.released.length + result.cancelled.length > 0) log.info({ ...result }, 'member left: answers released');
  return result;
}
