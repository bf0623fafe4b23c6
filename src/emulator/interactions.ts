import { randomBytes } from 'node:crypto';
import { ChannelType, type EmuChannel, type EmuMessage, type EmuState, type Json, MessageFlag } from './model.js';
import { hasPermission, Permission } from './permissions.js';
import { visibleText } from './render.js';

export const InteractionType = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  ApplicationCommandAutocomplete: 4,
  ModalSubmit: 5,
} as const;

export const CallbackType = {
  Pong: 1,
  ChannelMessageWithSource: 4,
  DeferredChannelMessageWithSource: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  ApplicationCommandAutocompleteResult: 8,
  Modal: 9,
} as const;

/** Which callback types Discord accepts for each interaction type. */
export const ALLOWED_CALLBACKS: Record<number, number[]> = {
  [InteractionType.ApplicationCommand]: [4, 5, 9],
  [InteractionType.MessageComponent]: [4, 5, 6, 7, 9],
  [InteractionType.ApplicationCommandAutocomplete]: [8],
  [InteractionType.ModalSubmit]: [4, 5, 6, 7],
};

export interface CommandOptionInput {
  name: string;
  /** Inferred from the registered command, else from the value (string 3, integer 4, number 10, boolean 5). */
  type?: number;
  value?: string | number | boolean;
  options?: CommandOptionInput[];
  focused?: boolean;
}

export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly type: number;
  readonly guildId: string | null;
  readonly channelId: string;
  readonly userId: string;
  /** Command name, or the custom id of a component or modal. */
  readonly name: string;
  readonly payload: Json;
  /** Real time of dispatch: Discord's 3 s and 15 min limits run on the wall clock. */
  readonly createdAtReal: number;
  callback: { type: number; data: Json | null; atReal: number } | null;
  /** The message `@original` designates: the reply, or for component updates the clicked message. */
  originalMessageId: string | null;
  readonly componentMessageId: string | null;
  readonly followUpIds: string[];
  readonly listeners: Set<() => void>;
}

export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();
  private readonly byToken = new Map<string, InteractionRecord>();

  add(record: InteractionRecord): void {
    this.byId.set(record.id, record);
    this.byToken.set(record.token, record);
  }

  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  getByToken(token: string): InteractionRecord | undefined {
    return this.byToken.get(token);
  }

  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  notify(record: InteractionRecord): void {
    for (const listener of [...record.listeners]) listener();
  }
}

export function newInteractionToken(): string {
  return `aW50ZXJhY3Rpb24${randomBytes(48).toString('base64url')}`;
}

/**
 * What the user saw in answer to one interaction. Live: reading it later shows later edits and
 * follow-ups, so a test can `await result.settled()` after a deferred reply and read `response()`.
 */
export class InteractionResult {
  constructor(
    private readonly record: InteractionRecord,
    private readonly state: EmuState,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The interaction payload as dispatched to the bot. */
  get payload(): Json {
    return this.record.payload;
  }

  /** 4 reply, 5 deferred reply, 6 deferred update, 7 update, 8 autocomplete, 9 modal; null when unanswered. */
  get callbackType(): number | null {
    return this.record.callback?.type ?? null;
  }

  /** The data of the initial callback as the bot sent it. */
  get data(): Json | null {
    return this.record.callback?.data ?? null;
  }

  get acknowledged(): boolean {
    return this.record.callback !== null;
  }

  /** The bot did not answer within Discord's 3 s: the user saw "The application did not respond". */
  get timedOut(): boolean {
    return this.record.callback === null;
  }

  /** Milliseconds (real time) between dispatch and the bot's callback. */
  get latencyMs(): number | null {
    return this.record.callback ? this.record.callback.atReal - this.record.createdAtReal : null;
  }

  get deferred(): boolean {
    const type = this.callbackType;
    return type === CallbackType.DeferredChannelMessageWithSource || type === CallbackType.DeferredUpdateMessage;
  }

  get ephemeral(): boolean {
    const flags = this.data?.['flags'];
    if (typeof flags === 'number' && (flags & MessageFlag.Ephemeral) !== 0) return true;
    return this.original()?.ephemeral ?? false;
  }

  get modal(): Json | null {
    return this.callbackType === CallbackType.Modal ? this.data : null;
  }

  get choices(): { name: string; value: string | number }[] {
    const choices =
      this.callbackType === CallbackType.ApplicationCommandAutocompleteResult ? this.data?.['choices'] : null;
    return Array.isArray(choices) ? (choices as { name: string; value: string | number }[]) : [];
  }

  /** The member who interacted reads the answer in their client's language. */
  private get readerLocale(): string | null {
    const locale = this.record.payload['locale'];
    return typeof locale === 'string' ? locale : null;
  }

  /** The reply (or, for component updates, the clicked message) as it is now. */
  original(): EmuMessage | undefined {
    const id = this.record.originalMessageId;
    return id ? this.state.messages.get(id) : undefined;
  }

  /** Text of the reply as the user sees it now: content and embeds, mentions resolved. */
  response(): string {
    const message = this.original();
    if (!message || message.deleted) return '';
    return visibleText(this.state, message, this.readerLocale);
  }

  get followUps(): EmuMessage[] {
    return this.record.followUpIds
      .map((id) => this.state.messages.get(id))
      .filter((message): message is EmuMessage => message !== undefined && !message.deleted);
  }

  /** Everything the user read in answer, in order: the reply then each follow-up. */
  texts(): string[] {
    const texts = [
      this.response(),
      ...this.followUps.map((message) => visibleText(this.state, message, this.readerLocale)),
    ];
    return texts.filter((text) => text.length > 0);
  }

  text(): string {
    return this.texts().join('\n');
  }

  /** Waits until `predicate` holds, re-checking on every change to this interaction. */
  waitFor(predicate: (result: InteractionResult) => boolean, timeoutMs = 5_000): Promise<this> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this)) return false;
        cleanup();
        resolve(this);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Interaction ${this.record.name}: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.record.listeners.delete(listener);
      };
      const listener = () => {
        check();
      };
      this.record.listeners.add(listener);
      check();
    });
  }

  /** Resolves once a deferred reply has been edited into a real message (immediately otherwise). */
  settled(timeoutMs = 5_000): Promise<this> {
    return this.waitFor((result) => {
      if (result.callbackType !== CallbackType.DeferredChannelMessageWithSource) return true;
      const original = result.original();
      return original !== undefined && (original.flags & MessageFlag.Loading) === 0;
    }, timeoutMs);
  }

  /** Resolves once `count` follow-ups exist. */
  waitForFollowUps(count: number, timeoutMs = 5_000): Promise<this> {
    return this.waitFor((result) => result.followUps.length >= count, timeoutMs);
  }
}

// ---- payload building ----

function inferType(input: CommandOptionInput): number {
  if (input.options) return input.options.some((option) => option.options) ? 2 : 1;
  if (typeof input.value === 'boolean') return 5;
  if (typeof input.value === 'number') return Number.isInteger(input.value) ? 4 : 10;
  return 3;
}

export interface Resolved {
  users: Record<string, Json>;
  members: Record<string, Json>;
  roles: Record<string, Json>;
  channels: Record<string, Json>;
}

export function emptyResolved(): Resolved {
  return { users: {}, members: {}, roles: {}, channels: {} };
}

export function resolvedPayload(resolved: Resolved): Json | undefined {
  const entries = Object.entries(resolved).filter(([, value]) => Object.keys(value).length > 0);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

export function resolveUser(state: EmuState, guildId: string | null, userId: string, resolved: Resolved): void {
  const user = state.users.get(userId);
  if (!user) throw new Error(`Unknown user ${userId}`);
  resolved.users[userId] = state.apiUser(user);
  const member = guildId ? state.member(guildId, userId) : undefined;
  if (member && guildId) {
    resolved.members[userId] = {
      ...state.apiMember(member, { withUser: false }),
      permissions: state.permissionsOf(guildId, userId).toString(),
    };
  }
}

export function resolveRole(state: EmuState, roleId: string, resolved: Resolved): void {
  const role = state.roles.get(roleId);
  if (!role) throw new Error(`Unknown role ${roleId}`);
  resolved.roles[roleId] = state.apiRole(role);
}

export function resolveChannel(state: EmuState, channelId: string, userPermissions: bigint, resolved: Resolved): void {
  const channel = state.channels.get(channelId);
  if (!channel) throw new Error(`Unknown channel ${channelId}`);
  const api = state.apiChannel(channel);
  resolved.channels[channelId] = {
    id: channel.id,
    name: channel.name,
    type: channel.type,
    parent_id: channel.parentId,
    permissions: userPermissions.toString(),
    ...(api['thread_metadata'] ? { thread_metadata: api['thread_metadata'] } : {}),
  };
}

function definitionOptions(definition: Json | undefined): Json[] | undefined {
  const options = definition?.['options'];
  return Array.isArray(options) ? (options as Json[]) : undefined;
}

/** Turns test input into Discord's option tree, filling `resolved` for user/role/channel options. */
export function buildOptions(
  state: EmuState,
  guildId: string | null,
  inputs: CommandOptionInput[],
  definitions: Json[] | undefined,
  resolved: Resolved,
  userPermissions: bigint,
  commandName: string,
): Json[] {
  return inputs.map((input) => {
    const definition = definitions?.find((option) => option['name'] === input.name);
    if (definitions && !definition) {
      const known = definitions.map((option) => String(option['name'])).join(', ');
      throw new Error(`/${commandName} has no option "${input.name}" (known: ${known || 'none'})`);
    }
    const type = input.type ?? (typeof definition?.['type'] === 'number' ? definition['type'] : inferType(input));
    if (type === 1 || type === 2) {
      return {
        name: input.name,
        type,
        options: buildOptions(
          state,
          guildId,
          input.options ?? [],
          definitions ? (definitionOptions(definition) ?? []) : undefined,
          resolved,
          userPermissions,
          commandName,
        ),
      };
    }
    const value = input.value;
    if (!input.focused && typeof value === 'string') {
      if (type === 6) resolveUser(state, guildId, value, resolved);
      if (type === 8) resolveRole(state, value, resolved);
      if (type === 7) resolveChannel(state, value, userPermissions, resolved);
      if (type === 9) {
        if (state.roles.has(value)) resolveRole(state, value, resolved);
        else resolveUser(state, guildId, value, resolved);
      }
    }
    return { name: input.name, type, value, ...(input.focused ? { focused: true } : {}) };
  });
}

/** The fields every interaction shares: who, where, locale, permissions, integration context. */
export function interactionEnvelope(
  state: EmuState,
  input: {
    id: string;
    token: string;
    type: number;
    channel: EmuChannel;
    userId: string;
    locale?: string;
  },
): Json {
  const { channel, userId } = input;
  const user = state.users.get(userId);
  if (!user) throw new Error(`Unknown user ${userId}`);
  const guildId = channel.guildId;
  const guild = guildId ? state.guilds.get(guildId) : undefined;
  const base: Json = {
    id: input.id,
    application_id: state.applicationId,
    type: input.type,
    token: input.token,
    version: 1,
    channel_id: channel.id,
    locale: input.locale ?? user.locale,
    entitlements: [],
    attachment_size_limit: 26_214_400,
  };
  if (!guildId || !guild) {
    if (channel.type !== ChannelType.DM) throw new Error(`Channel ${channel.id} is not a DM channel`);
    return {
      ...base,
      user: state.apiUser(user),
      channel: { ...state.apiChannel(channel), recipients: [state.apiUser(user)] },
      app_permissions: (Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks).toString(),
      authorizing_integration_owners: { '0': state.applicationId },
      context: 1,
    };
  }
  const member = state.member(guildId, userId);
  if (!member) throw new Error(`User ${user.username} is not a member of guild ${guild.name}`);
  // Like Discord's payload: permissions in this channel, overwrites applied.
  const permissions = state.channelPermissionsOf(channel, userId);
  if (
    !hasPermission(permissions, Permission.UseApplicationCommands) &&
    input.type === InteractionType.ApplicationCommand
  ) {
    throw new Error(`User ${user.username} lacks Use Application Commands in ${guild.name}`);
  }
  return {
    ...base,
    guild_id: guildId,
    guild: { id: guildId, locale: guild.preferredLocale, features: [] },
    guild_locale: guild.preferredLocale,
    channel: { ...state.apiChannel(channel), permissions: permissions.toString() },
    member: { ...state.apiMember(member), permissions: permissions.toString() },
    app_permissions: state.channelPermissionsOf(channel, state.botUser.id).toString(),
    authorizing_integration_owners: { '0': guildId },
    context: 0,
  };
}

/** Finds a component by custom id anywhere in a message's component tree. */
export function findComponent(components: Json[], customId: string): Json | undefined {
  for (const component of components) {
    if (component['custom_id'] === customId) return component;
    const children = [
      ...(Array.isArray(component['components']) ? (component['components'] as Json[]) : []),
      ...(component['accessory'] && typeof component['accessory'] === 'object' ? [component['accessory'] as Json] : []),
      ...(component['component'] && typeof component['component'] === 'object' ? [component['component'] as Json] : []),
    ];
    const found = findComponent(children, customId);
    if (found) return found;
  }
  return undefined;
}

export function listCustomIds(components: Json[]): string[] {
  const ids: string[] = [];
  const walk = (list: Json[]) => {
    for (const component of list) {
      if (typeof component['custom_id'] === 'string') ids.push(component['custom_id']);
      if (Array.isArray(component['components'])) walk(component['components'] as Json[]);
      if (component['component'] && typeof component['component'] === 'object') walk([component['component'] as Json]);
    }
  };
  walk(components);
  return ids;
}
