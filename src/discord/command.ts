import type {
  APIApplicationCommandOptionChoice,
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  InteractionReplyOptions,
  MessageComponentInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { z } from 'zod';
import type { AppDeps } from '../app/context.js';
import type { Language, MessageKey, MessageParams } from '../i18n/index.js';
import type { BotServices } from './services.js';

/** What every handler receives: the member's language, a translator, the app's dependencies and services. */
export interface HandlerContext {
  deps: AppDeps;
  services: BotServices;
  /** The member's language (interaction.locale), for ephemeral replies. */
  language: Language;
  t(key: MessageKey, params?: MessageParams): string;
  /**
   * Answers the interaction: reply, editReply or followUp is chosen from the interaction's state.
   * allowed_mentions defaults to nobody.
   */
  reply(options: ReplyOptions): Promise<void>;
  /** Acknowledge now and answer later (for work that may take more than a moment). */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
}

export type ReplyOptions = Omit<InteractionReplyOptions, 'flags' | 'ephemeral' | 'fetchReply' | 'withResponse'> & {
  ephemeral?: boolean;
};

export interface CommandContext<Args> extends HandlerContext {
  interaction: ChatInputCommandInteraction;
  /** Every command is guild-only: the router answers anything else with `error.guildOnly`. */
  guildId: string;
  args: Args;
}

export interface AutocompleteContext extends HandlerContext {
  interaction: AutocompleteInteraction;
  /** Outside a guild the router suggests nothing. */
  guildId: string;
  /** Options typed so far, unvalidated (subcommand and group included). */
  options: Record<string, unknown>;
  focused: { name: string; value: string };
}

export type Choice = APIApplicationCommandOptionChoice<string | number>;

export interface Command<Schema extends z.ZodType = z.ZodType> {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Parses the flattened options ({ subcommand, group, ...values }) into the handler's typed args. */
  args: Schema;
  execute(context: CommandContext<z.infer<Schema>>): Promise<void>;
  autocomplete?(context: AutocompleteContext): Promise<Choice[]>;
}

export function defineCommand<Schema extends z.ZodType>(command: Command<Schema>): Command<Schema> {
  return command;
}

export interface ComponentContext extends HandlerContext {
  interaction: MessageComponentInteraction | ModalSubmitInteraction;
  /**
   * Buttons and menus live on guild messages: the router answers anything else with `error.guildOnly`, except for
   * handlers marked `directMessages` (then '' in a DM).
   */
  guildId: string;
  /** custom id split on ':' after the prefix: 'rsvp:12:going' → ['12', 'going']. */
  parts: string[];
  /** Acknowledge a click without answering: the message it sits on will be edited. */
  deferUpdate(): Promise<void>;
}

export interface ComponentHandler {
  /** First segment of the custom id: 'rsvp' handles 'rsvp:<tripId>:<response>'. */
  prefix: string;
  /** Also pressed in DMs (a ride proposal to a driver): the handler finds the guild from its custom id. */
  directMessages?: boolean;
  handle(context: ComponentContext): Promise<void>;
}

export function defineComponent(handler: ComponentHandler): ComponentHandler {
  return handler;
}
