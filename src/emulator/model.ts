import { ALL_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, hasPermission, Permission } from './permissions.js';
import { SnowflakeGenerator } from './snowflake.js';

export type Json = Record<string, unknown>;

export const ChannelType = {
  GuildText: 0,
  DM: 1,
  GuildVoice: 2,
  GuildCategory: 4,
  GuildAnnouncement: 5,
  AnnouncementThread: 10,
  PublicThread: 11,
  PrivateThread: 12,
  GuildForum: 15,
} as const;

export const MessageFlag = {
  SuppressEmbeds: 1 << 2,
  Ephemeral: 1 << 6,
  Loading: 1 << 7,
  SuppressNotifications: 1 << 12,
  IsComponentsV2: 1 << 15,
} as const;

export const MessageType = {
  Default: 0,
  ThreadCreated: 18,
  Reply: 19,
  ChatInputCommand: 20,
  ThreadStarterMessage: 21,
} as const;

export interface EmuUser {
  readonly id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  /** The user's client language, used as the default `locale` of their interactions. */
  locale: string;
  /** When true, the bot cannot open a DM with them (Discord answers 50007). */
  dmClosed: boolean;
}

export interface EmuRole {
  readonly id: string;
  readonly guildId: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  hoist: boolean;
  mentionable: boolean;
  managed: boolean;
  /** Set on a bot's own integration role. */
  botId: string | null;
  deleted: boolean;
}

export interface EmuMember {
  readonly guildId: string;
  readonly userId: string;
  nick: string | null;
  roles: string[];
  joinedAt: Date;
}

export interface EmuThreadMetadata {
  ownerId: string;
  archived: boolean;
  locked: boolean;
  autoArchiveDuration: number;
  archiveTimestamp: Date;
  createTimestamp: Date;
  invitable: boolean;
  messageCount: number;
  memberIds: Set<string>;
}

export interface EmuChannel {
  readonly id: string;
  type: number;
  guildId: string | null;
  name: string | null;
  parentId: string | null;
  position: number;
  topic: string | null;
  /** The other participant of a DM channel. */
  recipientId: string | null;
  lastMessageId: string | null;
  rateLimitPerUser: number;
  /** Present on threads. */
  thread: EmuThreadMetadata | null;
  deleted: boolean;
}

export type EmuThread = EmuChannel & { thread: EmuThreadMetadata };

export interface EmuGuild {
  readonly id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  systemChannelId: string | null;
  description: string | null;
  createdAt: Date;
  /** The bot's managed role in this guild. */
  botRoleId: string;
}

export interface EmuAttachment {
  readonly id: string;
  filename: string;
  description: string | null;
  contentType: string;
  size: number;
  /** The file's bytes decoded as UTF-8, so tests can read an .ics or a .csv. */
  text: string;
}

export interface AllowedMentions {
  parse?: string[];
  users?: string[];
  roles?: string[];
  replied_user?: boolean;
}

/** Who Discord actually notified when the message was created (edits notify nobody). */
export interface EmuPinged {
  users: string[];
  roles: string[];
  everyone: boolean;
}

export interface EmuMessageVersion {
  content: string;
  embeds: Json[];
  components: Json[];
  editedAt: Date | null;
}

export interface EmuMessage {
  readonly id: string;
  readonly channelId: string;
  readonly guildId: string | null;
  authorId: string;
  type: number;
  content: string;
  embeds: Json[];
  components: Json[];
  attachments: EmuAttachment[];
  flags: number;
  createdAt: Date;
  editedAt: Date | null;
  nonce: string | null;
  allowedMentions: AllowedMentions | null;
  pinged: EmuPinged;
  /** Users, roles and @everyone written in the current content, pinged or not. */
  mentions: EmuPinged;
  webhookId: string | null;
  applicationId: string | null;
  interaction: { id: string; type: number; name: string; userId: string } | null;
  messageReference: { messageId: string; channelId: string; guildId: string | null } | null;
  /** The thread started on this message, if any (its id equals this message's id). */
  threadId: string | null;
  ephemeral: boolean;
  deleted: boolean;
  /** Previous versions, oldest first, so tests can see how a message was edited over time. */
  history: EmuMessageVersion[];
}

export interface EmuScheduledEvent {
  readonly id: string;
  readonly guildId: string;
  channelId: string | null;
  creatorId: string;
  name: string;
  description: string | null;
  scheduledStartTime: Date;
  scheduledEndTime: Date | null;
  privacyLevel: number;
  status: number;
  entityType: number;
  location: string | null;
  userCount: number;
  deleted: boolean;
}

export interface EmuCommand {
  readonly id: string;
  readonly applicationId: string;
  readonly guildId: string | null;
  version: string;
  type: number;
  name: string;
  /** The definition as the bot sent it (options, localizations, permissions…). */
  definition: Json;
}

export type DispatchListener = (event: string, data: unknown, guildId: string | null) => void;

export interface StateOptions {
  now: () => Date;
  botUsername: string;
  botPermissions: bigint;
}

/**
 * Everything the emulated Discord knows, plus the rules that do not depend on HTTP or the gateway
 * (permissions, role hierarchy, API shapes). Routes and the public API both mutate it through here.
 */
export class EmuState {
  readonly users = new Map<string, EmuUser>();
  readonly guilds = new Map<string, EmuGuild>();
  readonly roles = new Map<string, EmuRole>();
  readonly channels = new Map<string, EmuChannel>();
  readonly messages = new Map<string, EmuMessage>();
  readonly scheduledEvents = new Map<string, EmuScheduledEvent>();
  readonly commands = new Map<string, EmuCommand>();
  private readonly members = new Map<string, EmuMember>();
  /** `channel:author:nonce` → message id, so `enforce_nonce` stays O(1) under load. */
  private readonly nonces = new Map<string, string>();
  private readonly listeners = new Set<DispatchListener>();
  readonly snowflakes: SnowflakeGenerator;
  readonly botUser: EmuUser;
  readonly applicationId: string;

  constructor(readonly options: StateOptions) {
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

  // ---- API shapes (Discord v10 JSON) ----

  apiUser(user: EmuUser): Json {
    return {
      id: user.id,
      username: user.username,
      global_name: user.globalName,
      discriminator: '0',
      avatar: null,
      bot: user.bot || undefined,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
  }

  apiRole(role: EmuRole): Json {
    return {
      id: role.id,
      name: role.name,
      color: role.color,
      colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
      hoist: role.hoist,
      icon: null,
      unicode_emoji: null,
      position: role.position,
      permissions: role.permissions.toString(),
      managed: role.managed,
      mentionable: role.mentionable,
      flags: 0,
      ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
    };
  }

  apiMember(member: EmuMember, options: { withUser?: boolean } = {}): Json {
    const user = this.users.get(member.userId);
    return {
      ...(options.withUser !== false && user ? { user: this.apiUser(user) } : {}),
      nick: member.nick,
      avatar: null,
      banner: null,
      roles: [...member.roles],
      joined_at: member.joinedAt.toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
  }

  apiChannel(channel: EmuChannel): Json {
    if (channel.type === ChannelType.DM) {
      const recipient = channel.recipientId ? this.users.get(channel.recipientId) : undefined;
      return {
        id: channel.id,
        type: channel.type,
        last_message_id: channel.lastMessageId,
        flags: 0,
        recipients: recipient ? [this.apiUser(recipient)] : [],
      };
    }
    const base: Json = {
      id: channel.id,
      type: channel.type,
      guild_id: channel.guildId,
      name: channel.name,
      parent_id: channel.parentId,
      last_message_id: channel.lastMessageId,
      rate_limit_per_user: channel.rateLimitPerUser,
      flags: 0,
    };
    if (channel.thread) {
      const meta = channel.thread;
      return {
        ...base,
        owner_id: meta.ownerId,
        message_count: meta.messageCount,
        total_message_sent: meta.messageCount,
        member_count: meta.memberIds.size,
        thread_metadata: {
          archived: meta.archived,
          auto_archive_duration: meta.autoArchiveDuration,
          archive_timestamp: meta.archiveTimestamp.toISOString(),
          locked: meta.locked,
          invitable: channel.type === ChannelType.PrivateThread ? meta.invitable : undefined,
          create_timestamp: meta.createTimestamp.toISOString(),
        },
      };
    }
    return {
      ...base,
      position: channel.position,
      permission_overwrites: [],
      topic: channel.topic,
      nsfw: false,
    };
  }

  apiGuild(guild: EmuGuild): Json {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      region: 'deprecated',
      afk_channel_id: null,
      afk_timeout: 300,
      widget_enabled: false,
      widget_channel_id: null,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: this.guildRoles(guild.id).map((role) => this.apiRole(role)),
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: guild.systemChannelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      max_presences: null,
      max_members: 500_000,
      vanity_url_code: null,
      description: guild.description,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: guild.preferredLocale,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  /** The full GUILD_CREATE payload a bot receives for a guild it is in. */
  apiGuildCreate(guild: EmuGuild): Json {
    const members = this.guildMembers(guild.id);
    const botMember = this.member(guild.id, this.botUser.id);
    return {
      ...this.apiGuild(guild),
      joined_at: (botMember?.joinedAt ?? guild.createdAt).toISOString(),
      large: false,
      unavailable: false,
      member_count: members.length,
      voice_states: [],
      members: members.map((member) => this.apiMember(member)),
      channels: this.guildChannels(guild.id).map((channel) => this.apiChannel(channel)),
      threads: this.guildThreads(guild.id)
        .filter((thread) => !thread.thread.archived)
        .map((thread) => this.apiChannel(thread)),
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [...this.scheduledEvents.values()]
        .filter((event) => event.guildId === guild.id && !event.deleted)
        .map((event) => this.apiScheduledEvent(event)),
      soundboard_sounds: [],
      embedded_activities: [],
      application_command_counts: {},
      hub_type: null,
      lazy: true,
    };
  }

  apiAttachment(attachment: EmuAttachment, channelId: string): Json {
    const url = `https://cdn.discordapp.com/attachments/${channelId}/${attachment.id}/${encodeURIComponent(attachment.filename)}`;
    return {
      id: attachment.id,
      filename: attachment.filename,
      description: attachment.description ?? undefined,
      content_type: attachment.contentType,
      size: attachment.size,
      url,
      proxy_url: url,
    };
  }

  apiMessage(message: EmuMessage): Json {
    const author = this.users.get(message.authorId);
    const thread = message.threadId ? this.channels.get(message.threadId) : undefined;
    const mentionedUsers = message.pinged.users
      .map((id) => this.users.get(id))
      .filter((user): user is EmuUser => user !== undefined);
    const reference = message.messageReference;
    const referenced = reference ? this.messages.get(reference.messageId) : undefined;
    return {
      id: message.id,
      type: message.type,
      channel_id: message.channelId,
      author: author ? this.apiUser(author) : undefined,
      content: message.content,
      timestamp: message.createdAt.toISOString(),
      edited_timestamp: message.editedAt?.toISOString() ?? null,
      tts: false,
      mention_everyone: message.pinged.everyone,
      mentions: mentionedUsers.map((user) => this.apiUser(user)),
      mention_roles: [...message.pinged.roles],
      mention_channels: [],
      attachments: message.attachments.map((attachment) => this.apiAttachment(attachment, message.channelId)),
      embeds: message.embeds,
      components: message.components,
      nonce: message.nonce ?? undefined,
      pinned: false,
      webhook_id: message.webhookId ?? undefined,
      application_id: message.applicationId ?? undefined,
      flags: message.flags,
      ...(message.interaction
        ? {
            interaction_metadata: {
              id: message.interaction.id,
              type: message.interaction.type,
              user: this.apiUserOf(message.interaction.userId),
              authorizing_integration_owners: message.guildId
                ? { '0': message.guildId }
                : { '1': message.interaction.userId },
              name: message.interaction.name,
            },
          }
        : {}),
      ...(reference
        ? {
            message_reference: {
              type: 0,
              message_id: reference.messageId,
              channel_id: reference.channelId,
              guild_id: reference.guildId ?? undefined,
            },
            referenced_message:
              referenced && !referenced.deleted ? this.apiMessage({ ...referenced, messageReference: null }) : null,
          }
        : {}),
      ...(thread ? { thread: this.apiChannel(thread) } : {}),
    };
  }

  /** MESSAGE_CREATE/UPDATE add `guild_id` and the author's `member`. */
  apiGatewayMessage(message: EmuMessage): Json {
    const payload = this.apiMessage(message);
    if (!message.guildId) return payload;
    const member = this.member(message.guildId, message.authorId);
    return {
      ...payload,
      guild_id: message.guildId,
      ...(member && !message.webhookId ? { member: this.apiMember(member, { withUser: false }) } : {}),
    };
  }

  apiUserOf(userId: string): Json | undefined {
    const user = this.users.get(userId);
    return user ? this.apiUser(user) : undefined;
  }

  apiScheduledEvent(event: EmuScheduledEvent): Json {
    const creator = this.users.get(event.creatorId);
    return {
      id: event.id,
      guild_id: event.guildId,
      channel_id: event.channelId,
      creator_id: event.creatorId,
      name: event.name,
      description: event.description,
      scheduled_start_time: event.scheduledStartTime.toISOString(),
      scheduled_end_time: event.scheduledEndTime?.toISOString() ?? null,
      privacy_level: event.privacyLevel,
      status: event.status,
      entity_type: event.entityType,
      entity_id: null,
      entity_metadata: event.location === null ? null : { location: event.location },
      creator: creator ? this.apiUser(creator) : undefined,
      user_count: event.userCount,
      image: null,
      recurrence_rule: null,
    };
  }

  apiCommand(command: EmuCommand): Json {
    return {
      default_member_permissions: null,
      nsfw: false,
      description_localizations: null,
      name_localizations: null,
      contexts: null,
      integration_types: [0],
      ...command.definition,
      id: command.id,
      application_id: command.applicationId,
      version: command.version,
      type: command.type,
      name: command.name,
      description: typeof command.definition['description'] === 'string' ? command.definition['description'] : '',
      ...(command.guildId ? { guild_id: command.guildId } : {}),
    };
  }
}
