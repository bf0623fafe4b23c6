import type { RsvpConfirmation } from '../app/rsvp.js';
import { ordinal } from '../domain/recap.js';
import type { HandlerContext } from './command.js';
import { discordTimestamp } from './markup.js';

/** The member's private answer to an RSVP, from a button or `/rsvp`. */

/** "You're going · 12/20 seats taken", "You're #3 on the waitlist"… in the member's language. */
export function rsvpConfirmationText(
  context: Pick<HandlerContext, 't' | 'language'>,
  result: RsvpConfirmation,
): string {
  const { trip, counts } = result;
  const lines: string[] = [];
  if (result.outcome === 'unchanged') lines.push(context.t('rsvp.unchanged'));
  switch (result.status) {
    case 'going': {
      const withGuests = result.guests > 0;
      const params = { going: counts.going, capacity: trip.capacity ?? 0, guests: result.guests };
      if (trip.capacity === null) {
        lines.push(context.t(withGuests ? 'rsvp.goingGuestsUnlimited' : 'rsvp.goingUnlimited', params));
      } else {
        lines.push(context.t(withGuests ? 'rsvp.goingGuests' : 'rsvp.going', params));
      }
      break;
    }
    case 'waitlist':
      lines.push(context.t('rsvp.waitlisted', { position: result.position ?? counts.waitlist }));
      break;
    case 'maybe':
      lines.push(context.t('rsvp.maybe'));
      break;
    case 'no':
      lines.push(context.t('rsvp.no'));
      break;
  }
  lines.push(
    context.t('rsvp.where', { id: trip.tripId, town: trip.townName, when: discordTimestamp(trip.startsAt, 'F') }),
  );
  // Attendance memory (src/app/attendance.ts): "3rd meetup, welcome back!" for a member who came before.
  if (result.meetupsAttended) {
    lines.push(context.t('rsvp.welcomeBack', { ordinal: ordinal(result.meetupsAttended + 1, context.language) }));
  }
  return lines.join('\n');
}
