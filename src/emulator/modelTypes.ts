/** The emulated Discord's records (what it stores) and Discord's constants, shared by every module. */
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
  /** Channel permission overwrites (threads use their parent's). */
  overwrites: EmuOverwrite[];
  /** Present on threads. */
  thread: EmuThreadMetadata | null;
  deleted: boolean;
}

/** A channel permission overwrite: type 0 for a role (the guild id is @everyone), 1 for a member. */
export interface EmuOverwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

export type EmuThread = EmuChannel & { thread: EmuThreadMetadata };

export interface EmuGuild {
  readonly id: string;
  name: string;
  ownerId: string;
  preferredLocale: string;
  systemChannelId: string | null;
  /** The Community "updates" channel, which only moderators see (public_updates_channel_id). */
  publicUpdatesChannelId: string | null;
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
  /** The file's bytes, so tests can check an image. */
  bytes: Buffer;
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

export interface OnboardingOption {
  id: string;
  title: string;
  description: string | null;
  role_ids: string[];
  channel_ids: string[];
  emoji: { id: string | null; name: string | null; animated: boolean } | null;
}

export interface OnboardingPrompt {
  id: string;
  /** 0 multiple choice, 1 dropdown. */
  type: number;
  title: string;
  single_select: boolean;
  required: boolean;
  in_onboarding: boolean;
  options: OnboardingOption[];
}

/** A guild's onboarding as `GET /guilds/{id}/onboarding` returns it. */
export interface Onboarding {
  guild_id: string;
  prompts: OnboardingPrompt[];
  default_channel_ids: string[];
  enabled: boolean;
  /** 0 default, 1 advanced. */
  mode: number;
}
