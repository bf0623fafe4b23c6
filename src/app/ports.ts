import type { Language } from '../i18n/index.js';
import type { HeadsUpPort } from './headsUpPort.js';
import type { RidePort } from './rides/port.js';
import type { AnnouncementView, RecapView, ReminderView, StopStanding } from './views.js';

/**
 * Every port the use cases need, in one place. The Discord adapter implements them with discord.js (src/discord/*Port.ts,
 * townRoles.ts, guildChannels.ts, markup.ts); the composition root (src/bot.ts) builds each one once. Use cases hand
 * ids and facts through them; how Discord writes a mention, a link or a timestamp, and how long a message may be, is
 * the adapter's business (`Markup`).
 */
export interface Ports {
  trips: TripPort;
  townRoles: TownRolesPort;
  guildChannels: GuildChannelsPort;
  recap: RecapPort;
  reminders: ReminderPort;
  rides: RidePort;
  /** The host's heads-up 24 h before a stop nobody else goes to, and its "widen" reply (src/app/headsUp.ts). */
  headsUp: HeadsUpPort;
  /** The server's quiet hours (src/app/quietPings.ts; src/discord/quietPingsPort.ts). */
  quietPings: QuietPingsPort;
  /** Discord's own onboarding question of towns (src/app/onboarding.ts; src/discord/onboardingPort.ts). */
  onboarding: OnboardingPort;
}

// ---- Discord's vocabulary ----

/** Discord timestamp styles: F full date and time, f date and time, R relative, t time, d date. */
export type TimestampStyle = 'F' | 'R' | 'f' | 't' | 'd';

/**
 * How the chat platform writes references to its own things (src/discord/markup.ts, with discord.js's formatters).
 * The use cases name members, roles, channels and messages by id; this turns the ids into text.
 */
export interface Markup {
  user(userId: string): string;
  role(roleId: string): string;
  channel(channelId: string): string;
  /** A link that opens the message in Discord. */
  messageLink(guildId: string, channelId: string, messageId: string): string;
  /** Shown in each reader's own zone and language. */
  timestamp(instant: Date, style: TimestampStyle): string;
  /**
   * Messages mentioning exactly `userIds`, each saying `text(its mentions)`: split by length when they do not fit one
   * message, each member named in exactly one, each within the platform's length and mention limits.
   */
  mentionMessages(userIds: readonly string[], text: (mentions: string) => string): ThreadMessage[];
  /** How many members one message may ping. */
  readonly maxMentionsPerMessage: number;
}

// ---- trips ----

export interface ThreadMessage {
  content: string;
  /** Exactly the members this message pings (allowed_mentions.users). */
  mentionUserIds: string[];
}

/**
 * The Discord side effects of trips, implemented with discord.js in src/discord/tripPort.ts. Messages are rendered
 * there from the view; every text they hold comes from the i18n catalogs.
 */
export interface TripPort {
  /**
   * Posts the announcement in the channel, pinging exactly `view.trip.pingedRoleIds`. Returns null when the bot
   * cannot post there (no access, missing permission, unknown channel); throws on anything else.
   */
  postAnnouncement(input: { channelId: string; view: AnnouncementView }): Promise<{ messageId: string } | null>;
  /**
   * Re-renders the announcement from the database, after any edit already in flight (see announcementUpdater.ts).
   * `withCalendar` replaces the .ics (the time, place or topic changed). Never throws.
   */
  refreshAnnouncement(input: { guildId: string; tripId: number; withCalendar: boolean }): Promise<void>;
  /**
   * A stop added to the trip: a short message replying to the announcement that pings exactly `stop.stop.pingedRoleIds`
   * (an edit pings nobody). Null when the bot cannot post there.
   */
  postStopPing(input: {
    channelId: string;
    messageId: string;
    view: AnnouncementView;
    stop: StopStanding;
  }): Promise<{ messageId: string } | null>;
  /** The guild's scheduled event mirroring the trip; null when the bot may not (no Manage Events) or it failed. */
  createScheduledEvent(input: { guildId: string; view: AnnouncementView }): Promise<string | null>;
  updateScheduledEvent(input: { guildId: string; eventId: string; view: AnnouncementView }): Promise<void>;
  cancelScheduledEvent(input: { guildId: string; eventId: string }): Promise<void>;
  /**
   * Posts in the announcement's thread, creating the thread on the announcement first when there is none (a thread
   * started on a message takes that message's id; "already created" counts as success). Returns the thread id and
   * how many of `messages` were posted, in order: it stops at the first one Discord refuses (logged), so the caller
   * counts who was really told. Throws only when the thread cannot be opened.
   */
  postInThread(input: {
    guildId: string;
    channelId: string;
    messageId: string;
    threadId: string | null;
    threadName: string;
    messages: ThreadMessage[];
  }): Promise<{ threadId: string; posted: number }>;
  /** false when the member does not accept DMs from the bot. */
  sendDirectMessage(input: { userId: string; content: string }): Promise<boolean>;
  /** The guild's preferred locale as Discord reports it (for the guild's language), null when unknown. */
  guildLocale(guildId: string): string | null;
}

// ---- towns ----

/** Why the bot could not do something with a role. */
export type RoleProblem =
  /** The role no longer exists (deleted in Discord). */
  | 'unknownRole'
  /** The role sits at or above the bot's highest role: Discord forbids managing it (50013). */
  | 'roleAboveBot'
  /** The bot lacks the Manage Roles permission (50013). */
  | 'missingManageRoles'
  /** The guild has Discord's maximum of 250 roles (30005). */
  | 'tooManyRoles'
  /** The member left the guild. */
  | 'unknownMember';

export class TownRoleError extends Error {
  constructor(
    readonly problem: RoleProblem,
    readonly roleId?: string,
  ) {
    super(`town role: ${problem}${roleId ? ` (${roleId})` : ''}`);
    this.name = 'TownRoleError';
  }
}

export interface GuildRole {
  id: string;
  name: string;
  /** @everyone, or a role an integration manages (a bot's own role, a booster role): never a town. */
  reserved: boolean;
  /** Whether the bot may give and take this role, and if not, why. */
  manageable: 'ok' | 'roleAboveBot' | 'missingManageRoles';
  /** Permissions the role holds beyond @everyone's (Discord's names, e.g. "Administrator"): a town role has none. */
  extraPermissions?: readonly string[];
  /** Its place in the guild's role order (@everyone 0), comparable with MemberStanding.highestRank. */
  rank?: number;
}

/** Who runs an admin command, as the guild sees them (guild-level, never a channel's overwrites). */
export interface MemberStanding {
  /** The rank of the member's highest role (GuildRole.rank's scale). */
  highestRank: number;
  isOwner: boolean;
}

/** What a warning's text may say about the guild, read by the Discord side. */
export interface WarnedGuild {
  name: string;
  preferredLocale: string | null;
}

/** Where a warning to a guild's admins went. */
export type AdminWarningDestination = 'log-channel' | 'owner';

/**
 * Telling a guild's admins something only they can fix (src/app/adminWarnings.ts; src/discord/adminWarnings.ts): the
 * guild's moderators-only channel (Discord's "Community updates" channel) when it has one the bot may post in, else a
 * direct message to its owner. Returns where it went, or null when neither could be reached.
 */
export interface AdminWarningsPort {
  warnAdmins(guildId: string, compose: (guild: WarnedGuild) => string): Promise<AdminWarningDestination | null>;
}

/**
 * The Discord side effects of towns; implemented with discord.js in src/discord/townRoles.ts. Failures are
 * thrown as TownRoleError so the use cases can explain them.
 */
export interface TownRolesPort extends AdminWarningsPort {
  getRole(guildId: string, roleId: string): Promise<GuildRole | undefined>;
  /** A role that is not reserved whose name matches, ignoring case and accents. */
  findRoleByName(guildId: string, name: string): Promise<GuildRole | undefined>;
  createRole(guildId: string, name: string): Promise<GuildRole>;
  deleteRole(guildId: string, roleId: string): Promise<void>;
  addMemberRole(guildId: string, userId: string, roleId: string): Promise<void>;
  removeMemberRole(guildId: string, userId: string, roleId: string): Promise<void>;
  /** The guild's role ids as the gateway keeps them (no request): /town list reads which town roles are gone. */
  knownRoleIds?(guildId: string): Promise<ReadonlySet<string>>;
}

// ---- /setup ----

/**
 * What the bot may do in a channel it was asked to post in. 'cannotAttach': it may post but not attach files (an
 * announcement then goes without its .ics).
 */
export type ChannelAccess = 'ok' | 'missing' | 'notText' | 'cannotView' | 'cannotSend' | 'cannotAttach';

/** The Discord facts /setup needs; implemented with discord.js in src/discord/guildChannels.ts. */
export interface GuildChannelsPort {
  /** The guild's system channel (where Discord posts its own join messages), if any. */
  systemChannelId(guildId: string): Promise<string | null>;
  channelAccess(guildId: string, channelId: string): Promise<ChannelAccess>;
  /**
   * Town roles are created not mentionable (members cannot mass-ping a town); the bot pings them through
   * the "Mention @everyone, @here and All Roles" permission, restricted by allowed_mentions to the roles listed.
   */
  canMentionRoles(guildId: string): Promise<boolean>;
}

// ---- the recap ----

/**
 * The Discord side effects of the recap (src/discord/recapPort.ts). Each one can be repeated without a second
 * thread or message: see `postRecap`.
 */
export interface RecapPort {
  guildLocale(guildId: string): string | null;
  /**
   * Members (bots excluded) holding the role, or of the whole guild when `roleId` is null, and how many of `among`
   * are such members; null when unknown.
   */
  countMembers(
    guildId: string,
    roleId: string | null,
    among: readonly string[],
  ): Promise<{ total: number; among: number } | null>;
  /**
   * The announcement's thread, named `name`: the stored one (renamed, unarchived), or one created on the
   * announcement; "already created" (160004) means it exists and has the announcement's id. Throws
   * `AnnouncementGoneError` when the announcement was deleted.
   */
  openThread(input: { channelId: string; messageId: string; threadId: string | null; name: string }): Promise<string>;
  /** The recap message of this trip already in the thread (posted by a previous attempt), if any. */
  findRecapMessage(input: { threadId: string; tripId: number; since: Date }): Promise<string | null>;
  /** Posts the recap message with a nonce and `enforce_nonce`; returns its id. */
  postRecapMessage(input: { threadId: string; nonce: string; view: RecapView }): Promise<string>;
  /** Shows the host's notes under the recap message (null removes them). */
  editRecapNotes(input: {
    threadId: string;
    messageId: string;
    notes: string | null;
    language: RecapView['language'];
  }): Promise<void>;
}

/** The announcement was deleted: there is nothing to open a thread on. */
export class AnnouncementGoneError extends Error {
  constructor() {
    super('the announcement message no longer exists');
    this.name = 'AnnouncementGoneError';
  }
}

// ---- reminders ----

/**
 * The Discord side effects of reminders (src/discord/reminderPort.ts). Both sends carry a nonce with
 * `enforce_nonce`, so a send repeated after a lost response returns the message already created instead of a
 * second one.
 */
export interface ReminderPort {
  guildLocale(guildId: string): string | null;
  /** A direct message; 'refused' when the member does not accept DMs from the bot. */
  sendReminderDm(input: { userId: string; nonce: string; view: ReminderView }): Promise<'sent' | 'refused'>;
  /**
   * One message in the announcement's thread (created when missing) mentioning exactly `userIds`. Returns the thread
   * id, or null when the bot may not post there.
   */
  postReminderInThread(input: {
    view: ReminderView;
    threadName: string;
    userIds: readonly string[];
    nonce: string;
  }): Promise<{ threadId: string } | null>;
  /**
   * How the thread reminder to `userIds` splits into messages that fit (by length: each with the reminder's words);
   * without it, groups of Markup.maxMentionsPerMessage.
   */
  reminderGroups?(view: ReminderView, userIds: readonly string[]): string[][];
}

// ---- the server's quiet hours, Discord's onboarding ----

/** Pings held through the server's quiet hours, sent at their end (src/discord/quietPingsPort.ts). */
export interface QuietPingsPort {
  /**
   * One short reply to the announcement pinging exactly `roleIds`, with a nonce (safe to repeat). Null when the bot
   * cannot post there.
   */
  postHeldPings(input: {
    channelId: string;
    messageId: string;
    stopId: number;
    tripId: number;
    townName: string;
    startsAt: Date;
    roleIds: readonly string[];
    language: Language;
  }): Promise<{ messageId: string } | null>;
  /** The guild's preferred locale as Discord reports it (for the guild's language), null when unknown. */
  guildLocale(guildId: string): string | null;
}

/** Escale's question in the server's native Onboarding: a title and options that each grant roles. */
export interface OnboardingQuestion {
  title: string;
  options: { title: string; roleIds: string[] }[];
}

/** Why the onboarding question could not be written. */
export type OnboardingProblem =
  /** The bot lacks Manage Server or Manage Roles (50013). */
  | 'missingPermissions'
  /** The server already has Discord's maximum of questions. */
  | 'tooManyQuestions'
  /** Discord refused the question (50035: a role gone, a limit). */
  | 'rejected';

export class OnboardingError extends Error {
  constructor(readonly problem: OnboardingProblem) {
    super(`onboarding: ${problem}`);
    this.name = 'OnboardingError';
  }
}

/** The server's native Onboarding (src/discord/onboardingPort.ts, GET/PUT /guilds/{id}/onboarding). */
export interface OnboardingPort {
  /** The permissions the bot lacks to edit the onboarding, by their names in the i18n catalogs (empty: none). */
  missingPermissions(guildId: string): Promise<('manageGuild' | 'manageRoles')[]>;
  /**
   * Reads every question, replaces the one with `promptId` (appends it when absent), removes it when `question` is
   * null, and writes them all back: the server's other questions are left as they were. Returns the id Discord gave
   * the question (null once removed). Throws OnboardingError.
   */
  writeQuestion(guildId: string, promptId: string | null, question: OnboardingQuestion | null): Promise<string | null>;
  /** The guild's preferred locale as Discord reports it (the question's language), null when unknown. */
  guildLocale(guildId: string): string | null;
}
