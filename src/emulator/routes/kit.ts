import type { Gateway } from '../gateway.js';
import type { RestServer, RouteRequest, RouteResponse } from '../http.js';
import type { InteractionStore } from '../interactions.js';
import type { EmuChannel, EmuGuild, EmuMessage, EmuRole, EmuState } from '../model.js';
import { hasPermission, Permission } from '../permissions.js';
import { DiscordApiError, FormErrors, invalidFormBody, LIMITS } from '../validation.js';

export interface RouteContext {
  state: EmuState;
  rest: RestServer;
  gateway: Gateway;
  interactions: InteractionStore;
  recommendedShards: number;
  /** How many shards may IDENTIFY at once; discord.js waits 5 s between identifies in one bucket. */
  maxConcurrency: number;
  /** Real-time limits, in ms. */
  interactionDeadlineMs: number;
  interactionTokenLifetimeMs: number;
}

// ---- Discord's error answers ----

const unknown = (what: string, code: number) => new DiscordApiError(404, code, `Unknown ${what}`);
export const Errors = {
  unknownChannel: () => unknown('Channel', 10003),
  unknownGuild: () => unknown('Guild', 10004),
  unknownMember: () => unknown('Member', 10007),
  unknownMessage: () => unknown('Message', 10008),
  unknownRole: () => unknown('Role', 10011),
  unknownUser: () => unknown('User', 10013),
  unknownWebhook: () => unknown('Webhook', 10015),
  unknownCommand: () => unknown('application command', 10063),
  unknownInteraction: () => unknown('interaction', 10062),
  unknownEvent: () => unknown('Guild Scheduled Event', 10070),
  missingAccess: () => new DiscordApiError(403, 50001, 'Missing Access'),
  missingPermissions: () => new DiscordApiError(403, 50013, 'Missing Permissions'),
  cannotEditOthers: () => new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user'),
  cannotDm: () => new DiscordApiError(403, 50007, 'Cannot send messages to this user'),
  alreadyAcknowledged: () => new DiscordApiError(400, 40060, 'Interaction has already been acknowledged.'),
  threadExists: () => new DiscordApiError(400, 160004, 'A thread has already been created for this message'),
  archivedThread: () => new DiscordApiError(400, 50083, 'Thread is archived'),
  maxRoles: () => new DiscordApiError(400, 30005, `Maximum number of guild roles reached (${LIMITS.roles})`),
  invalidWebhookToken: () => new DiscordApiError(401, 50027, 'Invalid Webhook Token'),
  invalidRole: () => new DiscordApiError(400, 50028, 'Invalid Role'),
  wrongChannelType: () => new DiscordApiError(400, 50024, 'Cannot execute action on this channel type'),
};

export function formError(path: (string | number)[], code: string, message: string): DiscordApiError {
  const errors = new FormErrors();
  errors.add(path, code, message);
  return invalidFormBody(errors);
}

export const ok = (body: unknown, status = 200): RouteResponse => ({ status, body });
export const noContent = (): RouteResponse => ({ status: 204 });

export function param(request: RouteRequest, name: string): string {
  return request.params[name] ?? '';
}

export type Handler = (request: RouteRequest) => RouteResponse | Promise<RouteResponse>;

/** What every route module needs: the context, a way to add routes, and lookups that fail like Discord. */
export interface RouteKit extends RouteContext {
  botId: string;
  route(method: string, pattern: string, handler: Handler, auth?: boolean): void;
  guildOf(request: RouteRequest): EmuGuild;
  channelOf(request: RouteRequest): EmuChannel;
  messageOf(channel: EmuChannel, request: RouteRequest): EmuMessage;
  roleOf(guild: EmuGuild, roleId: string): EmuRole;
  /** The bot's permissions in a guild, or in one channel of it (overwrites applied) when given. */
  botPermissions(guildId: string | null, channel?: EmuChannel): bigint;
  /** 50013 unless the bot holds every bit of `permission` (in `channel` when given). */
  requirePermission(guildId: string | null, permission: bigint, channel?: EmuChannel): void;
}

export function routeKit(context: RouteContext): RouteKit {
  const { state, rest } = context;
  const botId = state.botUser.id;
  const botPermissions = (guildId: string | null, channel?: EmuChannel): bigint => {
    if (!guildId) return Permission.ViewChannel | Permission.SendMessages;
    return channel ? state.channelPermissionsOf(channel, botId) : state.permissionsOf(guildId, botId);
  };
  return {
    ...context,
    botId,
    route: (method, pattern, handler, auth = true) => rest.add({ method, pattern, handler, auth }),
    guildOf: (request) => {
      const guild = state.guilds.get(param(request, 'guildId'));
      if (!guild || !state.member(guild.id, botId)) throw Errors.unknownGuild();
      return guild;
    },
    channelOf: (request) => {
      const channel = state.channels.get(param(request, 'channelId'));
      if (!channel || channel.deleted) throw Errors.unknownChannel();
      if (channel.guildId && !state.member(channel.guildId, botId)) throw Errors.missingAccess();
      return channel;
    },
    messageOf: (channel, request) => {
      const message = state.messages.get(param(request, 'messageId'));
      if (!message || message.deleted || message.ephemeral || message.channelId !== channel.id)
        throw Errors.unknownMessage();
      return message;
    },
    roleOf: (guild, roleId) => {
      const role = state.roles.get(roleId);
      if (!role || role.deleted || role.guildId !== guild.id) throw Errors.unknownRole();
      return role;
    },
    botPermissions,
    requirePermission: (guildId, permission, channel) => {
      if (guildId && !hasPermission(botPermissions(guildId, channel), permission)) throw Errors.missingPermissions();
    },
  };
}
