import { UserFacingError } from '../../app/errors.js';
import { notifyPromoted, type RsvpConfirmation } from '../../app/rsvp.js';
import { ordinal } from '../../domain/recap.js';
import { discordTimestamp } from '../../domain/whenFormat.js';
import { RSVP_PREFIX } from '../announcement.js';
import { defineComponent, type HandlerContext } from '../command.js';
import type { BotServices } from '../services.js';

/**
 * The Going / Maybe / Can't buttons of an announcement, `rsvp:<tripId>:<response>`.
 *
 * Acknowledge first: the answer is recorded (batched with the other clicks on that trip, see createRsvpQueue),
 * the member gets the ephemeral confirmation through the interaction callback (which Discord does not count against
 * the bot's global REST limit), and only then is the announcement's edit requested from the updater, which folds
 * bursts into a few edits. Editing before answering would put every click behind the 50 requests/s queue and miss
 * Discord's 3-second deadline.
 */
export const rsvpButtons = defineComponent({
  prefix: RSVP_PREFIX,
  async handle(context) {
    const { interaction } = context;
    const [trip = '', response = '', ...extra] = context.parts;
    if (!interaction.guildId) throw new UserFacingError('error.guildOnly');
    if (extra.length > 0) throw new UserFacingError('error.staleComponent');
    const result = await context.services.rsvps.submit({
      guildId: interaction.guildId,
      userId: interaction.user.id,
      trip,
      response,
    });
    try {
      await context.reply({ content: rsvpConfirmationText(context, result), ephemeral: true });
    } finally {
      // The answer is stored even when the reply is lost (10062, 40060): the counts and the promoted must follow.
      await afterResponse(context, result);
    }
  },
});

/** After the member has their answer: the announcement's counts, and the members the change gave a seat to. */
export async function afterResponse(
  context: Pick<HandlerContext, 'deps'> & { services: BotServices },
  result: RsvpConfirmation,
): Promise<void> {
  if (result.outcome === 'unchanged') return;
  void context.services.announcements.refresh(result.trip.guildId, result.trip.id);
  if (result.promoted.length > 0) {
    await notifyPromoted(context.deps, context.services.tripPort, { trip: result.trip, userIds: result.promoted });
  }
}

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
  lines.push(context.t('rsvp.where', { id: trip.id, town: trip.townName, when: discordTimestamp(trip.startsAt, 'F') }));
  // Attendance memory (src/app/attendance.ts): "3rd meetup, welcome back!" for a member who came before.
  if (result.meetupsAttended) {
    lines.push(context.t('rsvp.welcomeBack', { ordinal: ordinal(result.meetupsAttended + 1, context.language) }));
  }
  return lines.join('\n');
}
