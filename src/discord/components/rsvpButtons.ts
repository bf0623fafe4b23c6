import { answerRsvp } from '../../app/answerRsvp.js';
import { UserFacingError } from '../../app/errors.js';
import { RSVP_PREFIX } from '../announcement.js';
import { defineComponent } from '../command.js';
import { rsvpConfirmationText } from '../rsvpViews.js';

/**
 * The Going / Maybe / Can't buttons of an announcement, `rsvp:<tripId>:<response>`.
 *
 * Acknowledge first: the answer is recorded (batched with the other clicks on that trip, see createRsvpQueue),
 * the member gets the ephemeral confirmation through the interaction callback (which Discord does not count against
 * the bot's global REST limit), and only then does the use case ask for the announcement's edit (the updater folds
 * bursts into a few edits) and tell the promoted (`answerRsvp`). Editing before answering would put every click
 * behind the 50 requests/s queue and miss Discord's 3-second deadline.
 */
export const rsvpButtons = defineComponent({
  prefix: RSVP_PREFIX,
  async handle(context) {
    const { interaction } = context;
    const [trip = '', response = '', ...extra] = context.parts;
    if (extra.length > 0) throw new UserFacingError('error.staleComponent');
    await answerRsvp(
      context.deps,
      { queue: context.services.rsvps, port: context.services.ports.trips, rides: context.services.ports.rides },
      { guildId: context.guildId, userId: interaction.user.id, trip, response },
      (result) => context.reply({ content: rsvpConfirmationText(context, result), ephemeral: true }),
    );
  },
});
