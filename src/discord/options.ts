import {
  ApplicationCommandOptionType,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
} from 'discord.js';

/**
 * Flattens an interaction's options into `{ subcommand, group, name: value… }` so a zod schema can parse them
 * in one place; users, roles and channels become their ids.
 */
export function flattenOptions(
  interaction: ChatInputCommandInteraction | AutocompleteInteraction,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const visit = (options: readonly CommandInteractionOption[]) => {
    for (const option of options) {
      if (option.type === ApplicationCommandOptionType.SubcommandGroup) {
        result.group = option.name;
        visit(option.options ?? []);
      } else if (option.type === ApplicationCommandOptionType.Subcommand) {
        result.subcommand = option.name;
        visit(option.options ?? []);
      } else {
        result[option.name] = option.value;
      }
    }
  };
  visit(interaction.options.data);
  return result;
}
