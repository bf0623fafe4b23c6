import { listTripsPage } from '../../app/tripQueries.js';
import { defineComponent } from '../command.js';
import { parsePageButton } from '../pageButtons.js';
import { hiddenChannelIds } from '../permissions.js';
import { renderTripList, TRIP_LIST_PREFIX } from '../tripViews.js';

/** Previous / Next of `/trip list`, `trips:<page>:<townId|all>:<prev|next>`: the page replaces the list in place. */
export const tripListPages = defineComponent({
  prefix: TRIP_LIST_PREFIX,
  async handle(context) {
    const { button, guildId, page, townId } = parsePageButton(context.interaction, context.parts);
    const hiddenChannels = hiddenChannelIds(context.interaction);
    const list = await listTripsPage(context.deps, { guildId, page, townId, hiddenChannels });
    await button.update({ ...renderTripList(list, context.language), allowedMentions: { parse: [] } });
  },
});
