/**
 * A local, in-process Discord (REST v10 + gateway) that the real, unmodified discord.js client talks
 * to. Tests and the sandbox use it; the bot never imports it.
 *
 * ```ts
 * const emulator = await startEmulator();
 * const guild = emulator.createGuild({ name: 'Bas-Saint-Laurent', preferredLocale: 'fr' });
 * const alice = emulator.addMember(guild.id, { username: 'alice', locale: 'fr' });
 * const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: emulator.apiUrl } });
 * await client.login(emulator.botToken); // then wait for Events.ClientReady
 * const result = await emulator.runCommand({ channelId: guild.systemChannelId!, userId: alice.userId, name: 'trip' });
 * await result.settled();                // a deferred reply has been edited
 * expect(result.response()).toContain('Matane');
 * expect(emulator.render(guild.systemChannelId!)).toMatchInlineSnapshot();
 * await client.destroy(); await emulator.close();
 * ```
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway, type GatewaySession } from './gateway.js';
import { type FaultSpec, type RateLimitOptions, type RecordedRequest, RestServer } from './http.js';
import {
  buildOptions,
  type CommandOptionInput,
  emptyResolved,
  findComponent,
  type InteractionRecord,
  InteractionResult,
  InteractionStore,
  InteractionType,
  interactionEnvelope,
  listCustomIds,
  newInteractionToken,
  resolveChannel,
  resolvedPayload,
  resolveRole,
  resolveUser,
} from './interactions.js';
import { createMessage } from './messages.js';
import {
  ChannelType,
  type EmuChannel,
  type EmuCommand,
  type EmuGuild,
  type EmuMember,
  type EmuMessage,
  type EmuRole,
  type EmuScheduledEvent,
  EmuState,
  type EmuThread,
  type EmuUser,
  type Json,
} from './model.js';
import { DEFAULT_BOT_PERMISSIONS, hasPermission, parsePermissions } from './permissions.js';
import { renderChannel, renderMessage, visibleText } from './render.js';
import { registerRoutes } from './routes.js';

export type { FaultSpec, RecordedRequest } from './http.js';
export type { CommandOptionInput } from './interactions.js';
export { InteractionResult } from './interactions.js';
export type {
  AllowedMentions,
  EmuAttachment,
  EmuChannel,
  EmuCommand,
  EmuGuild,
  EmuMember,
  EmuMessage,
  EmuPinged,
  EmuRole,
  EmuScheduledEvent,
  EmuThread,
  EmuUser,
} from './model.js';
export { ChannelType, MessageFlag } from './model.js';
export { DEFAULT_BOT_PERMISSIONS, Permission } from './permissions.js';
export { shardOf } from './snowflake.js';

export interface EmulatorOptions {
  /** The clock for timestamps, snowflakes, event validation and nonce windows (default: real time). */
  now?: () => Date;
  /** Shard count recommended by GET /gateway/bot (default 1). */
  shards?: number;
  /** `session_start_limit.max_concurrency` (default 1, like a small bot: shards identify 5 s apart). */
  maxConcurrency?: number;
  botUsername?: string;
  botToken?: string;
  /** Permissions of the bot's managed role (default: see DEFAULT_BOT_PERMISSIONS). */
  botPermissions?: bigint;
  /** Per-route bucket size reported in headers and enforced with 429s (default 50 per 1 000 ms). */
  rateLimits?: Partial<RateLimitOptions>;
  /** Discord's 3 s; lower it to test timeouts quickly. Real time. */
  interactionDeadlineMs?: number;
  /** Discord's 15 min for follow-ups and edits through the interaction token. Real time. */
  interactionTokenLifetimeMs?: number;
}

interface InteractionTarget {
  guildId?: string;
  channelId: string;
  userId: string;
  locale?: string;
}

export interface RunCommandInput extends InteractionTarget {
  name: string;
  options?: CommandOptionInput[];
  /**
   * Discord hides a registered command from members lacking its `default_member_permissions`, and
   * from DMs when its `contexts` exclude them; the helper then throws. Set this to simulate a server
   * admin overriding command permissions, to test the bot's own checks.
   */
  ignoreCommandPermissions?: boolean;
}

export interface AutocompleteInput extends RunCommandInput {
  /** The option being typed; placed inside the innermost subcommand given in `options`. */
  focused: { name: string; value: string; type?: number };
}

export interface ClickButtonInput extends Omit<InteractionTarget, 'channelId'> {
  channelId?: string;
  messageId: string;
  customId: string;
}

export interface SelectMenuInput extends ClickButtonInput {
  values: string[];
}

export interface SubmitModalInput extends Omit<InteractionTarget, 'channelId'> {
  channelId?: string;
  customId: string;
  fields: Record<string, string | string[]>;
  /** The message whose component opened the modal, when it was opened from a component. */
  messageId?: string;
}

export interface AddMemberInput {
  username: string;
  globalName?: string;
  bot?: boolean;
  roles?: string[];
  locale?: string;
  dmClosed?: boolean;
  /** Convenience: creates a role holding these permissions and gives it to the member. */
  permissions?: bigint | string;
  /** Adds an existing user (already in another guild) instead of creating one. */
  userId?: string;
}

export interface Emulator {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly botToken: string;
  readonly application: { id: string };
  readonly botUser: { id: string; username: string };
  readonly requests: RecordedRequest[];
  /** Every gateway payload the bot sent except heartbeats (IDENTIFY, RESUME, REQUEST_GUILD_MEMBERS…). */
  readonly gatewayReceived: { op: number; d: unknown; at: number }[];
  readonly state: EmuState;

  createUser(input: {
    username: string;
    globalName?: string;
    bot?: boolean;
    locale?: string;
    dmClosed?: boolean;
  }): EmuUser;
  createGuild(input: { name: string; preferredLocale?: string; ownerId?: string }): EmuGuild;
  updateGuild(
    guildId: string,
    input: { name?: string; preferredLocale?: string; systemChannelId?: string | null },
  ): EmuGuild;
  createChannel(guildId: string, input: { name: string; type?: number; parentId?: string; topic?: string }): EmuChannel;
  createRole(
    guildId: string,
    input: { name: string; permissions?: bigint | string; position?: number; mentionable?: boolean; color?: number },
  ): EmuRole;
  deleteRole(guildId: string, roleId: string): void;
  addMember(guildId: string, input: AddMemberInput): EmuMember & { user: EmuUser };
  removeMember(guildId: string, userId: string): void;
  updateMember(guildId: string, userId: string, input: { roles?: string[]; nick?: string | null }): EmuMember;
  setDmClosed(userId: string, closed: boolean): void;
  /** Deletes a channel or thread (CHANNEL_DELETE / THREAD_DELETE); later requests to it get 10003. */
  deleteChannel(channelId: string): void;
  /** The bot is kicked from a guild (GUILD_DELETE); later requests about it get 10004. */
  kickBot(guildId: string): void;
  /** The DM channel between a user and the bot, created if needed (for DM interactions). */
  dmChannel(userId: string): EmuChannel;
  /** A member (not the bot) writes in a channel: MESSAGE_CREATE. */
  postMessage(input: { channelId: string; userId: string; content: string; replyTo?: string }): EmuMessage;

  runCommand(input: RunCommandInput): Promise<InteractionResult>;
  autocomplete(input: AutocompleteInput): Promise<InteractionResult>;
  clickButton(input: ClickButtonInput): Promise<InteractionResult>;
  selectMenu(input: SelectMenuInput): Promise<InteractionResult>;
  submitModal(input: SubmitModalInput): Promise<InteractionResult>;

  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** Closes the bot's websocket(s) without ending the session: discord.js resumes (4000 by default). */
  dropGateway(code?: number): void;
  /** Sends op 7 RECONNECT, as Discord does when it rotates gateway servers. */
  requestReconnect(): void;
  gatewaySessions(): ReadonlyArray<Readonly<GatewaySession>>;
  /** Every gateway event as it happens (before shard and intent filtering); returns an unsubscribe. */
  onEvent(listener: (event: string, data: unknown, guildId: string | null) => void): () => void;
  /** True while at least one bot websocket is open and identified. */
  readonly connected: boolean;

  messages(channelId: string): EmuMessage[];
  message(messageId: string): EmuMessage | undefined;
  channel(channelId: string): EmuChannel | undefined;
  guild(guildId: string): EmuGuild | undefined;
  member(guildId: string, userId: string): EmuMember | undefined;
  user(userId: string): EmuUser | undefined;
  role(roleId: string): EmuRole | undefined;
  roles(guildId: string): EmuRole[];
  channels(guildId: string): EmuChannel[];
  threads(parentChannelId?: string): EmuThread[];
  scheduledEvents(guildId: string): EmuScheduledEvent[];
  commands(guildId?: string): EmuCommand[];
  dms(userId: string): EmuMessage[];
  render(channelId: string): string;
  renderMessage(messageId: string): string;
  /** Content and embeds of a message as a member reads them. */
  text(messageId: string): string;
  interactions(): InteractionResult[];
  /** Polls until `predicate` returns true (a throw counts as "not yet"; the last one is rethrown on timeout). */
  waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

class EmulatorImpl implements Emulator {
  apiUrl = '';
  gatewayUrl = '';
  readonly botToken: string;
  readonly state: EmuState;
  private readonly rest: RestServer;
  private readonly server: Server;
  private readonly gateway: Gateway;
  private readonly interactionStore = new InteractionStore();
  private readonly deadlineMs: number;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: EmulatorOptions) {
    this.state = new EmuState({
      now: options.now ?? (() => new Date()),
      botUsername: options.botUsername ?? 'Escale',
      botPermissions: options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
    });
    this.botToken =
      options.botToken ??
      `${Buffer.from(this.state.applicationId).toString('base64url')}.emulator.${randomBytes(20).toString('base64url')}`;
    this.deadlineMs = options.interactionDeadlineMs ?? 3_000;
    this.rest = new RestServer({
      token: () => this.botToken,
      rateLimits: { limit: options.rateLimits?.limit ?? 50, windowMs: options.rateLimits?.windowMs ?? 1_000 },
    });
    this.server = createServer((request, response) => {
      this.rest.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `500: ${(error as Error).message}`, code: 0 }));
      });
    });
    this.gateway = new Gateway({ state: this.state, server: this.server, token: () => this.botToken });
    registerRoutes({
      state: this.state,
      rest: this.rest,
      gateway: this.gateway,
      interactions: this.interactionStore,
      recommendedShards: options.shards ?? 1,
      maxConcurrency: options.maxConcurrency ?? 1,
      interactionDeadlineMs: this.deadlineMs,
      interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60_000,
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    this.apiUrl = `http://127.0.0.1:${port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}`;
    this.gateway.url = this.gatewayUrl;
  }

  get application() {
    return { id: this.state.applicationId };
  }

  get botUser() {
    return { id: this.state.botUser.id, username: this.state.botUser.username };
  }

  get requests(): RecordedRequest[] {
    return this.rest.requests;
  }

  get gatewayReceived() {
    return this.gateway.received;
  }

  get connected(): boolean {
    return this.gateway.connected;
  }

  // ---- world building ----

  createUser(input: {
    username: string;
    globalName?: string;
    bot?: boolean;
    locale?: string;
    dmClosed?: boolean;
  }): EmuUser {
    return this.state.createUser(input);
  }

  createGuild(input: { name: string; preferredLocale?: string; ownerId?: string }): EmuGuild {
    const guild = this.state.createGuild(input);
    this.state.dispatch('GUILD_CREATE', this.state.apiGuildCreate(guild), guild.id);
    return guild;
  }

  updateGuild(
    guildId: string,
    input: { name?: string; preferredLocale?: string; systemChannelId?: string | null },
  ): EmuGuild {
    const guild = this.requireGuild(guildId);
    if (input.name !== undefined) guild.name = input.name;
    if (input.preferredLocale !== undefined) guild.preferredLocale = input.preferredLocale;
    if (input.systemChannelId !== undefined) guild.systemChannelId = input.systemChannelId;
    this.state.dispatch('GUILD_UPDATE', this.state.apiGuild(guild), guild.id);
    return guild;
  }

  createChannel(
    guildId: string,
    input: { name: string; type?: number; parentId?: string; topic?: string },
  ): EmuChannel {
    this.requireGuild(guildId);
    const channel = this.state.insertChannel({
      guildId,
      name: input.name,
      type: input.type ?? ChannelType.GuildText,
      parentId: input.parentId ?? null,
    });
    if (input.topic !== undefined) channel.topic = input.topic;
    this.state.dispatch('CHANNEL_CREATE', this.state.apiChannel(channel), guildId);
    return channel;
  }

  createRole(
    guildId: string,
    input: { name: string; permissions?: bigint | string; position?: number; mentionable?: boolean; color?: number },
  ): EmuRole {
    this.requireGuild(guildId);
    const before = new Map(this.state.guildRoles(guildId).map((role) => [role.id, role.position]));
    const role = this.state.insertRole(guildId, {
      name: input.name,
      permissions: parsePermissions(input.permissions, 0n),
      ...(input.position !== undefined ? { position: input.position } : {}),
      ...(input.mentionable !== undefined ? { mentionable: input.mentionable } : {}),
      ...(input.color !== undefined ? { color: input.color } : {}),
    });
    this.state.dispatch('GUILD_ROLE_CREATE', { guild_id: guildId, role: this.state.apiRole(role) }, guildId);
    for (const other of this.state.guildRoles(guildId)) {
      if (before.has(other.id) && before.get(other.id) !== other.position) {
        this.state.dispatch('GUILD_ROLE_UPDATE', { guild_id: guildId, role: this.state.apiRole(other) }, guildId);
      }
    }
    return role;
  }

  deleteRole(guildId: string, roleId: string): void {
    const role = this.state.roles.get(roleId);
    if (!role || role.guildId !== guildId) throw new Error(`Unknown role ${roleId}`);
    this.state.removeRole(role);
    this.state.dispatch('GUILD_ROLE_DELETE', { guild_id: guildId, role_id: roleId }, guildId);
  }

  addMember(guildId: string, input: AddMemberInput): EmuMember & { user: EmuUser } {
    this.requireGuild(guildId);
    const user = input.userId
      ? this.state.users.get(input.userId)
      : this.state.createUser({
          username: input.username,
          ...(input.globalName !== undefined ? { globalName: input.globalName } : {}),
          ...(input.bot !== undefined ? { bot: input.bot } : {}),
          ...(input.locale !== undefined ? { locale: input.locale } : {}),
          ...(input.dmClosed !== undefined ? { dmClosed: input.dmClosed } : {}),
        });
    if (!user) throw new Error(`Unknown user ${input.userId}`);
    const roles = [...(input.roles ?? [])];
    for (const roleId of roles) {
      if (this.state.roles.get(roleId)?.guildId !== guildId)
        throw new Error(`Role ${roleId} is not in guild ${guildId}`);
    }
    if (input.permissions !== undefined) {
      const role = this.createRole(guildId, {
        name: `${user.username} permissions`,
        permissions: parsePermissions(input.permissions, 0n),
      });
      roles.push(role.id);
    }
    const member = this.state.insertMember(guildId, user.id, roles);
    this.state.dispatch('GUILD_MEMBER_ADD', { guild_id: guildId, ...this.state.apiMember(member) }, guildId);
    return Object.assign(member, { user });
  }

  removeMember(guildId: string, userId: string): void {
    const user = this.state.users.get(userId);
    if (!user || !this.state.deleteMember(guildId, userId))
      throw new Error(`User ${userId} is not in guild ${guildId}`);
    this.state.dispatch('GUILD_MEMBER_REMOVE', { guild_id: guildId, user: this.state.apiUser(user) }, guildId);
  }

  updateMember(guildId: string, userId: string, input: { roles?: string[]; nick?: string | null }): EmuMember {
    const member = this.state.member(guildId, userId);
    if (!member) throw new Error(`User ${userId} is not in guild ${guildId}`);
    if (input.roles) member.roles = [...input.roles];
    if (input.nick !== undefined) member.nick = input.nick;
    this.state.dispatch('GUILD_MEMBER_UPDATE', { guild_id: guildId, ...this.state.apiMember(member) }, guildId);
    return member;
  }

  setDmClosed(userId: string, closed: boolean): void {
    const user = this.state.users.get(userId);
    if (!user) throw new Error(`Unknown user ${userId}`);
    user.dmClosed = closed;
  }

  deleteChannel(channelId: string): void {
    const channel = this.requireChannel(channelId);
    channel.deleted = true;
    if (channel.thread) {
      this.state.dispatch(
        'THREAD_DELETE',
        { id: channel.id, guild_id: channel.guildId, parent_id: channel.parentId, type: channel.type },
        channel.guildId,
      );
    } else {
      this.state.dispatch('CHANNEL_DELETE', this.state.apiChannel(channel), channel.guildId);
    }
  }

  kickBot(guildId: string): void {
    this.requireGuild(guildId);
    if (!this.state.deleteMember(guildId, this.state.botUser.id)) throw new Error(`The bot is not in guild ${guildId}`);
    this.state.dispatch('GUILD_DELETE', { id: guildId }, guildId);
  }

  dmChannel(userId: string): EmuChannel {
    if (!this.state.users.has(userId)) throw new Error(`Unknown user ${userId}`);
    return (
      this.state.dmChannelOf(userId) ??
      this.state.insertChannel({ guildId: null, name: null, type: ChannelType.DM, recipientId: userId })
    );
  }

  postMessage(input: { channelId: string; userId: string; content: string; replyTo?: string }): EmuMessage {
    const channel = this.requireChannel(input.channelId);
    if (channel.guildId && !this.state.member(channel.guildId, input.userId)) {
      throw new Error(`User ${input.userId} is not in the guild of channel ${input.channelId}`);
    }
    return createMessage(this.state, {
      channel,
      authorId: input.userId,
      body: {
        content: input.content,
        ...(input.replyTo ? { message_reference: { message_id: input.replyTo } } : {}),
      },
      files: [],
    });
  }

  // ---- interactions ----

  private findCommand(guildId: string | null, name: string): EmuCommand | undefined {
    const all = [...this.state.commands.values()];
    const chatInput = all.filter((command) => command.type === 1 && command.name === name);
    const command =
      chatInput.find((candidate) => guildId !== null && candidate.guildId === guildId) ??
      chatInput.find((candidate) => candidate.guildId === null);
    const visible = all.filter((candidate) => candidate.guildId === null || candidate.guildId === guildId);
    if (!command && visible.length > 0) {
      throw new Error(`/${name} is not registered (registered: ${visible.map((c) => c.name).join(', ')})`);
    }
    return command;
  }

  private checkCommandAvailable(command: EmuCommand, channel: EmuChannel, userId: string): void {
    const { definition } = command;
    if (!channel.guildId) {
      const contexts = Array.isArray(definition['contexts']) ? definition['contexts'] : null;
      if (definition['dm_permission'] === false || (contexts && !contexts.includes(1))) {
        throw new Error(`/${command.name} is not available in DMs`);
      }
      return;
    }
    const contexts = Array.isArray(definition['contexts']) ? definition['contexts'] : null;
    if (contexts && !contexts.includes(0)) throw new Error(`/${command.name} is not available in guilds`);
    const required = definition['default_member_permissions'];
    if (required === undefined || required === null) return;
    const needed = BigInt(String(required));
    const held = this.state.permissionsOf(channel.guildId, userId);
    if (!hasPermission(held, needed)) {
      const user = this.state.users.get(userId);
      throw new Error(
        `/${command.name} is hidden from ${user?.username ?? userId}: it needs permissions ${needed} ` +
          '(pass ignoreCommandPermissions to simulate an admin override)',
      );
    }
  }

  private commandData(input: RunCommandInput, options: CommandOptionInput[]): { data: Json; channel: EmuChannel } {
    const channel = this.requireChannel(input.channelId);
    if (input.guildId !== undefined && input.guildId !== channel.guildId) {
      throw new Error(`Channel ${channel.id} is not in guild ${input.guildId}`);
    }
    const command = this.findCommand(channel.guildId, input.name);
    if (command && !input.ignoreCommandPermissions) this.checkCommandAvailable(command, channel, input.userId);
    const resolved = emptyResolved();
    const permissions = channel.guildId ? this.state.permissionsOf(channel.guildId, input.userId) : 0n;
    const definitions = command
      ? Array.isArray(command.definition['options'])
        ? (command.definition['options'] as Json[])
        : []
      : undefined;
    const built = buildOptions(this.state, channel.guildId, options, definitions, resolved, permissions, input.name);
    const data: Json = {
      id: command?.id ?? this.state.nextId(),
      name: input.name,
      type: 1,
      ...(built.length > 0 ? { options: built } : {}),
      ...(resolvedPayload(resolved) ? { resolved: resolvedPayload(resolved) } : {}),
      ...(command?.guildId ? { guild_id: command.guildId } : {}),
    };
    return { data, channel };
  }

  private dispatchInteraction(input: {
    type: number;
    channel: EmuChannel;
    userId: string;
    locale?: string;
    name: string;
    data: Json;
    message?: EmuMessage;
  }): InteractionRecord {
    if (!this.gateway.sessions.size) {
      throw new Error('The bot is not connected to the emulator gateway: nobody would receive this interaction');
    }
    const id = this.state.nextId();
    const token = newInteractionToken();
    const envelope = interactionEnvelope(this.state, {
      id,
      token,
      type: input.type,
      channel: input.channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    });
    const payload: Json = {
      ...envelope,
      data: input.data,
      ...(input.message ? { message: this.state.apiMessage(input.message) } : {}),
    };
    const record: InteractionRecord = {
      id,
      token,
      type: input.type,
      guildId: input.channel.guildId,
      channelId: input.channel.id,
      userId: input.userId,
      name: input.name,
      payload,
      createdAtReal: Date.now(),
      callback: null,
      originalMessageId: null,
      componentMessageId: input.message?.id ?? null,
      followUpIds: [],
      listeners: new Set(),
    };
    this.interactionStore.add(record);
    this.state.dispatch('INTERACTION_CREATE', payload, input.channel.guildId);
    return record;
  }

  /** Resolves at the callback, or at Discord's deadline with `timedOut` set. */
  private awaitCallback(record: InteractionRecord): Promise<InteractionResult> {
    const result = new InteractionResult(record, this.state);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        record.listeners.delete(listener);
        resolve(result);
      };
      const listener = () => {
        if (record.callback) done();
      };
      const timer = setTimeout(done, this.deadlineMs + 50);
      this.timers.add(timer);
      record.listeners.add(listener);
    });
  }

  async runCommand(input: RunCommandInput): Promise<InteractionResult> {
    const { data, channel } = this.commandData(input, input.options ?? []);
    const record = this.dispatchInteraction({
      type: InteractionType.ApplicationCommand,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.name,
      data,
    });
    return this.awaitCallback(record);
  }

  async autocomplete(input: AutocompleteInput): Promise<InteractionResult> {
    const focused: CommandOptionInput = {
      name: input.focused.name,
      value: input.focused.value,
      focused: true,
      ...(input.focused.type !== undefined ? { type: input.focused.type } : {}),
    };
    const place = (options: CommandOptionInput[]): CommandOptionInput[] => {
      const last = options.at(-1);
      if (last?.options) return [...options.slice(0, -1), { ...last, options: place(last.options) }];
      return [...options, focused];
    };
    const { data, channel } = this.commandData(input, place(input.options ?? []));
    const record = this.dispatchInteraction({
      type: InteractionType.ApplicationCommandAutocomplete,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.name,
      data,
    });
    return this.awaitCallback(record);
  }

  private componentTarget(input: ClickButtonInput): { message: EmuMessage; channel: EmuChannel; component: Json } {
    const message = this.state.messages.get(input.messageId);
    if (!message || message.deleted) throw new Error(`Unknown message ${input.messageId}`);
    if (input.channelId !== undefined && input.channelId !== message.channelId) {
      throw new Error(`Message ${message.id} is not in channel ${input.channelId}`);
    }
    const component = findComponent(message.components, input.customId);
    if (!component) {
      throw new Error(
        `Message ${message.id} has no component "${input.customId}" (has: ${listCustomIds(message.components).join(', ') || 'none'})`,
      );
    }
    if (component['disabled'] === true) throw new Error(`Component "${input.customId}" is disabled`);
    return { message, channel: this.requireChannel(message.channelId), component };
  }

  async clickButton(input: ClickButtonInput): Promise<InteractionResult> {
    const { message, channel, component } = this.componentTarget(input);
    if (component['type'] !== 2) throw new Error(`Component "${input.customId}" is not a button`);
    const record = this.dispatchInteraction({
      type: InteractionType.MessageComponent,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.customId,
      data: { custom_id: input.customId, component_type: 2 },
      message,
    });
    return this.awaitCallback(record);
  }

  async selectMenu(input: SelectMenuInput): Promise<InteractionResult> {
    const { message, channel, component } = this.componentTarget(input);
    const componentType = Number(component['type']);
    if (![3, 5, 6, 7, 8].includes(componentType)) throw new Error(`Component "${input.customId}" is not a select menu`);
    const min = typeof component['min_values'] === 'number' ? component['min_values'] : 1;
    const max = typeof component['max_values'] === 'number' ? component['max_values'] : 1;
    if (input.values.length < min || input.values.length > max) {
      throw new Error(`Select "${input.customId}" takes ${min}–${max} values, got ${input.values.length}`);
    }
    if (componentType === 3) {
      const options = Array.isArray(component['options']) ? (component['options'] as Json[]) : [];
      const allowed = new Set(options.map((option) => String(option['value'])));
      const wrong = input.values.filter((value) => !allowed.has(value));
      if (wrong.length > 0) throw new Error(`Select "${input.customId}" has no option ${wrong.join(', ')}`);
    }
    const resolved = emptyResolved();
    const permissions = channel.guildId ? this.state.permissionsOf(channel.guildId, input.userId) : 0n;
    for (const value of input.values) {
      if (componentType === 5) resolveUser(this.state, channel.guildId, value, resolved);
      if (componentType === 6) resolveRole(this.state, value, resolved);
      if (componentType === 8) resolveChannel(this.state, value, permissions, resolved);
      if (componentType === 7) {
        if (this.state.roles.has(value)) resolveRole(this.state, value, resolved);
        else resolveUser(this.state, channel.guildId, value, resolved);
      }
    }
    const record = this.dispatchInteraction({
      type: InteractionType.MessageComponent,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.customId,
      data: {
        custom_id: input.customId,
        component_type: componentType,
        values: input.values,
        ...(resolvedPayload(resolved) ? { resolved: resolvedPayload(resolved) } : {}),
      },
      message,
    });
    return this.awaitCallback(record);
  }

  async submitModal(input: SubmitModalInput): Promise<InteractionResult> {
    // Rebuild the submission from the modal the bot actually showed, so its layout and limits apply.
    const shown = [...this.interactionStore.all()]
      .reverse()
      .find(
        (record) =>
          record.userId === input.userId &&
          record.callback?.type === 9 &&
          record.callback.data?.['custom_id'] === input.customId,
      );
    const modal = shown?.callback?.data ?? null;
    const messageId = input.messageId ?? shown?.componentMessageId ?? undefined;
    const message = messageId ? this.state.messages.get(messageId) : undefined;
    const channelId = input.channelId ?? shown?.channelId ?? message?.channelId;
    if (!channelId) throw new Error('submitModal needs a channelId when no modal was shown');
    const channel = this.requireChannel(channelId);
    const components = modal ? this.modalSubmission(modal, input.fields) : this.plainSubmission(input.fields);
    const record = this.dispatchInteraction({
      type: InteractionType.ModalSubmit,
      channel,
      userId: input.userId,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      name: input.customId,
      data: { custom_id: input.customId, components },
      ...(message ? { message } : {}),
    });
    return this.awaitCallback(record);
  }

  private plainSubmission(fields: Record<string, string | string[]>): Json[] {
    return Object.entries(fields).map(([customId, value]) => ({
      type: 1,
      components: [{ type: 4, custom_id: customId, value: Array.isArray(value) ? value.join(',') : value }],
    }));
  }

  private modalSubmission(modal: Json, fields: Record<string, string | string[]>): Json[] {
    const rows = Array.isArray(modal['components']) ? (modal['components'] as Json[]) : [];
    const known = new Set<string>();
    const submitted = rows.map((row) => {
      const inner =
        row['type'] === 1 && Array.isArray(row['components'])
          ? ((row['components'] as Json[])[0] ?? {})
          : ((row['component'] as Json | undefined) ?? {});
      const customId = String(inner['custom_id'] ?? '');
      if (!customId) return { type: row['type'], id: row['id'] };
      known.add(customId);
      const value = fields[customId];
      const required = inner['required'] !== false;
      if (inner['type'] === 4) {
        const text = Array.isArray(value) ? value.join(',') : (value ?? '');
        if (required && text.length === 0) throw new Error(`Modal field "${customId}" is required`);
        const min = typeof inner['min_length'] === 'number' ? inner['min_length'] : 0;
        const max = typeof inner['max_length'] === 'number' ? inner['max_length'] : 4000;
        if (text.length > 0 && (text.length < min || text.length > max)) {
          throw new Error(`Modal field "${customId}" takes ${min}–${max} characters, got ${text.length}`);
        }
        const component = { type: 4, custom_id: customId, value: text };
        return row['type'] === 1 ? { type: 1, components: [component] } : { type: 18, component };
      }
      const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
      return { type: 18, component: { type: inner['type'], custom_id: customId, values } };
    });
    const unknownFields = Object.keys(fields).filter((customId) => !known.has(customId));
    if (unknownFields.length > 0) throw new Error(`The modal has no field ${unknownFields.join(', ')}`);
    return submitted;
  }

  // ---- faults and gateway control ----

  injectFault(fault: FaultSpec): void {
    this.rest.injectFault(fault);
  }

  clearFaults(): void {
    this.rest.clearFaults();
  }

  dropGateway(code = 4000): void {
    this.gateway.drop(code);
  }

  requestReconnect(): void {
    this.gateway.requestReconnect();
  }

  gatewaySessions(): ReadonlyArray<Readonly<GatewaySession>> {
    return [...this.gateway.sessions.values()];
  }

  onEvent(listener: (event: string, data: unknown, guildId: string | null) => void): () => void {
    return this.state.onDispatch(listener);
  }

  // ---- observation ----

  messages(channelId: string): EmuMessage[] {
    return this.state.channelMessages(channelId);
  }

  message(messageId: string): EmuMessage | undefined {
    return this.state.messages.get(messageId);
  }

  channel(channelId: string): EmuChannel | undefined {
    return this.state.channels.get(channelId);
  }

  guild(guildId: string): EmuGuild | undefined {
    return this.state.guilds.get(guildId);
  }

  member(guildId: string, userId: string): EmuMember | undefined {
    return this.state.member(guildId, userId);
  }

  user(userId: string): EmuUser | undefined {
    return this.state.users.get(userId);
  }

  role(roleId: string): EmuRole | undefined {
    const role = this.state.roles.get(roleId);
    return role && !role.deleted ? role : undefined;
  }

  roles(guildId: string): EmuRole[] {
    return this.state.guildRoles(guildId);
  }

  channels(guildId: string): EmuChannel[] {
    return this.state.guildChannels(guildId);
  }

  threads(parentChannelId?: string): EmuThread[] {
    return [...this.state.channels.values()].filter(
      (channel): channel is EmuThread =>
        channel.thread !== null &&
        !channel.deleted &&
        (parentChannelId === undefined || channel.parentId === parentChannelId),
    );
  }

  scheduledEvents(guildId: string): EmuScheduledEvent[] {
    return [...this.state.scheduledEvents.values()].filter((event) => event.guildId === guildId && !event.deleted);
  }

  commands(guildId?: string): EmuCommand[] {
    return [...this.state.commands.values()].filter((command) => command.guildId === (guildId ?? null));
  }

  dms(userId: string): EmuMessage[] {
    const channel = this.state.dmChannelOf(userId);
    return channel ? this.state.channelMessages(channel.id) : [];
  }

  render(channelId: string): string {
    return renderChannel(this.state, channelId);
  }

  renderMessage(messageId: string): string {
    const message = this.state.messages.get(messageId);
    return message ? renderMessage(this.state, message) : `(unknown message ${messageId})`;
  }

  text(messageId: string): string {
    const message = this.state.messages.get(messageId);
    return message ? visibleText(this.state, message) : '';
  }

  interactions(): InteractionResult[] {
    return this.interactionStore.all().map((record) => new InteractionResult(record, this.state));
  }

  async waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown = null;
    for (;;) {
      try {
        if (await predicate()) return;
        lastError = null;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() >= deadline) {
        if (lastError) throw lastError;
        throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private requireGuild(guildId: string): EmuGuild {
    const guild = this.state.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}`);
    return guild;
  }

  private requireChannel(channelId: string): EmuChannel {
    const channel = this.state.channels.get(channelId);
    if (!channel || channel.deleted) throw new Error(`Unknown channel ${channelId}`);
    return channel;
  }
}

/** Starts a local Discord (REST + gateway) on 127.0.0.1 with a free port. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorImpl(options);
  await emulator.listen();
  return emulator;
}
