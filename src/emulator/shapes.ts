import type {
  EmuAttachment,
  EmuChannel,
  EmuCommand,
  EmuGuild,
  EmuMember,
  EmuMessage,
  EmuRole,
  EmuScheduledEvent,
  EmuThread,
  EmuUser,
  Json,
} from './modelTypes.js';
import { ChannelType } from './modelTypes.js';

/**
 * Discord v10 JSON for each record, as REST answers and gateway events carry it. The state class below
 * supplies the records; keeping the shapes apart keeps the rules readable.
 */
export abstract class EmuShapes {
  abstract readonly users: Map<string, EmuUser>;
  abstract readonly roles: Map<string, EmuRole>;
  abstract readonly channels: Map<string, EmuChannel>;
  abstract readonly messages: Map<string, EmuMessage>;
  abstract readonly scheduledEvents: Map<string, EmuScheduledEvent>;
  abstract readonly botUser: EmuUser;
  abstract readonly applicationId: string;
  abstract member(guildId: string, userId: string): EmuMember | undefined;
  abstract guildMembers(guildId: string): EmuMember[];
  abstract guildRoles(guildId: string): EmuRole[];
  abstract guildChannels(guildId: string): EmuChannel[];
  abstract guildThreads(guildId: string): EmuThread[];

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
      permission_overwrites: channel.overwrites.map((overwrite) => ({
        id: overwrite.id,
        type: overwrite.type,
        allow: overwrite.allow.toString(),
        deny: overwrite.deny.toString(),
      })),
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
      public_updates_channel_id: guild.publicUpdatesChannelId,
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
