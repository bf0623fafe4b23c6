import { UserFacingError } from '../../app/errors.js';
import { listTripsPage } from '../../app/tripQueries.js';
import { defineComponent } from '../command.js';
import { renderTripList, TRIP_LIST_PREFIX } from '../tripViews.js';

/** Previous / Next of `/trip list`, `trips:<page>:<townId|all>:<prev|next>`: the page replaces the list in place. */
export const tripListPages = defineComponent({
  prefix: TRIP_LIST_PREFIX,
  async handle(context) {
    const { interaction } = context;
    const [pageText = '', filter = '', direction = ''] = context.parts;
    const page = Number(pageText);
    const townId = filter === 'all' ? undefined : Number(filter);
    const valid =
      interaction.isButton() &&
      Number.isSafeInteger(page) &&
      page >= 0 &&
      (townId === undefined || (Number.isSafeInteger(townId) && townId > 0)) &&
      (direction === 'prev' || direction === 'next') &&
      context.parts.length === 3;
    if (!valid || !interaction.guildId) throw new UserFacingError('error.staleComponent');
    const list = await listTripsPage(context.deps, { guildId: interaction.guildId, page, townId });
    await interaction.update({ ...renderTripList(list, context.language), allowedMentions: { parse: [] } });
  },
});
