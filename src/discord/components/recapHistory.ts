import { listHistoryPage } from '../../app/attendance.js';
import { UserFacingError } from '../../app/errors.js';
import { defineComponent } from '../command.js';
import { HISTORY_PREFIX, renderHistory } from '../recap.js';

/** More recent / Older of `/trip history`, `history:<page>:<townId|all>:<prev|next>`: the page replaces the list. */
export const recapHistoryPages = defineComponent({
  prefix: HISTORY_PREFIX,
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
    const history = await listHistoryPage(context.deps, {
      guildId: interaction.guildId,
      userId: interaction.user.id,
      page,
      townId,
    });
    await interaction.update({ ...renderHistory(history, context.language), allowedMentions: { parse: [] } });
  },
});
