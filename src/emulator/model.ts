import {
  ChannelType,
  type DispatchListener,
  type EmuChannel,
  type EmuCommand,
  type EmuGuild,
  type EmuMember,
  type EmuMessage,
  type EmuRole,
  type EmuScheduledEvent,
  type EmuThread,
  type EmuThreadMetadata,
  type EmuUser,
  type Onboarding,
  type StateOptions,
} from './modelTypes.js';
import {
  ALL_PERMISSIONS,
  applyOverwrites,
  DEFAULT_EVERYONE_PERMISSIONS,
  hasPermission,
  Permission,
} from './permissions.js';
import { EmuShapes } from './shapes.js';
import { SnowflakeGenerator } from './snowflake.js';

export * from './modelTypes.js';

/**
 * Everything the emulated Discord knows, plus the rules that do not depend on HTTP or the gateway
 * (permissions, role hierarchy, API shapes). Routes and the public API both mutate it through here.
 */
export class EmuState extends EmuShapes {
  readonly users = new Map<string, EmuUser>();
  readonly guilds = new Map<string, EmuGuild>();
  readonly roles = new Map<string, EmuRole>();
  readonly channels = new Map<string, EmuChannel>();
  readonly messages = new Map<string, EmuMessage>();
  readonly scheduledEvents = new Map<string, EmuScheduledEvent>();
  readonly commands = new Map<string, EmuCommand>();
  /** Guild id → its native onboarding (absent: never configured). */
  readonly onboarding = new Map<string, Onboarding>();
  private readonly members = new Map<string, EmuMember>();
  /** `channel:author:nonce` → message id, so `enforce_nonce` stays O(1) under load. */
  private readonly nonces = new Map<string, string>();
  private readonly listeners = new Set<DispatchListener>();
  readonly snowflakes: SnowflakeGenerator;
  readonly botUser: EmuUser;
  readonly applicationId: string;

  constructor(readonly options: StateOptions) {
    super();
    this.snowflakes = new SnowflakeGenerator(() => options.now().getTime());
    this.applicationId = this.snowflakes.next();
    this.botUser = {
      id: this.applicationId,
      username: options.botUsername,
      globalName: null,
      bot: true,
      locale: 'en-US',
      dmClosed: false,
    };
    this.users.set(this.botUser.id, this.botUser);
  }

  now(): Date {
    return this.options.now();
  }

  nextId(): string {
    return this.snowflakes.next();
  }

  onDispatch(listener: DispatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(event: string, data: unknown, guildId: string | null): void {
    for (const listener of this.listeners) listener(event, data, guildId);
  }

  // ---- users, guilds, members ----

  createUser(input: {
    username: string;
    globalName?: string | null;
    bot?: boolean;
    locale?: string;
    dmClosed?: boolean;
  }) {
    const user: EmuUser = {
      id: this.nextId(),
      username: input.username,
      globalName: input.globalName ?? null,
      bot: input.bot ?? false,
      locale: input.locale ?? 'en-US',
      dmClosed: input.dmClosed ?? false,
    };
    this.users.set(user.id, user);
    return user;
  }

  createGuild(input: { name: string; preferredLocale?: string; ownerId?: string }): EmuGuild {
    const id = this.nextId();
    const owner = input.ownerId ? this.users.get(input.ownerId) : this.createUser({ username: `${input.name} owner` });
    if (!owner) throw new Error(`Unknown owner user ${input.ownerId}`);
    const guild: EmuGuild = {
      id,
      name: input.name,
      ownerId: owner.id,
      preferredLocale: input.preferredLocale ?? 'en-US',
      systemChannelId: null,
      publicUpdatesChannelId: null,
      description: null,
      createdAt: this.now(),
      botRoleId: '',
    };
    this.guilds.set(id, guild);
    this.roles.set(id, {
      id,
      guildId: id,
      name: '@everyone',
      permissions: DEFAULT_EVERYONE_PERMISSIONS,
      position: 0,
      color: 0,
      hoist: false,
      mentionable: false,
      managed: false,
      botId: null,
      deleted: false,
    });
    const botRole = this.insertRole(id, {
      name: this.botUser.username,
      permissions: this.options.botPermissions,
      managed: true,
      botId: this.botUser.id,
    });
    guild.botRoleId = botRole.id;
    const general = this.insertChannel({ guildId: id, name: 'general', type: ChannelType.GuildText });
    guild.systemChannelId = general.id;
    this.insertMember(id, owner.id, []);
    this.insertMember(id, this.botUser.id, [botRole.id]);
    return guild;
  }

  member(guildId: string, userId: string): EmuMember | undefined {
    return this.members.get(`${guildId}:${userId}`);
  }

  guildMembers(guildId: string): EmuMember[] {
    return [...this.members.values()].filter((member) => member.guildId === guildId);
  }

  insertMember(guildId: string, userId: string, roles: string[]): EmuMember {
    const member: EmuMember = { guildId, userId, nick: null, roles: [...roles], joinedAt: this.now() };
    this.members.set(`${guildId}:${userId}`, member);
    return member;
  }

  deleteMember(guildId: string, userId: string): boolean {
    return this.members.delete(`${guildId}:${userId}`);
  }

  // ---- roles ----

  guildRoles(guildId: string): EmuRole[] {
    return [...this.roles.values()]
      .filter((role) => role.guildId === guildId && !role.deleted)
      .sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Inserts a role at a position (default 1, just above @everyone, like Discord), shifting the others up. */
  insertRole(
    guildId: string,
    input: {
      name: string;
      permissions?: bigint;
      position?: number;
      color?: number;
      hoist?: boolean;
      mentionable?: boolean;
      managed?: boolean;
      botId?: string | null;
    },
  ): EmuRole {
    const others = this.guildRoles(guildId).filter((role) => role.id !== guildId);
    const position = Math.min(Math.max(input.position ?? 1, 1), others.length + 1);
    for (const role of others) if (role.position >= position) role.position += 1;
    const role: EmuRole = {
      id: this.nextId(),
      guildId,
      name: input.name,
      permissions: input.permissions ?? 0n,
      position,
      color: input.color ?? 0,
      hoist: input.hoist ?? false,
      mentionable: input.mentionable ?? false,
      managed: input.managed ?? false,
      botId: input.botId ?? null,
      deleted: false,
    };
    this.roles.set(role.id, role);
    return role;
  }

  removeRole(role: EmuRole): void {
    role.deleted = true;
    for (const other of this.guildRoles(role.guildId)) if (other.position > role.position) other.position -= 1;
    for (const member of this.guildMembers(role.guildId)) member.roles = member.roles.filter((id) => id !== role.id);
  }

  moveRole(role: EmuRole, position: number): void {
    const others = this.guildRoles(role.guildId).filter((r) => r.id !== role.guildId && r.id !== role.id);
    const target = Math.min(Math.max(position, 1), others.length + 1);
    others.sort((a, b) => a.position - b.position);
    others.splice(target - 1, 0, role);
    others.forEach((r, index) => {
      r.position = index + 1;
    });
  }

  highestRolePosition(guildId: string, userId: string): number {
    const member = this.member(guildId, userId);
    if (!member) return -1;
    let highest = 0;
    for (const roleId of member.roles) {
      const role = this.roles.get(roleId);
      if (role && !role.deleted && role.position > highest) highest = role.position;
    }
    return highest;
  }

  permissionsOf(guildId: string, userId: string): bigint {
    const guild = this.guilds.get(guildId);
    const member = this.member(guildId, userId);
    if (!guild || !member) return 0n;
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    let permissions = this.roles.get(guildId)?.permissions ?? 0n;
    for (const roleId of member.roles) {
      const role = this.roles.get(roleId);
      if (role && !role.deleted) permissions |= role.permissions;
    }
    return hasPermission(permissions, Permission.Administrator) ? ALL_PERMISSIONS : permissions;
  }

  /**
   * A member's permissions in one channel, as Discord computes them: the guild-level permissions (owner and
   * Administrator hold everything), then the @everyone overwrite, the member's roles' overwrites together, and the
   * member's own overwrite. A thread uses its parent's overwrites. Without View Channel, nothing else counts.
   */
  channelPermissionsOf(channel: EmuChannel, userId: string): bigint {
    if (!channel.guildId) return Permission.ViewChannel | Permission.SendMessages | Permission.EmbedLinks;
    const base = this.permissionsOf(channel.guildId, userId);
    if (base === ALL_PERMISSIONS) return ALL_PERMISSIONS;
    const source = channel.thread && channel.parentId ? this.channels.get(channel.parentId) : channel;
    const member = this.member(channel.guildId, userId);
    return applyOverwrites(base, source?.overwrites ?? [], {
      everyoneId: channel.guildId,
      roleIds: member?.roles ?? [],
      userId,
    });
  }

  /** Discord's hierarchy rule: the bot may only manage roles strictly below its highest role. */
  botCanManageRole(role: EmuRole): boolean {
    if (!hasPermission(this.permissionsOf(role.guildId, this.botUser.id), Permission.ManageRoles)) return false;
    const guild = this.guilds.get(role.guildId);
    if (guild?.ownerId === this.botUser.id) return true;
    return role.position < this.highestRolePosition(role.guildId, this.botUser.id);
  }

  // ---- channels ----

  insertChannel(input: {
    guildId: string | null;
    name: string | null;
    type: number;
    parentId?: string | null;
    recipientId?: string | null;
    id?: string;
    thread?: EmuThreadMetadata | null;
  }): EmuChannel {
    const siblings = [...this.channels.values()].filter((c) => c.guildId === input.guildId && !c.thread);
    const channel: EmuChannel = {
      id: input.id ?? this.nextId(),
      type: input.type,
      guildId: input.guildId,
      name: input.name,
      parentId: input.parentId ?? null,
      position: input.thread ? 0 : siblings.length,
      topic: null,
      recipientId: input.recipientId ?? null,
      lastMessageId: null,
      rateLimitPerUser: 0,
      overwrites: [],
      thread: input.thread ?? null,
      deleted: false,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  guildChannels(guildId: string): EmuChannel[] {
    return [...this.channels.values()].filter((c) => c.guildId === guildId && !c.thread && !c.deleted);
  }

  guildThreads(guildId: string): EmuThread[] {
    return [...this.channels.values()].filter(
      (c): c is EmuThread => c.guildId === guildId && c.thread !== null && !c.deleted,
    );
  }

  dmChannelOf(userId: string): EmuChannel | undefined {
    return [...this.channels.values()].find((c) => c.type === ChannelType.DM && c.recipientId === userId);
  }

  addMessage(message: EmuMessage): void {
    this.messages.set(message.id, message);
    if (message.nonce !== null)
      this.nonces.set(`${message.channelId}:${message.authorId}:${message.nonce}`, message.id);
  }

  messageByNonce(channelId: string, authorId: string, nonce: string): EmuMessage | undefined {
    const id = this.nonces.get(`${channelId}:${authorId}:${nonce}`);
    return id ? this.messages.get(id) : undefined;
  }

  channelMessages(channelId: string): EmuMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channelId === channelId && !m.deleted && !m.ephemeral)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }
}
