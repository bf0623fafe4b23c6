import { listHistoryPage } from '../../app/attendance.js';
import { defineComponent } from '../command.js';
import { parsePageButton } from '../pageButtons.js';
import { HISTORY_PREFIX, renderHistory } from '../recap.js';

/** More recent / Older of `/trip history`, `history:<page>:<townId|all>:<prev|next>`: the page replaces the list. */
export const recapHistoryPages = defineComponent({
  prefix: HISTORY_PREFIX,
  async handle(context) {
    const { button, guildId, page, townId } = parsePageButton(context.interaction, context.parts);
    const history = await listHistoryPage(context.deps, {
      guildId,
      userId: button.user.id,
      page,
      townId,
    });
    await button.update({ ...renderHistory(history, context.language), allowedMentions: { parse: [] } });
  },
});
