import type { GatewaySession } from './gateway.js';
import type { FaultSpec, RateLimitOptions, RecordedRequest } from './http.js';
import type { CommandOptionInput, InteractionResult } from './interactions.js';
import type {
  EmuChannel,
  EmuCommand,
  EmuGuild,
  EmuMember,
  EmuMessage,
  EmuRole,
  EmuScheduledEvent,
  EmuState,
  EmuThread,
  EmuUser,
  Onboarding,
  OnboardingPrompt,
} from './model.js';
import type { IdentifyRecord, IdentifyViolation } from './rates.js';

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

export interface InteractionTarget {
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

/** A channel permission overwrite to set; permissions as bigint or Discord's decimal string. */
export interface OverwriteInput {
  /** A role id (the guild id is @everyone) or a user id. */
  id: string;
  /** Inferred from `id` when absent. */
  type?: 'role' | 'member';
  allow?: bigint | string;
  deny?: bigint | string;
}

/** An onboarding question added by the server's admins (see `seedOnboardingPrompt`). */
export interface OnboardingPromptInput {
  title: string;
  options: { title: string; description?: string; roleIds?: string[]; channelIds?: string[] }[];
  /** 0 multiple choice (default), 1 dropdown. */
  type?: number;
  singleSelect?: boolean;
  required?: boolean;
  /** Turn onboarding on (default true). */
  enable?: boolean;
}

/** Who reads: their client language decides how command mentions (`</trip new:ID>`) are shown. */
export interface ReaderOptions {
  locale?: string;
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
    input: {
      name?: string;
      preferredLocale?: string;
      systemChannelId?: string | null;
      /** The moderators-only Community updates channel. */
      publicUpdatesChannelId?: string | null;
    },
  ): EmuGuild;
  createChannel(
    guildId: string,
    input: { name: string; type?: number; parentId?: string; topic?: string; overwrites?: OverwriteInput[] },
  ): EmuChannel;
  createRole(
    guildId: string,
    input: { name: string; permissions?: bigint | string; position?: number; mentionable?: boolean; color?: number },
  ): EmuRole;
  deleteRole(guildId: string, roleId: string): void;
  /** Replaces a role's permissions (the guild id names @everyone); sends GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint | string): EmuRole;
  /** Sets one channel permission overwrite (role or member); sends CHANNEL_UPDATE. */
  setChannelOverwrite(channelId: string, overwrite: OverwriteInput): EmuChannel;
  removeChannelOverwrite(channelId: string, id: string): EmuChannel;
  /** Adds a question to the guild's onboarding as its admins would (Discord's limits apply). */
  seedOnboardingPrompt(guildId: string, prompt: OnboardingPromptInput): OnboardingPrompt;
  /** The guild's onboarding as `GET /guilds/{id}/onboarding` returns it. */
  onboarding(guildId: string): Onboarding;
  /** A member's (or the bot's) permissions in a channel, computed as Discord does (overwrites applied). */
  permissionsIn(channelId: string, userId: string): bigint;
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
  /** Every IDENTIFY the gateway accepted, with its bucket (`shard_id % max_concurrency`) and real time. */
  identifies(): ReadonlyArray<Readonly<IdentifyRecord>>;
  /** Pairs of identifies of one bucket less than 5 s apart: Discord would have refused the second. */
  identifyViolations(): IdentifyViolation[];
  /**
   * The most REST requests made with the bot token in any 1-second window (Discord's global limit is 50/s).
   * Interaction callbacks and webhooks are exempt unless `includeInteractions`; `since` is a Date.now() value.
   */
  maxRequestsPerSecond(options?: { since?: number; includeInteractions?: boolean }): number;
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
  /** A channel as members read it; command mentions in `options.locale` (default: the guild's language, a DM's recipient's). */
  render(channelId: string, options?: ReaderOptions): string;
  renderMessage(messageId: string, options?: ReaderOptions): string;
  /** Content and embeds of a message as a member reads them. */
  text(messageId: string, options?: ReaderOptions): string;
  interactions(): InteractionResult[];
  /** Polls until `predicate` returns true (a throw counts as "not yet"; the last one is rethrown on timeout). */
  waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
