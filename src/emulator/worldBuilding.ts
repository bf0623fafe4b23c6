import type { AddMemberInput, OnboardingPromptInput, OverwriteInput } from './api.js';
import {
  ChannelType,
  type EmuChannel,
  type EmuGuild,
  type EmuMember,
  type EmuRole,
  type EmuState,
  type EmuUser,
} from './model.js';
import type { EmuOverwrite, Onboarding, OnboardingPrompt } from './modelTypes.js';
import { emptyOnboarding, parseOnboarding } from './onboarding.js';
import { parsePermissions } from './permissions.js';

/**
 * Test set-up: users, guilds, channels, roles and members, each change announced on the gateway
 * (GUILD_CREATE, CHANNEL_CREATE, GUILD_ROLE_*, GUILD_MEMBER_*…) so the bot's caches stay true.
 */
export class WorldBuilder {
  constructor(private readonly state: EmuState) {}

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
    input: {
      name?: string;
      preferredLocale?: string;
      systemChannelId?: string | null;
      publicUpdatesChannelId?: string | null;
    },
  ): EmuGuild {
    const guild = this.requireGuild(guildId);
    if (input.publicUpdatesChannelId !== undefined) guild.publicUpdatesChannelId = input.publicUpdatesChannelId;
    if (input.name !== undefined) guild.name = input.name;
    if (input.preferredLocale !== undefined) guild.preferredLocale = input.preferredLocale;
    if (input.systemChannelId !== undefined) guild.systemChannelId = input.systemChannelId;
    this.state.dispatch('GUILD_UPDATE', this.state.apiGuild(guild), guild.id);
    return guild;
  }

  createChannel(
    guildId: string,
    input: { name: string; type?: number; parentId?: string; topic?: string; overwrites?: OverwriteInput[] },
  ): EmuChannel {
    this.requireGuild(guildId);
    const channel = this.state.insertChannel({
      guildId,
      name: input.name,
      type: input.type ?? ChannelType.GuildText,
      parentId: input.parentId ?? null,
    });
    if (input.topic !== undefined) channel.topic = input.topic;
    for (const overwrite of input.overwrites ?? []) this.putOverwrite(channel, overwrite);
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

  /** Replaces a role's permissions (the guild id names @everyone) and sends GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint | string): EmuRole {
    const role = this.state.roles.get(roleId);
    if (!role || role.deleted || role.guildId !== guildId) throw new Error(`Unknown role ${roleId}`);
    role.permissions = parsePermissions(permissions, role.permissions);
    this.state.dispatch('GUILD_ROLE_UPDATE', { guild_id: guildId, role: this.state.apiRole(role) }, guildId);
    return role;
  }

  /**
   * Sets (or replaces) one permission overwrite of a channel and sends CHANNEL_UPDATE. `type` defaults to
   * 'role' when `id` is a role of the guild (the guild id is @everyone), else 'member'.
   */
  setChannelOverwrite(channelId: string, input: OverwriteInput): EmuChannel {
    const channel = this.requireChannel(channelId);
    if (!channel.guildId || channel.thread)
      throw new Error('Overwrites belong to guild channels (threads use their parent)');
    this.putOverwrite(channel, input);
    this.state.dispatch('CHANNEL_UPDATE', this.state.apiChannel(channel), channel.guildId);
    return channel;
  }

  /** Removes one overwrite of a channel and sends CHANNEL_UPDATE. */
  removeChannelOverwrite(channelId: string, id: string): EmuChannel {
    const channel = this.requireChannel(channelId);
    channel.overwrites = channel.overwrites.filter((overwrite) => overwrite.id !== id);
    this.state.dispatch('CHANNEL_UPDATE', this.state.apiChannel(channel), channel.guildId);
    return channel;
  }

  private putOverwrite(channel: EmuChannel, input: OverwriteInput): void {
    const role = this.state.roles.get(input.id);
    const isRole = input.type ? input.type === 'role' : role !== undefined && role.guildId === channel.guildId;
    if (!isRole && !this.state.users.has(input.id)) throw new Error(`Unknown role or user ${input.id}`);
    const overwrite: EmuOverwrite = {
      id: input.id,
      type: isRole ? 0 : 1,
      allow: parsePermissions(input.allow, 0n),
      deny: parsePermissions(input.deny, 0n),
    };
    channel.overwrites = [...channel.overwrites.filter((existing) => existing.id !== input.id), overwrite];
  }

  /**
   * A question the server's admins added to Discord's onboarding themselves (not the bot), checked with
   * Discord's rules; it is appended to the current prompts.
   */
  seedOnboardingPrompt(guildId: string, input: OnboardingPromptInput): OnboardingPrompt {
    this.requireGuild(guildId);
    const current = this.state.onboarding.get(guildId) ?? emptyOnboarding(guildId);
    const prompt = {
      type: input.type ?? 0,
      title: input.title,
      single_select: input.singleSelect ?? false,
      required: input.required ?? false,
      in_onboarding: true,
      options: input.options.map((option) => ({
        title: option.title,
        description: option.description ?? null,
        role_ids: option.roleIds ?? [],
        channel_ids: option.channelIds ?? [],
      })),
    };
    const { errors, onboarding } = parseOnboarding(this.state, guildId, current, {
      prompts: [...current.prompts, prompt],
      enabled: input.enable ?? true,
    });
    if (!errors.empty) throw new Error(`Discord would refuse this prompt: ${JSON.stringify(errors.tree)}`);
    this.state.onboarding.set(guildId, onboarding);
    return onboarding.prompts.at(-1)!;
  }

  /** The guild's onboarding as `GET /guilds/{id}/onboarding` returns it (a copy). */
  onboarding(guildId: string): Onboarding {
    this.requireGuild(guildId);
    return structuredClone(this.state.onboarding.get(guildId) ?? emptyOnboarding(guildId));
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

  requireGuild(guildId: string): EmuGuild {
    const guild = this.state.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}`);
    return guild;
  }

  requireChannel(channelId: string): EmuChannel {
    const channel = this.state.channels.get(channelId);
    if (!channel || channel.deleted) throw new Error(`Unknown channel ${channelId}`);
    return channel;
  }
}
