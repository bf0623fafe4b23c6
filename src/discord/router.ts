import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { z } from 'zod';
import type { AppDeps } from '../app/context.js';
import { UserFacingError } from '../app/errors.js';
import { memberAnswerLanguage } from '../app/preferences.js';
import { type Language, languageFromLocale, type MessageKey, type MessageParams, t } from '../i18n/index.js';
import type { BotMetrics, InteractionOutcome } from '../metrics.js';
import type { Command, ComponentHandler, HandlerContext, ReplyOptions } from './command.js';
import { discordCode } from './discordErrors.js';
import { flattenOptions } from './options.js';
import type { BotServices } from './services.js';

/** Discord's codes for an interaction that expired or was already answered: nothing more can be sent. */
const GONE_INTERACTION_CODES = new Set([10_062, 40_060]);

export interface Router {
  handle(interaction: Interaction): Promise<void>;
}

/**
 * The one place that catches errors of handlers: a UserFacingError becomes an ephemeral reply in the member's
 * language; anything else is logged with context and the member gets a generic apology. It never throws, so
 * one failed interaction cannot take the process down.
 */
export function createRouter(input: {
  commands: Command[];
  components: ComponentHandler[];
  deps: AppDeps;
  services: BotServices;
  /** Counts interactions by command and outcome (escale_interactions_total). */
  metrics?: Pick<BotMetrics, 'interactionHandled'>;
}): Router {
  const commands = new Map(input.commands.map((command) => [command.data.name, command]));
  const components = new Map(input.components.map((component) => [component.prefix, component]));
  const { deps, services } = input;

  async function handle(interaction: Interaction): Promise<void> {
    const log = deps.logger.child({
      guildId: interaction.guildId,
      userId: interaction.user.id,
      interaction: describe(interaction),
    });
    let outcome: InteractionOutcome = 'ok';
    try {
      if (interaction.isAutocomplete()) return await handleAutocomplete(interaction);
      if (!interaction.isRepliable()) return;
      // The commands' ids of this guild, read once (a moment at most), for the mentions in the answer.
      await services.commandMentions.ensure(interaction.guildId);
      const base = makeContext(interaction, await languageOf(interaction));
      if (interaction.isChatInputCommand()) return await handleCommand(interaction, base);
      if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
        return await handleComponent(interaction, base);
      }
    } catch (error) {
      outcome = error instanceof UserFacingError ? 'user_error' : 'error';
      await answerError(interaction, error, log);
    } finally {
      input.metrics?.interactionHandled({ ...metricLabels(interaction), outcome });
    }
  }

  async function handleCommand(interaction: ChatInputCommandInteraction, base: HandlerContext) {
    const command = commands.get(interaction.commandName);
    if (!command) throw new UserFacingError('error.staleComponent');
    services.commandMentions.learn(interaction.commandName, interaction.commandId, interaction.commandGuildId);
    // The guild-only rule, once: every command is registered for guilds only, and a DM gets a clear answer.
    const guildId = interaction.guildId;
    if (!guildId) throw new UserFacingError('error.guildOnly');
    const parsed = command.args.safeParse(flattenOptions(interaction));
    if (!parsed.success) throw new UserFacingError('error.badInput', { detail: describeZodError(parsed.error) });
    await command.execute({ ...base, interaction, guildId, args: parsed.data });
  }

  async function handleAutocomplete(interaction: AutocompleteInteraction) {
    const command = commands.get(interaction.commandName);
    const guildId = interaction.guildId;
    if (!command?.autocomplete || !guildId) return void (await interaction.respond([]));
    const focused = interaction.options.getFocused(true);
    const context = {
      ...makeContext(interaction, languageFromLocale(interaction.locale)),
      interaction,
      guildId,
      options: flattenOptions(interaction),
    };
    try {
      const choices = await command.autocomplete({
        ...context,
        focused: { name: focused.name, value: String(focused.value ?? '') },
      });
      // Discord shows at most 25 choices, names and values of 1–100 characters.
      await interaction.respond(
        choices.slice(0, 25).map((choice) => ({
          name: choice.name.slice(0, 100) || '…',
          value: typeof choice.value === 'string' ? choice.value.slice(0, 100) : choice.value,
        })),
      );
    } catch (error) {
      deps.logger.warn({ err: error, command: interaction.commandName }, 'autocomplete failed');
      if (!interaction.responded) await interaction.respond([]).catch(() => {});
    }
  }

  async function handleComponent(
    interaction: MessageComponentInteraction | ModalSubmitInteraction,
    base: HandlerContext,
  ) {
    const [prefix = '', ...parts] = interaction.customId.split(':');
    const handler = components.get(prefix);
    if (!handler) throw new UserFacingError('error.staleComponent');
    const guildId = interaction.guildId;
    if (!guildId && !handler.directMessages) throw new UserFacingError('error.guildOnly');
    await handler.handle({
      ...base,
      interaction,
      guildId: guildId ?? '',
      parts,
      deferUpdate: async () => {
        if (interaction.deferred || interaction.replied) return;
        if (interaction.isMessageComponent() || interaction.isFromMessage()) await interaction.deferUpdate();
        else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      },
    });
  }

  /** Languages already read, per interaction: one query each, and the error path reuses it. */
  const languages = new WeakMap<Interaction, Language>();

  /**
   * The member's language for answers: their /preferences choice in this guild, else their Discord locale. Read once
   * per interaction; when the database cannot answer, the locale (the error is the handler's to report).
   */
  async function languageOf(interaction: RepliableInteraction): Promise<Language> {
    const known = languages.get(interaction);
    if (known) return known;
    const fromLocale = languageFromLocale(interaction.locale);
    let language = fromLocale;
    if (interaction.guildId) {
      try {
        language = await memberAnswerLanguage(
          deps,
          services.languageChoices,
          interaction.guildId,
          interaction.user.id,
          fromLocale,
        );
      } catch (error) {
        deps.logger.debug({ err: error }, 'could not read the member’s language; using their locale');
      }
    }
    languages.set(interaction, language);
    return language;
  }

  function makeContext(
    interaction: RepliableInteraction | AutocompleteInteraction,
    language: Language,
  ): HandlerContext {
    // A command named in a reply becomes its clickable mention (commandMentions.ts).
    const translate = (key: MessageKey, params?: MessageParams) =>
      services.commandMentions.forGuild(interaction.guildId).linkify(t(language, key, params), language);
    return {
      deps,
      services,
      language,
      t: translate,
      reply: async (options) => {
        if (interaction.isAutocomplete()) return;
        await sendReply(interaction, options);
      },
      defer: async (options) => {
        if (interaction.isAutocomplete() || interaction.deferred || interaction.replied) return;
        await interaction.deferReply(options?.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
      },
    };
  }

  async function answerError(interaction: Interaction, error: unknown, log: AppDeps['logger']) {
    if (isGoneInteraction(error)) {
      log.warn({ err: error }, 'interaction expired before it could be answered');
      return;
    }
    const language = languages.get(interaction) ?? languageFromLocale(interaction.locale);
    let message: string;
    if (error instanceof UserFacingError) {
      log.debug({ key: error.key }, 'user-facing error');
      message = t(language, error.key, error.params);
    } else {
      log.error({ err: error }, 'interaction failed');
      message = t(language, isDatabaseDown(error) ? 'error.databaseUnavailable' : 'error.generic');
    }
    if (!interaction.isRepliable()) return;
    message = services.commandMentions.forGuild(interaction.guildId).linkify(message, language);
    try {
      await sendReply(interaction, { content: message, ephemeral: true });
    } catch (replyError) {
      log.warn({ err: replyError }, 'could not tell the member about the error');
    }
  }

  return { handle };
}

/** Reply vs editReply vs followUp, decided from the interaction's state. Nobody is pinged unless told. */
export async function sendReply(interaction: RepliableInteraction, options: ReplyOptions): Promise<void> {
  const { ephemeral, ...rest } = options;
  const payload = { allowedMentions: { parse: [] }, ...rest };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply({ ...payload, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  } else if (interaction.deferred && !interaction.replied) {
    // A deferUpdate on a component leaves the message to edit; the answer to the member is a follow-up.
    // deferReply sets `ephemeral` to a boolean; deferUpdate leaves it null.
    if (interaction.ephemeral === null) {
      await interaction.followUp({ ...payload, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
    } else {
      await interaction.editReply(payload);
    }
  } else {
    await interaction.followUp({ ...payload, flags: ephemeral ? MessageFlags.Ephemeral : undefined });
  }
}

function isGoneInteraction(error: unknown): boolean {
  const code = discordCode(error);
  return code !== undefined && GONE_INTERACTION_CODES.has(code);
}

/** Socket-level failures reaching the database, and Postgres' "connection exception" and shutdown codes. */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);

/**
 * True when the database could not be reached. drizzle wraps the driver's error in a DrizzleQueryError ("Failed
 * query: …") whose `cause` holds the real one, so the whole cause chain is looked at.
 */
function isDatabaseDown(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    const message = current instanceof Error ? current.message : '';
    if (typeof code === 'string' && (DATABASE_DOWN_CODES.has(code) || code.startsWith('08'))) return true;
    // "not queryable": the rollback drizzle sends after a lost connection fails too, and hides the first error.
    if (
      /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|not queryable/i.test(message)
    )
      return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function describe(interaction: Interaction): string {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) return `/${interaction.commandName}`;
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) return interaction.customId;
  return `type ${interaction.type}`;
}

function describeZodError(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; ');
}

/** Labels of small cardinality: the command (and subcommand) or the component's custom-id prefix, never ids. */
function metricLabels(interaction: Interaction): { kind: string; command: string } {
  if (interaction.isChatInputCommand() || interaction.isAutocomplete()) {
    const subcommand = interaction.options.getSubcommand(false);
    return {
      kind: interaction.isAutocomplete() ? 'autocomplete' : 'command',
      command: subcommand ? `${interaction.commandName} ${subcommand}` : interaction.commandName,
    };
  }
  if (interaction.isMessageComponent() || interaction.isModalSubmit()) {
    return {
      kind: interaction.isModalSubmit() ? 'modal' : 'component',
      command: interaction.customId.split(':')[0] ?? '',
    };
  }
  return { kind: 'other', command: '' };
}
