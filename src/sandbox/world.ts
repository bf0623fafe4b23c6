import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commands } from '../../commands/index.js';
import { type RunningBot, startBot } from '../bot.js';
import { parseConfig } from '../config.js';
import { deployCommands } from '../deploy-commands.js';
import { ManualClock } from '../domain/clock.js';
import {
  type CommandOptionInput,
  type EmuChannel,
  type EmuGuild,
  type Emulator,
  type EmulatorOptions,
  type EmuMessage,
  type EmuRole,
  type InteractionResult,
  startEmulator,
} from '../emulator/index.js';
import { createLogger, type Logger } from '../logger.js';

/**
 * A whole little world: the local Discord emulator, the real bot connected to it on a fresh database, a
 * guild with an owner, and a manual clock that both follow. The end-to-end tests and the sandbox drive it the
 * way members would.
 */
export interface WorldOptions {
  /** Start instant of the manual clock (default 2026-11-25 15:00 UTC). */
  now?: string | Date;
  guildName?: string;
  /** The guild's preferred locale (default 'fr'). */
  preferredLocale?: string;
  /** Postgres database for the bot; the embedded PGlite when absent. */
  databaseUrl?: string;
  /** Folder of the embedded database; ':memory:' (default) keeps it in memory. */
  dataDir?: string;
  logLevel?: string;
  logger?: Logger;
  emulator?: EmulatorOptions;
  /** Deploy the slash commands in the guild before starting the bot (default true). */
  deployCommands?: boolean;
}

export const DEFAULT_START = '2026-11-25T15:00:00Z';

export class World {
  readonly actors = new Map<string, Actor>();
  guild!: EmuGuild;
  owner!: Actor;
  bot!: RunningBot;

  private constructor(
    readonly emulator: Emulator,
    readonly clock: ManualClock,
    readonly options: WorldOptions,
    readonly logger: Logger,
  ) {}

  static async create(options: WorldOptions = {}): Promise<World> {
    const clock = new ManualClock(options.now ?? DEFAULT_START);
    const emulator = await startEmulator({ now: () => clock.now(), ...options.emulator });
    const logger = options.logger ?? createLogger({ level: options.logLevel ?? 'silent', pretty: false });
    const world = new World(emulator, clock, options, logger);
    try {
      world.createGuild({ name: options.guildName, preferredLocale: options.preferredLocale });
      if (options.deployCommands !== false) await deployCommands(world.config());
      await world.startBot();
    } catch (error) {
      await emulator.close();
      throw error;
    }
    return world;
  }

  /** The configuration the bot gets, as `npm start` would parse it from the environment. */
  config(extra: Record<string, string> = {}) {
    return parseConfig({
      DISCORD_TOKEN: this.emulator.botToken,
      DISCORD_API_URL: this.emulator.apiUrl,
      DISCORD_GUILD_ID: this.guild.id,
      DATABASE_URL: this.options.databaseUrl ?? '',
      DATA_DIR: this.options.dataDir ?? ':memory:',
      LOG_LEVEL: this.options.logLevel ?? 'silent',
      // The manual clock only moves when told; polling often keeps `advance` snappy.
      SCHEDULER_INTERVAL_MS: '200',
      ...extra,
    });
  }

  async startBot(): Promise<RunningBot> {
    this.bot = await startBot({ config: this.config(), clock: this.clock, logger: this.logger });
    return this.bot;
  }

  /** Stops the bot (cleanly) and starts it again on the same database (needs a dataDir or Postgres). */
  async restartBot(): Promise<RunningBot> {
    await this.bot.stop();
    return this.startBot();
  }

  /** A new guild, with its owner, made current. Actors of the previous guild stay usable there. */
  createGuild(input: { name?: string | undefined; preferredLocale?: string | undefined } = {}): EmuGuild {
    const ownerUser = this.emulator.createUser({ username: 'owner', globalName: 'Owner', locale: 'fr' });
    this.guild = this.emulator.createGuild({
      name: input.name ?? 'Réseau Bas-Saint-Laurent',
      preferredLocale: input.preferredLocale ?? this.options.preferredLocale ?? 'fr',
      ownerId: ownerUser.id,
    });
    this.actors.clear();
    this.owner = new Actor(this, ownerUser.id, 'owner');
    this.actors.set('owner', this.owner);
    return this.guild;
  }

  /** A member joins the guild (the bot sees GUILD_MEMBER_ADD). */
  join(
    name: string,
    options: {
      locale?: string;
      dmClosed?: boolean;
      permissions?: bigint | string;
      roles?: string[];
      bot?: boolean;
    } = {},
  ): Actor {
    const member = this.emulator.addMember(this.guild.id, {
      username: name.toLowerCase(),
      globalName: name,
      locale: options.locale ?? 'fr',
      ...(options.dmClosed !== undefined ? { dmClosed: options.dmClosed } : {}),
      ...(options.permissions !== undefined ? { permissions: options.permissions } : {}),
      ...(options.roles ? { roles: options.roles } : {}),
      ...(options.bot !== undefined ? { bot: options.bot } : {}),
    });
    const actor = new Actor(this, member.userId, name);
    this.actors.set(name.toLowerCase(), actor);
    return actor;
  }

  actor(name: string): Actor {
    const actor = this.actors.get(name.toLowerCase());
    if (!actor) throw new Error(`No member named ${name}: use "join ${name}" first`);
    return actor;
  }

  /** A text channel of the current guild by name ('#trips' or 'trips'), created when missing. */
  channel(name: string): ChannelView {
    const bare = name.replace(/^#/, '');
    const existing = this.emulator
      .channels(this.guild.id)
      .find((channel) => channel.name === bare && !channel.deleted && !channel.thread);
    return new ChannelView(this, existing ?? this.emulator.createChannel(this.guild.id, { name: bare }));
  }

  channelById(id: string): ChannelView {
    const channel = this.emulator.channel(id);
    if (!channel) throw new Error(`Unknown channel ${id}`);
    return new ChannelView(this, channel);
  }

  /** The thread started on a message, if any. */
  threadOf(message: EmuMessage): ChannelView | undefined {
    const thread = this.emulator.threads().find((candidate) => candidate.id === message.id && !candidate.deleted);
    return thread ? new ChannelView(this, thread) : undefined;
  }

  role(name: string): EmuRole | undefined {
    const wanted = name.replace(/^@/, '').toLowerCase();
    return this.emulator.roles(this.guild.id).find((role) => !role.deleted && role.name.toLowerCase() === wanted);
  }

  rolesOf(actor: Actor): string[] {
    const member = this.emulator.member(this.guild.id, actor.id);
    return (member?.roles ?? [])
      .map((roleId) => this.emulator.role(roleId))
      .filter((role): role is EmuRole => role !== undefined && !role.deleted)
      .map((role) => role.name)
      .sort();
  }

  /** Moves time forward ('2d', '3h', '90m', '30s' or milliseconds) and lets the bot do what became due. */
  async advance(duration: string | number): Promise<Date> {
    const now = this.clock.advance(typeof duration === 'number' ? duration : parseDuration(duration));
    await this.bot.scheduler.runDue();
    return now;
  }

  /** Lets the bot finish work it does after answering (announcement edits, posts). */
  async settle(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
    await this.emulator.waitFor(predicate, timeoutMs);
  }

  async stop(): Promise<void> {
    try {
      await this.bot?.stop();
    } finally {
      await this.emulator.close();
    }
  }

  commandDefinition(name: string): RESTPostAPIChatInputApplicationCommandsJSONBody {
    const definition = commands.find((command) => command.data.name === name)?.data;
    if (!definition) throw new Error(`Unknown command /${name}`);
    return definition;
  }
}

export class ChannelView {
  constructor(
    private readonly world: World,
    readonly channel: EmuChannel,
  ) {}

  get id(): string {
    return this.channel.id;
  }

  /** Messages as members see them: not deleted, not ephemeral. */
  messages(): EmuMessage[] {
    return this.world.emulator.messages(this.channel.id).filter((message) => !message.deleted && !message.ephemeral);
  }

  last(): EmuMessage | undefined {
    return this.messages().at(-1);
  }

  render(): string {
    return this.world.emulator.render(this.channel.id);
  }
}

const OptionType = { String: 3, User: 6, Channel: 7, Role: 8 } as const;

type OptionValue = string | number | boolean | Actor | EmuRole | ChannelView;

/** A member of the current guild, acting through the emulator like a Discord client would. */
export class Actor {
  constructor(
    private readonly world: World,
    readonly id: string,
    readonly name: string,
  ) {}

  get mention(): string {
    return `<@${this.id}>`;
  }

  /**
   * Runs a slash command: `runs('/trip new', { town: 'Rimouski', when: 'demain midi' })`. Channel options accept
   * '#name', role options '@Name' or a role, user options an actor.
   */
  runs(
    line: string,
    options: Record<string, OptionValue> = {},
    where: { channel?: string; locale?: string; ignoreCommandPermissions?: boolean } = {},
  ): Promise<InteractionResult> {
    const { name, path } = splitCommandLine(line);
    return this.world.emulator.runCommand({
      guildId: this.world.guild.id,
      channelId: this.world.channel(where.channel ?? '#general').id,
      userId: this.id,
      name,
      options: this.buildOptions(name, path, options),
      ...(where.locale ? { locale: where.locale } : {}),
      ...(where.ignoreCommandPermissions ? { ignoreCommandPermissions: true } : {}),
    });
  }

  /** The autocomplete choices Discord would show while typing `focused`. */
  async autocompletes(
    line: string,
    options: Record<string, OptionValue>,
    focused: string,
    where: { channel?: string; locale?: string } = {},
  ): Promise<{ name: string; value: string | number }[]> {
    const { name, path } = splitCommandLine(line);
    const focusedValue = options[focused];
    const rest = Object.fromEntries(Object.entries(options).filter(([key]) => key !== focused));
    const result = await this.world.emulator.autocomplete({
      guildId: this.world.guild.id,
      channelId: this.world.channel(where.channel ?? '#general').id,
      userId: this.id,
      name,
      options: this.buildOptions(name, path, rest),
      focused: { name: focused, value: String(focusedValue ?? '') },
      ...(where.locale ? { locale: where.locale } : {}),
    });
    return result.choices;
  }

  /** Clicks a button of a message, found by custom id, by its last custom-id segment ('going') or by label. */
  clicks(message: EmuMessage, button: string, where: { locale?: string } = {}): Promise<InteractionResult> {
    const component = findComponent(message, (candidate) => {
      const customId = candidate.custom_id;
      return (
        customId === button ||
        (typeof customId === 'string' && customId.split(':').at(-1) === button) ||
        candidate.label === button
      );
    });
    if (!component || typeof component.custom_id !== 'string') {
      throw new Error(`No button "${button}" on message ${message.id}`);
    }
    return this.world.emulator.clickButton({
      guildId: message.guildId ?? undefined,
      channelId: message.channelId,
      messageId: message.id,
      userId: this.id,
      customId: component.custom_id,
      ...(where.locale ? { locale: where.locale } : {}),
    });
  }

  /** Picks options of the message's (first) select menu, by value or label. */
  selects(message: EmuMessage, choices: string[], where: { locale?: string } = {}): Promise<InteractionResult> {
    const menu = findComponent(message, (candidate) => candidate.type === 3);
    if (!menu || typeof menu.custom_id !== 'string') throw new Error(`No select menu on message ${message.id}`);
    const options = (menu.options as { label: string; value: string }[] | undefined) ?? [];
    const values = choices.map((choice) => {
      const option = options.find((candidate) => candidate.value === choice || candidate.label === choice);
      if (!option) throw new Error(`No option "${choice}" in the menu of message ${message.id}`);
      return option.value;
    });
    return this.world.emulator.selectMenu({
      guildId: message.guildId ?? undefined,
      channelId: message.channelId,
      messageId: message.id,
      userId: this.id,
      customId: menu.custom_id,
      values,
      ...(where.locale ? { locale: where.locale } : {}),
    });
  }

  /** Submits the modal a previous interaction opened, with its fields filled in. */
  submits(
    opened: InteractionResult,
    fields: Record<string, string>,
    where: { locale?: string; channelId?: string } = {},
  ): Promise<InteractionResult> {
    const modal = opened.modal;
    if (!modal || typeof modal.custom_id !== 'string') throw new Error('That interaction did not open a modal');
    const payload = opened.payload as { channel_id?: string; message?: { id?: string } };
    return this.world.emulator.submitModal({
      guildId: this.world.guild.id,
      channelId: where.channelId ?? payload.channel_id,
      userId: this.id,
      customId: modal.custom_id,
      fields,
      ...(payload.message?.id ? { messageId: payload.message.id } : {}),
      ...(where.locale ? { locale: where.locale } : {}),
    });
  }

  dms(): EmuMessage[] {
    return this.world.emulator.dms(this.id);
  }

  roles(): string[] {
    return this.world.rolesOf(this);
  }

  private buildOptions(name: string, path: string[], options: Record<string, OptionValue>): CommandOptionInput[] {
    const definition = this.world.commandDefinition(name);
    let leafOptions = definition.options ?? [];
    for (const segment of path) {
      const next = leafOptions.find((option) => option.name === segment && (option.type === 1 || option.type === 2));
      if (!next) throw new Error(`/${name} has no subcommand ${segment}`);
      leafOptions = ('options' in next ? (next.options ?? []) : []) as typeof leafOptions;
    }
    const values: CommandOptionInput[] = Object.entries(options).map(([key, value]) => {
      const option = leafOptions.find((candidate) => candidate.name === key);
      if (!option) throw new Error(`/${[name, ...path].join(' ')} has no option ${key}`);
      return { name: key, type: option.type, value: this.optionValue(value, option.type) };
    });
    return path.reduceRight<CommandOptionInput[]>((inner, segment) => [{ name: segment, options: inner }], values);
  }

  /** Names are accepted where Discord would send ids: '#trips', '@Rimouski', 'Alice'. */
  private optionValue(value: OptionValue, type: number): string | number | boolean {
    if (value instanceof Actor || value instanceof ChannelView) return value.id;
    if (typeof value === 'object') return value.id;
    // Discord sends what the option's type says: "1" typed in a string option arrives as a string.
    if (type === OptionType.String && typeof value !== 'string') return String(value);
    if (typeof value !== 'string') return value;
    if (type === OptionType.Channel && !/^\d+$/.test(value)) return this.world.channel(value).id;
    if (type === OptionType.Role && !/^\d+$/.test(value)) {
      const role = this.world.role(value);
      if (!role) throw new Error(`No role named ${value}`);
      return role.id;
    }
    if (type === OptionType.User && !/^\d+$/.test(value)) return this.world.actor(value.replace(/^@/, '')).id;
    return value;
  }
}

function splitCommandLine(line: string): { name: string; path: string[] } {
  const [name = '', ...path] = line.replace(/^\//, '').trim().split(/\s+/);
  return { name, path };
}

type Component = Record<string, unknown>;
function findComponent(message: EmuMessage, predicate: (component: Component) => boolean): Component | undefined {
  const stack: Component[] = [...(message.components as Component[])];
  while (stack.length > 0) {
    const component = stack.shift()!;
    if (predicate(component)) return component;
    if (Array.isArray(component.components)) stack.push(...(component.components as Component[]));
  }
  return undefined;
}

export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d|w)\s*$/i.exec(text);
  if (!match) throw new Error(`Not a duration: "${text}" (try 30m, 2h, 1d)`);
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const factor: Record<string, number> = {
    ms: 1,
    s: 1_000,
    m: 60_000,
    min: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000,
  };
  return Math.round(amount * factor[unit]!);
}
