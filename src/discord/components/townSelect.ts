import { userMention } from 'discord.js';
import { UserFacingError } from '../../app/errors.js';
import { type SetTownsResult, setMemberTowns } from '../../app/towns/membership.js';
import type { TownRow } from '../../db/repositories/towns.js';
import { escapeMarkdown } from '../../domain/text.js';
import { defineComponent, type HandlerContext } from '../command.js';
import { memberRoleIds } from '../townRoles.js';
import { TOWN_MENU_PREFIX } from '../welcome.js';

/**
 * The welcome's town menu, `towns:<memberId>`. Everything it needs is in the custom id (who it addresses), the
 * menu's own options (which towns it offered) and the database, so it keeps working after a restart.
 */
export const townSelect = defineComponent({
  prefix: TOWN_MENU_PREFIX,
  async handle(context) {
    const { interaction } = context;
    const [addressedMemberId] = context.parts;
    if (!interaction.isStringSelectMenu() || !addressedMemberId) {
      throw new UserFacingError('error.staleComponent');
    }
    if (interaction.user.id !== addressedMemberId) {
      throw new UserFacingError('error.notForYou', { user: userMention(addressedMemberId) });
    }
    // Several role changes can take longer than Discord's three seconds.
    await context.defer({ ephemeral: true });
    const toIds = (values: readonly string[]) =>
      values.map((value) => Number(value)).filter((id) => Number.isSafeInteger(id) && id > 0);
    const result = await setMemberTowns(context.deps, context.services.ports.townRoles, {
      guildId: context.guildId,
      userId: interaction.user.id,
      memberRoleIds: memberRoleIds(interaction.member),
      addressedMemberId,
      offeredTownIds: toIds(interaction.component.options.map((option) => option.value)),
      chosenTownIds: toIds(interaction.values),
    });
    await context.reply({ content: describeChanges(context, result), ephemeral: true });
  },
});

function describeChanges(context: HandlerContext, result: SetTownsResult): string {
  const names = (towns: TownRow[]) => towns.map((town) => `**${escapeMarkdown(town.name)}**`).join(', ');
  const lines: string[] = [];
  if (result.added.length > 0) lines.push(context.t('welcome.select.added', { towns: names(result.added) }));
  if (result.removed.length > 0) lines.push(context.t('welcome.select.removed', { towns: names(result.removed) }));
  if (result.kept.length > 0) lines.push(context.t('welcome.select.kept', { towns: names(result.kept) }));
  for (const failure of result.failed) {
    lines.push(
      context.t('welcome.select.failed', {
        town: escapeMarkdown(failure.town.name),
        reason: context.t(`town.problem.${failure.problem}`),
      }),
    );
  }
  if (result.vanished > 0) lines.push(context.t('welcome.select.vanished', { count: result.vanished }));
  if (lines.length === 0) return context.t('welcome.select.nothing');
  lines.push('', context.t('welcome.select.footer'));
  return lines.join('\n');
}
