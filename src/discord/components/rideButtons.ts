import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  userMention,
} from 'discord.js';
import { UserFacingError } from '../../app/errors.js';
import { acceptRide, declineRide } from '../../app/rides/answer.js';
import { needRide, offerRide } from '../../app/rides/offer.js';
import { listTripRides } from '../../app/rides/queries.js';
import { RIDE_SEATS } from '../../domain/rides.js';
import { neutralizeMentions } from '../../domain/text.js';
import { type Language, t } from '../../i18n/index.js';
import { defineComponent } from '../command.js';
import { listingEmbed, needConfirmation, offerConfirmation, RIDE_BUTTON_PREFIX } from '../rideViews.js';

/**
 * Accept / Decline on a ride proposal, `ride:<matchId>:accept|decline`, pressed in the driver's DMs or in the trip's
 * thread. Only the driver may answer, once; the answer replaces the buttons with what was decided.
 */
export const rideButtons = defineComponent({
  prefix: RIDE_BUTTON_PREFIX,
  directMessages: true,
  async handle(context) {
    const { interaction } = context;
    const [matchId = '', answer = '', ...extra] = context.parts;
    if (extra.length > 0 || (answer !== 'accept' && answer !== 'decline')) {
      throw new UserFacingError('ride.error.badButton');
    }
    const port = context.services.ports.rides;
    const input = { matchId, userId: interaction.user.id };
    const result =
      answer === 'accept' ? await acceptRide(context.deps, port, input) : await declineRide(context.deps, port, input);
    const params = { rider: userMention(result.riderId), from: neutralizeMentions(result.riderFrom) };
    const content =
      answer === 'decline'
        ? context.t('ride.proposal.declined', params)
        : result.threadId
          ? context.t('ride.proposal.accepted', { ...params, thread: `<#${result.threadId}>` })
          : context.t('ride.proposal.acceptedNoThread', params);
    if (interaction.isMessageComponent()) {
      await interaction.update({ content, components: [], allowedMentions: { parse: [] } });
    } else {
      await context.reply({ content, ephemeral: true });
    }
    void context.services.announcements.refresh(result.stop.guildId, result.stop.tripId);
  },
});

/**
 * The Rides button of an announcement, `rides:<tripId>`: privately, each stop's offers and needs and two buttons
 * that open a form (`rides:<tripId>:offer|need` → modal `rides:<tripId>:offerform|needform`), the same choices as
 * `/ride offer` and `/ride need`.
 */
export const RIDE_PANEL_PREFIX = 'rides';

const FIELDS = { from: 'from', seats: 'seats', detour: 'detour', stop: 'stop' } as const;

/** The button the announcement shows (its label in the guild's language). */
export function ridePanelButton(tripId: number, language: Language): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: `${RIDE_PANEL_PREFIX}:${tripId}`,
    label: t(language, 'ride.button'),
    emoji: { name: '🚗' },
  };
}

export const ridePanel = defineComponent({
  prefix: RIDE_PANEL_PREFIX,
  async handle(context) {
    const { interaction } = context;
    const [trip = '', action = '', ...extra] = context.parts;
    if (!/^\d{1,9}$/.test(trip) || extra.length > 0) throw new UserFacingError('ride.error.badButton');
    const guildId = interaction.guildId ?? '';
    const port = context.services.ports.rides;

    if (action === '' && interaction.isButton()) {
      const listings = await listTripRides(context.deps, { guildId, trip });
      await context.reply({
        embeds: listings.slice(0, 5).map((listing) => listingEmbed(listing, context.language)),
        components: [panelButtons(trip, context.language)],
        ephemeral: true,
      });
      return;
    }
    if ((action === 'offer' || action === 'need') && interaction.isButton()) {
      await interaction.showModal(rideModal(trip, action, context.language));
      return;
    }
    if ((action === 'offerform' || action === 'needform') && interaction.isModalSubmit()) {
      const field = (name: string) => {
        try {
          return interaction.fields.getTextInputValue(name).trim();
        } catch {
          return '';
        }
      };
      const common = {
        guildId,
        userId: interaction.user.id,
        trip,
        stop: field(FIELDS.stop) || undefined,
        from: field(FIELDS.from),
      };
      if (action === 'needform') {
        const result = await needRide(context.deps, port, common);
        await context.reply({ content: needConfirmation(result, context.language), ephemeral: true });
        void context.services.announcements.refresh(result.stop.guildId, result.stop.tripId);
        return;
      }
      const seatsText = field(FIELDS.seats);
      const detourText = field(FIELDS.detour);
      const seats = /^-?\d{1,3}$/.test(seatsText) ? Number(seatsText) : Number.NaN;
      const detour = detourText === '' ? undefined : /^-?\d{1,4}$/.test(detourText) ? Number(detourText) : Number.NaN;
      if (Number.isNaN(seats)) {
        throw new UserFacingError('ride.error.badSeats', { seats: seatsText.slice(0, 10), ...RIDE_SEATS });
      }
      if (detour !== undefined && Number.isNaN(detour)) {
        throw new UserFacingError('ride.error.badDetour', { detour: detourText.slice(0, 10), min: 0, max: 60 });
      }
      const result = await offerRide(context.deps, port, { ...common, seats, detour, language: context.language });
      await context.reply({ content: offerConfirmation(result, context.language), ephemeral: true });
      void context.services.announcements.refresh(result.stop.guildId, result.stop.tripId);
      return;
    }
    throw new UserFacingError('ride.error.badButton');
  },
});

function panelButtons(trip: string, language: Language): APIActionRowComponent<APIButtonComponent> {
  const button = (action: 'offer' | 'need'): APIButtonComponent => ({
    type: ComponentType.Button,
    style: ButtonStyle.Primary,
    custom_id: `${RIDE_PANEL_PREFIX}:${trip}:${action}`,
    label: t(language, action === 'offer' ? 'ride.panel.offer' : 'ride.panel.need'),
  });
  return { type: ComponentType.ActionRow, components: [button('offer'), button('need')] };
}

function rideModal(
  trip: string,
  action: 'offer' | 'need',
  language: Language,
): APIModalInteractionResponseCallbackData {
  const input = (
    customId: string,
    label: string,
    options: { required: boolean; maxLength: number; placeholder?: string },
  ): APIModalInteractionResponseCallbackData['components'][number] => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: customId,
        label,
        style: TextInputStyle.Short,
        required: options.required,
        max_length: options.maxLength,
        ...(options.placeholder ? { placeholder: options.placeholder } : {}),
      },
    ],
  });
  const from = input(FIELDS.from, t(language, 'ride.modal.from'), {
    required: true,
    maxLength: 100,
    placeholder: t(language, 'ride.modal.fromPlaceholder'),
  });
  const stop = input(FIELDS.stop, t(language, 'ride.modal.stop'), { required: false, maxLength: 3 });
  if (action === 'need') {
    return {
      custom_id: `${RIDE_PANEL_PREFIX}:${trip}:needform`,
      title: t(language, 'ride.modal.needTitle'),
      components: [from, stop],
    };
  }
  return {
    custom_id: `${RIDE_PANEL_PREFIX}:${trip}:offerform`,
    title: t(language, 'ride.modal.offerTitle'),
    components: [
      from,
      input(FIELDS.seats, t(language, 'ride.modal.seats'), { required: true, maxLength: 2 }),
      input(FIELDS.detour, t(language, 'ride.modal.detour'), { required: false, maxLength: 3 }),
      stop,
    ],
  };
}
