import type { ButtonInteraction, MessageComponentInteraction, ModalSubmitInteraction } from 'discord.js';
import { UserFacingError } from '../app/errors.js';

/**
 * Previous/Next buttons of paged lists carry `<prefix>:<page>:<townId|all>:<prev|next>`, so they work after a
 * restart. A forged or malformed id is a stale button, never a crash.
 */
export function parsePageButton(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
  parts: string[],
): { button: ButtonInteraction; guildId: string; page: number; townId: number | undefined } {
  const [pageText = '', filter = '', direction = ''] = parts;
  const page = Number(pageText);
  const townId = filter === 'all' ? undefined : Number(filter);
  const valid =
    Number.isSafeInteger(page) &&
    page >= 0 &&
    (townId === undefined || (Number.isSafeInteger(townId) && townId > 0)) &&
    (direction === 'prev' || direction === 'next') &&
    parts.length === 3;
  if (!valid || !interaction.isButton() || !interaction.guildId) throw new UserFacingError('error.staleComponent');
  return { button: interaction, guildId: interaction.guildId, page, townId };
}
