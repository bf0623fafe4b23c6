import type { AppDeps } from './context.js';
import { notifyPromotedInTime } from './dmTimingNotices.js';
import type { TripPort } from './ports.js';
import { withdrawRidesOfMember } from './rides/cancel.js';
import type { RidePort } from './rides/port.js';
import type { RsvpAnswer, RsvpConfirmation } from './rsvp.js';
import type { RsvpQueue } from './rsvpQueue.js';

/**
 * One member's answer, start to finish: recorded with the others waiting for the same trip, acknowledged to the
 * member (`acknowledge`, the adapter's reply), then what follows it: the announcement's counts, and the members the
 * answer gave a seat to. What follows happens even when the acknowledgement fails (an expired interaction): the
 * answer is stored. Acknowledging first keeps the member's answer ahead of Discord's rate-limited edits.
 */
export async function answerRsvp(
  deps: AppDeps,
  input: {
    queue: RsvpQueue;
    port: Pick<TripPort, 'refreshAnnouncement' | 'sendDirectMessage' | 'postInThread' | 'guildLocale'>;
    /** Answering "no" withdraws the member's ride offer or need for that stop (src/app/rides). */
    rides?: RidePort;
  },
  answer: RsvpAnswer,
  acknowledge: (confirmation: RsvpConfirmation) => Promise<void>,
): Promise<RsvpConfirmation> {
  const result = await input.queue.submit(answer);
  try {
    await acknowledge(result);
  } finally {
    await afterAnswer(deps, input.port, result);
    // The read said whether the member has a ride to this stop: no lock, no query for the many who have none.
    if (input.rides && result.withdrawsRide) {
      await withdrawRidesOfMember(deps, input.rides, { stopId: result.trip.id, userId: answer.userId });
    }
  }
  return result;
}

async function afterAnswer(
  deps: AppDeps,
  port: Pick<TripPort, 'refreshAnnouncement' | 'sendDirectMessage' | 'postInThread' | 'guildLocale'>,
  result: RsvpConfirmation,
): Promise<void> {
  if (result.outcome === 'unchanged') return;
  // Not awaited: edits are coalesced per trip and must not hold the member's interaction.
  void port.refreshAnnouncement({ guildId: result.trip.guildId, tripId: result.trip.tripId, withCalendar: false });
  // Promoted members in quiet hours hear of it when they end (src/app/dmTimingNotices.ts).
  if (result.promoted.length > 0) {
    await notifyPromotedInTime(deps, port, { trip: result.trip, userIds: result.promoted });
  }
}
