import { recordAttendance } from '../../app/attendance.js';
import { UserFacingError } from '../../app/errors.js';
import { findTrip } from '../../app/tripQueries.js';
import { createTrip } from '../../app/trips/create.js';
import { ordinal } from '../../domain/recap.js';
import { defineComponent } from '../command.js';
import { NEXT_TRIP_FIELDS, nextTripModal, RECAP_PREFIX } from '../recap.js';
import { renderTripCreated } from '../tripViews.js';

/**
 * The recap's buttons and modal, `recap:<tripId>:<action>`:
 * - `attended`: "I was there", recorded privately; the answer is ephemeral (nobody sees who did or did not click).
 * - `next`: "Announce my next trip" opens a modal (town, when, topic);
 * - `nextform`: the modal's submission creates a trip exactly like `/trip new` (errors come back ephemeral).
 */
export const recapButtons = defineComponent({
  prefix: RECAP_PREFIX,
  async handle(context) {
    const { interaction } = context;
    const [tripText = '', action = '', ...extra] = context.parts;
    const tripId = Number(tripText);
    const { guildId } = context;
    if (extra.length > 0 || !Number.isSafeInteger(tripId) || tripId <= 0)
      throw new UserFacingError('error.staleComponent');

    if (action === 'attended' && interaction.isButton()) {
      const result = await recordAttendance(context.deps, {
        guildId,
        tripId,
        userId: interaction.user.id,
      });
      const params = { id: result.trip.tripId, town: result.trip.townName };
      const content = result.recorded
        ? context.t('recap.attended.thanks', { ...params, ordinal: ordinal(result.meetupsAttended, context.language) })
        : context.t('recap.attended.already', params);
      return context.reply({ content, ephemeral: true });
    }

    if (action === 'next' && interaction.isButton()) {
      return interaction.showModal(nextTripModal(tripId, context.language));
    }

    if (action === 'nextform' && interaction.isModalSubmit()) {
      // Posting the announcement and the event can take longer than Discord's three seconds.
      await context.defer({ ephemeral: true });
      const field = (name: string) => interaction.fields.getTextInputValue(name).trim();
      const topic = field(NEXT_TRIP_FIELDS.topic);
      // Without a trips channel, the announcement goes where the previous one was, not into the recap thread.
      const previous = await findTrip(context.deps, { guildId, tripId });
      const result = await createTrip(context.deps, context.services.ports.trips, {
        guildId,
        hostId: interaction.user.id,
        channelId: previous?.channelId ?? interaction.channelId ?? '',
        language: context.language,
        town: field(NEXT_TRIP_FIELDS.town),
        when: field(NEXT_TRIP_FIELDS.when),
        topic: topic === '' ? undefined : topic,
      });
      return context.reply({ content: renderTripCreated(context, result), ephemeral: true });
    }

    throw new UserFacingError('error.staleComponent');
  },
});
