import { recordAttendance } from '../../app/attendance.js';
import { UserFacingError } from '../../app/errors.js';
import { createTrip, type NewTripResult } from '../../app/trips.js';
import { getTrip } from '../../db/repositories/trips.js';
import { ordinal } from '../../domain/recap.js';
import { describeWhen, discordTimestamp } from '../../domain/whenFormat.js';
import { defineComponent, type HandlerContext } from '../command.js';
import { NEXT_TRIP_FIELDS, nextTripModal, RECAP_PREFIX } from '../recap.js';

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
    if (!interaction.guildId) throw new UserFacingError('error.guildOnly');
    if (extra.length > 0 || !Number.isSafeInteger(tripId) || tripId <= 0)
      throw new UserFacingError('error.staleComponent');

    if (action === 'attended' && interaction.isButton()) {
      const result = await recordAttendance(context.deps, {
        guildId: interaction.guildId,
        tripId,
        userId: interaction.user.id,
      });
      const params = { id: result.trip.id, town: result.trip.townName };
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
      const previous = await getTrip(context.deps.db, interaction.guildId, tripId);
      const result = await createTrip(context.deps, context.services.tripPort, {
        guildId: interaction.guildId,
        hostId: interaction.user.id,
        channelId: previous?.channelId ?? interaction.channelId ?? '',
        language: context.language,
        town: field(NEXT_TRIP_FIELDS.town),
        when: field(NEXT_TRIP_FIELDS.when),
        topic: topic === '' ? undefined : topic,
      });
      return context.reply({ content: createdText(context, result), ephemeral: true });
    }

    throw new UserFacingError('error.staleComponent');
  },
});

/** The same confirmation as `/trip new`. */
function createdText(context: HandlerContext, result: NewTripResult): string {
  const { trip } = result;
  const lines = [
    context.t('trip.created', {
      id: trip.id,
      town: trip.townName,
      when: `${describeWhen(trip.startsAt, result.timeZone, context.language)} (${discordTimestamp(trip.startsAt, 'R')})`,
      link: result.url ?? '',
    }),
  ];
  if (result.pingedRoleIds.length > 0) {
    lines.push(context.t('trip.created.pinged', { roles: result.pingedRoleIds.map((id) => `<@&${id}>`).join(', ') }));
  }
  for (const note of result.notes) lines.push(context.t(note.key, note.params));
  lines.push(context.t('trip.created.hostGoing'));
  if (result.scheduledEvent) lines.push(context.t('trip.created.event'));
  return lines.join('\n');
}
