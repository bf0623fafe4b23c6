import { type Client, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from 'discord.js';
import type { Language } from '../i18n/types.js';

/**
 * Commands named in messages as Discord's command mentions (`</trip new:ID>`): clickable, they open the command,
 * and the client shows them in the reader's language. The ids are read from Discord: the global commands at
 * start-up, a guild's own commands (a development guild's) the first time a message is written for that guild;
 * every command interaction teaches its id (so a `commands:deploy` made while the bot runs is picked up at the next
 * use), and a mention that misses its id has the guild's commands read again (at most once a minute per guild).
 * Without an id, the command is written with its name in the message's language (`/rencontre nouvelle`), in code.
 */

type CommandData = RESTPostAPIChatInputApplicationCommandsJSONBody;
type OptionData = NonNullable<CommandData['options']>[number];

export interface DeployedCommand {
  name: string;
  id: string;
}

/** The mentions of one guild's messages (its own commands, else the global ones). */
export interface GuildCommandMentions {
  /** `</trip new:ID>`, or `` `/rencontre nouvelle` `` in French when the id is unknown. `path`: "trip new". */
  mention(path: string, language: Language): string;
  /** The option's name in the language: `town` of "trip new" → `ville` in French. */
  optionName(path: string, option: string, language: Language): string;
  /** A command with example options: `</trip new:ID> `ville:Amqui quand:"midi"``. */
  example(path: string, language: Language, options: ReadonlyArray<readonly [string, string]>): string;
  /** Every `` `/town join` `` (with or without options) of a text written as a mention, options translated. */
  linkify(text: string, language: Language): string;
}

export interface CommandMentions {
  forGuild(guildId: string | null): GuildCommandMentions;
  /** Reads the global commands' ids, and this guild's, unless read less than a minute ago. Never throws. */
  ensure(guildId: string | null): Promise<void>;
  /** Records the id of a command seen in an interaction (`commandGuildId` null for a global command). */
  learn(name: string, id: string, commandGuildId: string | null): void;
}

const REFRESH_MIN_INTERVAL_MS = 60_000;
const GLOBAL = '';
const ENSURE_WAIT_MS = 1_000;

export function createCommandMentions(input: {
  commands: readonly CommandData[];
  /** The deployed commands: the global ones (guildId null) or one guild's. */
  fetchDeployed: (guildId: string | null) => Promise<DeployedCommand[]>;
  now?: () => number;
  onError?: (error: unknown) => void;
}): CommandMentions {
  const definitions = new Map(input.commands.map((command) => [command.name, command]));
  /** Scope ('' for global, else a guild id) → command name → id. */
  const ids = new Map<string, Map<string, string>>();
  const fetchedAt = new Map<string, number>();
  const stale = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();
  const now = input.now ?? Date.now;

  const localized = (
    item: { name: string; name_localizations?: Partial<Record<string, string | null>> | null },
    language: Language,
  ) => (language === 'en' ? null : item.name_localizations?.[language]) ?? item.name;

  /** The command and, when the second word is one, its subcommand. */
  function resolve(path: string): { command: CommandData; sub: OptionData | undefined; words: number } | undefined {
    const [root, second] = path.trim().split(/\s+/);
    const command = root ? definitions.get(root) : undefined;
    if (!command) return undefined;
    const sub = second ? command.options?.find((option) => option.name === second && option.type === 1) : undefined;
    return { command, sub, words: sub ? 2 : 1 };
  }

  function fetchScope(scope: string): Promise<void> {
    const running = inFlight.get(scope);
    if (running) return running;
    const due =
      !fetchedAt.has(scope) || (stale.has(scope) && now() - (fetchedAt.get(scope) ?? 0) >= REFRESH_MIN_INTERVAL_MS);
    if (!due) return Promise.resolve();
    fetchedAt.set(scope, now());
    stale.delete(scope);
    const work = input
      .fetchDeployed(scope === GLOBAL ? null : scope)
      .then((deployed) => {
        ids.set(scope, new Map(deployed.map((command) => [command.name, command.id])));
      })
      .catch((error: unknown) => input.onError?.(error))
      .finally(() => inFlight.delete(scope));
    inFlight.set(scope, work);
    return work;
  }

  function forGuild(guildId: string | null): GuildCommandMentions {
    const scope = guildId ?? GLOBAL;
    const idOf = (name: string) => ids.get(scope)?.get(name) ?? ids.get(GLOBAL)?.get(name);

    function mention(path: string, language: Language): string {
      const found = resolve(path);
      if (!found) return `\`/${path}\``;
      const { command, sub } = found;
      const hasSubcommands = command.options?.some((option) => option.type === 1 || option.type === 2) ?? false;
      const id = idOf(command.name);
      // A command with subcommands is only clickable through one of them: alone, it is written by name.
      if (id && (sub || !hasSubcommands)) return `</${command.name}${sub ? ` ${sub.name}` : ''}:${id}>`;
      if (!id) {
        stale.add(scope);
        stale.add(GLOBAL);
      }
      const shown = [localized(command, language), ...(sub ? [localized(sub, language)] : [])];
      return `\`/${shown.join(' ')}\``;
    }

    function optionName(path: string, option: string, language: Language): string {
      const found = resolve(path);
      const options = found?.sub ? ('options' in found.sub ? found.sub.options : undefined) : found?.command.options;
      const definition = options?.find((candidate) => candidate.name === option);
      return definition ? localized(definition, language) : option;
    }

    const translateOptions = (path: string, text: string, language: Language) =>
      text.replace(
        /(^|\s)([\p{L}_-]+):/gu,
        (_, space: string, name: string) => `${space}${optionName(path, name, language)}:`,
      );

    return {
      mention,
      optionName,
      example(path, language, options) {
        const written = options.map(([name, value]) => `${optionName(path, name, language)}:${value}`).join(' ');
        return written ? `${mention(path, language)} \`${written}\`` : mention(path, language);
      },
      linkify(text, language) {
        return text.replace(/`\/([\w-]+(?: [\w-]+)?)((?: [^`\n]*)?)`/gu, (whole, path: string, rest: string) => {
          const found = resolve(path);
          if (!found) return whole;
          const words = path.split(' ');
          const commandPath = words.slice(0, found.words).join(' ');
          const tail = `${words.slice(found.words).join(' ')}${rest}`.trim();
          const link = mention(commandPath, language);
          return tail ? `${link} \`${translateOptions(commandPath, tail, language)}\`` : link;
        });
      },
    };
  }

  return {
    forGuild,
    async ensure(guildId) {
      const reads = Promise.all([fetchScope(GLOBAL), ...(guildId ? [fetchScope(guildId)] : [])]);
      // Never hold a message longer than a moment for its mentions: a slow read finishes in the background.
      let timer: NodeJS.Timeout | undefined;
      const moment = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ENSURE_WAIT_MS);
      });
      await Promise.race([reads, moment]);
      clearTimeout(timer);
    },
    learn(name, id, commandGuildId) {
      if (!definitions.has(name)) return;
      const scope = commandGuildId ?? GLOBAL;
      const known = ids.get(scope) ?? new Map<string, string>();
      known.set(name, id);
      ids.set(scope, known);
    },
  };
}

/** The application's commands as deployed, globally (guildId null) or in one guild. */
export async function fetchDeployedCommands(client: Client, guildId: string | null): Promise<DeployedCommand[]> {
  const applicationId = client.application?.id ?? client.user?.id;
  if (!applicationId) return [];
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  return ((await client.rest.get(route)) as Array<{ id: string; name: string; type?: number }>)
    .filter((command) => (command.type ?? 1) === 1)
    .map((command) => ({ name: command.name, id: command.id }));
}
