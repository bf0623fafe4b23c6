import type { Gateway } from './gateway.js';
import { jsonBody, type RestServer, type RouteRequest, type RouteResponse } from './http.js';
import {
  ALLOWED_CALLBACKS,
  CallbackType,
  type InteractionRecord,
  type InteractionStore,
  InteractionType,
} from './interactions.js';
import { createMessage, deleteMessage, editMessage, findByNonce } from './messages.js';
import {
  ChannelType,
  type EmuChannel,
  type EmuCommand,
  type EmuGuild,
  type EmuMessage,
  type EmuRole,
  type EmuScheduledEvent,
  type EmuState,
  type Json,
  MessageFlag,
  MessageType,
} from './model.js';
import { hasPermission, Permission } from './permissions.js';
import {
  DiscordApiError,
  FormErrors,
  invalidFormBody,
  LIMITS,
  validateAutocompleteChoices,
  validateCommand,
  validateCommands,
  validateModal,
  validateThreadName,
} from './validation.js';

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
const Errors = {
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
};

function formError(path: string[], code: string, message: string): DiscordApiError {
  const errors = new FormErrors();
  errors.add(path, code, message);
  return invalidFormBody(errors);
}

const ok = (body: unknown, status = 200): RouteResponse => ({ status, body });
const noContent = (): RouteResponse => ({ status: 204 });

function param(request: RouteRequest, name: string): string {
  return request.params[name] ?? '';
}

export function registerRoutes(context: RouteContext): void {
  const { state, rest } = context;
  const botId = state.botUser.id;

  const route = (
    method: string,
    pattern: string,
    handler: (request: RouteRequest) => RouteResponse | Promise<RouteResponse>,
    auth = true,
  ) => rest.add({ method, pattern, handler, auth });

  // ---- lookups with Discord's errors ----

  const guildOf = (request: RouteRequest): EmuGuild => {
    const guild = state.guilds.get(param(request, 'guildId'));
    if (!guild || !state.member(guild.id, botId)) throw Errors.unknownGuild();
    return guild;
  };
  const channelOf = (request: RouteRequest): EmuChannel => {
    const channel = state.channels.get(param(request, 'channelId'));
    if (!channel || channel.deleted) throw Errors.unknownChannel();
    if (channel.guildId && !state.member(channel.guildId, botId)) throw Errors.missingAccess();
    return channel;
  };
  const messageOf = (channel: EmuChannel, request: RouteRequest): EmuMessage => {
    const message = state.messages.get(param(request, 'messageId'));
    if (!message || message.deleted || message.ephemeral || message.channelId !== channel.id)
      throw Errors.unknownMessage();
    return message;
  };
  const roleOf = (guild: EmuGuild, roleId: string): EmuRole => {
    const role = state.roles.get(roleId);
    if (!role || role.deleted || role.guildId !== guild.id) throw Errors.unknownRole();
    return role;
  };
  const botPermissions = (guildId: string | null): bigint =>
    guildId ? state.permissionsOf(guildId, botId) : Permission.ViewChannel | Permission.SendMessages;
  const requirePermission = (guildId: string | null, permission: bigint) => {
    if (guildId && !hasPermission(botPermissions(guildId), permission)) throw Errors.missingPermissions();
  };

  // ---- gateway, users, application ----

  route('GET', '/gateway/bot', () =>
    ok({
      url: context.gateway.url,
      shards: context.recommendedShards,
      session_start_limit: {
        total: 1000,
        remaining: 999,
        reset_after: 14_400_000,
        max_concurrency: context.maxConcurrency,
      },
    }),
  );
  route('GET', '/gateway', () => ok({ url: context.gateway.url }), false);

  const application = () => ({
    id: state.applicationId,
    name: state.botUser.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: state.apiUser(state.botUser),
    bot: state.apiUser(state.botUser),
    approximate_guild_count: [...state.guilds.values()].length,
    install_params: undefined,
    integration_types_config: { '0': {} },
  });
  route('GET', '/applications/@me', () => ok(application()));
  route('GET', '/oauth2/applications/@me', () => ok(application()));

  route('GET', '/users/@me', () =>
    ok({ ...state.apiUser(state.botUser), verified: true, mfa_enabled: false, email: null, locale: 'en-US' }),
  );
  route('POST', '/users/@me/channels', (request) => {
    const recipientId = String(jsonBody(request.body)['recipient_id'] ?? '');
    const user = state.users.get(recipientId);
    if (!user) throw Errors.unknownUser();
    // Discord opens the channel even when the user refuses DMs; sending into it is what fails.
    const channel =
      state.dmChannelOf(recipientId) ??
      state.insertChannel({ guildId: null, name: null, type: ChannelType.DM, recipientId });
    return ok(state.apiChannel(channel));
  });
  route('GET', '/users/:userId', (request) => {
    const user = state.users.get(param(request, 'userId'));
    if (!user) throw Errors.unknownUser();
    return ok(state.apiUser(user));
  });

  // ---- application commands ----

  const commandsFor = (guildId: string | null): EmuCommand[] =>
    [...state.commands.values()].filter((command) => command.guildId === guildId);
  const checkApplication = (request: RouteRequest) => {
    if (param(request, 'appId') !== state.applicationId) throw Errors.missingAccess();
  };
  const commandGuild = (request: RouteRequest): string | null => {
    const guildId = request.params['guildId'];
    if (guildId === undefined) return null;
    if (!state.guilds.has(guildId) || !state.member(guildId, botId)) throw Errors.missingAccess();
    return guildId;
  };
  const upsertCommand = (guildId: string | null, definition: Json): EmuCommand => {
    const type = typeof definition['type'] === 'number' ? definition['type'] : 1;
    const name = String(definition['name']);
    const existing = commandsFor(guildId).find((command) => command.name === name && command.type === type);
    const command: EmuCommand = {
      id: existing?.id ?? state.nextId(),
      applicationId: state.applicationId,
      guildId,
      version: state.nextId(),
      type,
      name,
      definition: { ...definition, type },
    };
    state.commands.set(command.id, command);
    return command;
  };
  const commandRoutes = (base: string) => {
    route('GET', base, (request) => {
      checkApplication(request);
      return ok(commandsFor(commandGuild(request)).map((command) => state.apiCommand(command)));
    });
    route('PUT', base, (request) => {
      checkApplication(request);
      const guildId = commandGuild(request);
      const errors = validateCommands(request.body);
      if (!errors.empty) throw invalidFormBody(errors);
      const definitions = request.body as Json[];
      const kept = definitions.map((definition) => upsertCommand(guildId, definition));
      const keptIds = new Set(kept.map((command) => command.id));
      for (const command of commandsFor(guildId)) if (!keptIds.has(command.id)) state.commands.delete(command.id);
      return ok(kept.map((command) => state.apiCommand(command)));
    });
    route('POST', base, (request) => {
      checkApplication(request);
      const guildId = commandGuild(request);
      const errors = new FormErrors();
      validateCommand(errors, [], jsonBody(request.body));
      if (!errors.empty) throw invalidFormBody(errors);
      const command = upsertCommand(guildId, jsonBody(request.body));
      return ok(state.apiCommand(command), 201);
    });
    route('GET', `${base}/:commandId`, (request) => {
      checkApplication(request);
      const command = state.commands.get(param(request, 'commandId'));
      if (!command || command.guildId !== commandGuild(request)) throw Errors.unknownCommand();
      return ok(state.apiCommand(command));
    });
    route('PATCH', `${base}/:commandId`, (request) => {
      checkApplication(request);
      const command = state.commands.get(param(request, 'commandId'));
      if (!command || command.guildId !== commandGuild(request)) throw Errors.unknownCommand();
      const definition = { ...command.definition, ...jsonBody(request.body) };
      const errors = new FormErrors();
      validateCommand(errors, [], definition);
      if (!errors.empty) throw invalidFormBody(errors);
      command.definition = definition;
      command.name = String(definition['name']);
      command.version = state.nextId();
      return ok(state.apiCommand(command));
    });
    route('DELETE', `${base}/:commandId`, (request) => {
      checkApplication(request);
      const command = state.commands.get(param(request, 'commandId'));
      if (!command || command.guildId !== commandGuild(request)) throw Errors.unknownCommand();
      state.commands.delete(command.id);
      return noContent();
    });
  };
  commandRoutes('/applications/:appId/commands');
  commandRoutes('/applications/:appId/guilds/:guildId/commands');

  // ---- channels and messages ----

  route('GET', '/channels/:channelId', (request) => ok(state.apiChannel(channelOf(request))));
  route('PATCH', '/channels/:channelId', (request) => {
    const channel = channelOf(request);
    const body = jsonBody(request.body);
    if (channel.thread) {
      const isOwner = channel.thread.ownerId === botId;
      if (!isOwner) requirePermission(channel.guildId, Permission.ManageThreads);
      if ('name' in body) {
        const errors = validateThreadName(body['name']);
        if (!errors.empty) throw invalidFormBody(errors);
        channel.name = String(body['name']);
      }
      if (typeof body['archived'] === 'boolean') {
        channel.thread.archived = body['archived'];
        channel.thread.archiveTimestamp = state.now();
      }
      if (typeof body['locked'] === 'boolean') {
        if (!isOwner || body['locked']) requirePermission(channel.guildId, Permission.ManageThreads);
        channel.thread.locked = body['locked'];
      }
      if (typeof body['auto_archive_duration'] === 'number')
        channel.thread.autoArchiveDuration = body['auto_archive_duration'];
      state.dispatch('THREAD_UPDATE', state.apiChannel(channel), channel.guildId);
    } else {
      requirePermission(channel.guildId, Permission.ManageChannels);
      if ('name' in body) {
        const errors = new FormErrors();
        errors.length(['name'], body['name'], 1, 100);
        if (!errors.empty) throw invalidFormBody(errors);
        channel.name = String(body['name']);
      }
      if ('topic' in body) channel.topic = body['topic'] === null ? null : String(body['topic']);
      state.dispatch('CHANNEL_UPDATE', state.apiChannel(channel), channel.guildId);
    }
    return ok(state.apiChannel(channel));
  });

  route('GET', '/channels/:channelId/messages', (request) => {
    const channel = channelOf(request);
    requirePermission(channel.guildId, Permission.ViewChannel | Permission.ReadMessageHistory);
    const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 50) || 50, 1), 100);
    const before = request.query.get('before');
    const after = request.query.get('after');
    const around = request.query.get('around');
    let messages = state.channelMessages(channel.id).reverse();
    if (before) messages = messages.filter((message) => BigInt(message.id) < BigInt(before));
    if (after) messages = messages.filter((message) => BigInt(message.id) > BigInt(after)).slice(-limit);
    if (around) {
      const index = messages.findIndex((message) => BigInt(message.id) <= BigInt(around));
      const start = Math.max(0, index - Math.floor(limit / 2));
      messages = messages.slice(start, start + limit);
    }
    return ok(messages.slice(0, limit).map((message) => state.apiMessage(message)));
  });

  route('POST', '/channels/:channelId/messages', (request) => {
    const channel = channelOf(request);
    const body = jsonBody(request.body);
    if (channel.type === ChannelType.DM) {
      const recipient = channel.recipientId ? state.users.get(channel.recipientId) : undefined;
      if (!recipient || recipient.dmClosed || recipient.bot) throw Errors.cannotDm();
    } else {
      requirePermission(
        channel.guildId,
        Permission.ViewChannel | (channel.thread ? Permission.SendMessagesInThreads : Permission.SendMessages),
      );
      if (channel.thread?.locked && !hasPermission(botPermissions(channel.guildId), Permission.ManageThreads)) {
        throw Errors.archivedThread();
      }
    }
    if (body['enforce_nonce'] === true && body['nonce'] !== undefined && body['nonce'] !== null) {
      const existing = findByNonce(state, channel.id, botId, String(body['nonce']));
      if (existing) return ok(state.apiMessage(existing));
    }
    const message = createMessage(state, { channel, authorId: botId, body, files: request.files });
    return ok(state.apiMessage(message));
  });

  route('GET', '/channels/:channelId/messages/:messageId', (request) => {
    const channel = channelOf(request);
    return ok(state.apiMessage(messageOf(channel, request)));
  });
  route('PATCH', '/channels/:channelId/messages/:messageId', (request) => {
    const channel = channelOf(request);
    const message = messageOf(channel, request);
    if (message.authorId !== botId) throw Errors.cannotEditOthers();
    return ok(state.apiMessage(editMessage(state, message, jsonBody(request.body), request.files)));
  });
  route('DELETE', '/channels/:channelId/messages/:messageId', (request) => {
    const channel = channelOf(request);
    const message = messageOf(channel, request);
    if (message.authorId !== botId) requirePermission(channel.guildId, Permission.ManageMessages);
    deleteMessage(state, message);
    return noContent();
  });
  route('POST', '/channels/:channelId/typing', (request) => {
    channelOf(request);
    return noContent();
  });

  // ---- threads ----

  const newThread = (
    parent: EmuChannel,
    input: { id?: string; name: string; type: number; body: Json },
  ): EmuChannel => {
    const now = state.now();
    const autoArchive = Number(input.body['auto_archive_duration'] ?? 4320);
    if (![60, 1440, 4320, 10080].includes(autoArchive)) {
      throw formError(['auto_archive_duration'], 'BASE_TYPE_CHOICES', 'Value must be one of {60, 1440, 4320, 10080}.');
    }
    const thread = state.insertChannel({
      ...(input.id ? { id: input.id } : {}),
      guildId: parent.guildId,
      name: input.name,
      type: input.type,
      parentId: parent.id,
      thread: {
        ownerId: botId,
        archived: false,
        locked: false,
        autoArchiveDuration: autoArchive,
        archiveTimestamp: now,
        createTimestamp: now,
        invitable: input.body['invitable'] !== false,
        messageCount: 0,
        memberIds: new Set([botId]),
      },
    });
    if (typeof input.body['rate_limit_per_user'] === 'number')
      thread.rateLimitPerUser = input.body['rate_limit_per_user'];
    state.dispatch(
      'THREAD_CREATE',
      {
        ...state.apiChannel(thread),
        newly_created: true,
        member: { id: thread.id, user_id: botId, join_timestamp: now.toISOString(), flags: 0 },
      },
      thread.guildId,
    );
    return thread;
  };
  const checkThreadName = (body: Json) => {
    const errors = validateThreadName(body['name']);
    if (!errors.empty) throw invalidFormBody(errors);
    return String(body['name']);
  };

  route('POST', '/channels/:channelId/messages/:messageId/threads', (request) => {
    const channel = channelOf(request);
    const message = messageOf(channel, request);
    const body = jsonBody(request.body);
    if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
      throw new DiscordApiError(400, 50024, 'Cannot execute action on this channel type');
    }
    requirePermission(channel.guildId, Permission.ViewChannel | Permission.CreatePublicThreads);
    if (message.threadId) throw Errors.threadExists();
    const name = checkThreadName(body);
    const type =
      channel.type === ChannelType.GuildAnnouncement ? ChannelType.AnnouncementThread : ChannelType.PublicThread;
    // A thread started on a message takes that message's id, which is what makes a retry detectable.
    const thread = newThread(channel, { id: message.id, name, type, body });
    message.threadId = thread.id;
    state.dispatch('MESSAGE_UPDATE', state.apiGatewayMessage(message), message.guildId);
    return ok(state.apiChannel(thread), 201);
  });

  route('POST', '/channels/:channelId/threads', (request) => {
    const channel = channelOf(request);
    const body = jsonBody(request.body);
    const name = checkThreadName(body);
    if (channel.type === ChannelType.GuildForum) {
      requirePermission(channel.guildId, Permission.ViewChannel | Permission.SendMessages);
      const starter = jsonBody(body['message']);
      const thread = newThread(channel, { name, type: ChannelType.PublicThread, body });
      const message = createMessage(state, {
        channel: thread,
        authorId: botId,
        body: starter,
        files: request.files,
        id: thread.id,
      });
      return ok({ ...state.apiChannel(thread), message: state.apiMessage(message) }, 201);
    }
    if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
      throw new DiscordApiError(400, 50024, 'Cannot execute action on this channel type');
    }
    const type = typeof body['type'] === 'number' ? body['type'] : ChannelType.PrivateThread;
    requirePermission(
      channel.guildId,
      Permission.ViewChannel |
        (type === ChannelType.PrivateThread ? Permission.CreatePrivateThreads : Permission.CreatePublicThreads),
    );
    const thread = newThread(channel, { name, type, body });
    if (type !== ChannelType.PrivateThread) {
      createMessage(state, {
        channel,
        authorId: botId,
        body: {
          content: name,
          message_reference: { message_id: thread.id, channel_id: thread.id, fail_if_not_exists: false },
        },
        files: [],
        type: MessageType.ThreadCreated,
      });
    }
    return ok(state.apiChannel(thread), 201);
  });

  const joinThread = (request: RouteRequest, userId: string) => {
    const channel = channelOf(request);
    if (!channel.thread) throw new DiscordApiError(400, 50024, 'Cannot execute action on this channel type');
    if (channel.thread.archived) throw Errors.archivedThread();
    if (!state.users.has(userId)) throw Errors.unknownUser();
    channel.thread.memberIds.add(userId);
    return noContent();
  };
  route('PUT', '/channels/:channelId/thread-members/@me', (request) => joinThread(request, botId));
  route('PUT', '/channels/:channelId/thread-members/:userId', (request) =>
    joinThread(request, param(request, 'userId')),
  );

  // ---- guilds ----

  route('GET', '/guilds/:guildId', (request) => {
    const guild = guildOf(request);
    const counts =
      request.query.get('with_counts') === 'true'
        ? { approximate_member_count: state.guildMembers(guild.id).length, approximate_presence_count: 0 }
        : {};
    return ok({ ...state.apiGuild(guild), ...counts });
  });
  route('GET', '/guilds/:guildId/channels', (request) => {
    const guild = guildOf(request);
    return ok(state.guildChannels(guild.id).map((channel) => state.apiChannel(channel)));
  });
  route('POST', '/guilds/:guildId/channels', (request) => {
    const guild = guildOf(request);
    requirePermission(guild.id, Permission.ManageChannels);
    const body = jsonBody(request.body);
    const errors = new FormErrors();
    errors.length(['name'], body['name'], 1, 100);
    if (!errors.empty) throw invalidFormBody(errors);
    const channel = state.insertChannel({
      guildId: guild.id,
      name: String(body['name']),
      type: typeof body['type'] === 'number' ? body['type'] : ChannelType.GuildText,
      parentId: typeof body['parent_id'] === 'string' ? body['parent_id'] : null,
    });
    if (typeof body['topic'] === 'string') channel.topic = body['topic'];
    state.dispatch('CHANNEL_CREATE', state.apiChannel(channel), guild.id);
    return ok(state.apiChannel(channel), 201);
  });
  route('GET', '/guilds/:guildId/threads/active', (request) => {
    const guild = guildOf(request);
    const threads = state.guildThreads(guild.id).filter((thread) => !thread.thread.archived);
    return ok({ threads: threads.map((thread) => state.apiChannel(thread)), members: [] });
  });

  // ---- roles ----

  route('GET', '/guilds/:guildId/roles', (request) => {
    const guild = guildOf(request);
    return ok(state.guildRoles(guild.id).map((role) => state.apiRole(role)));
  });
  route('GET', '/guilds/:guildId/roles/:roleId', (request) => {
    const guild = guildOf(request);
    return ok(state.apiRole(roleOf(guild, param(request, 'roleId'))));
  });

  const roleFields = (guild: EmuGuild, body: Json, errors: FormErrors) => {
    if ('name' in body) errors.length(['name'], body['name'], 0, LIMITS.roleName);
    let permissions: bigint | undefined;
    if (body['permissions'] !== undefined && body['permissions'] !== null) {
      try {
        permissions = BigInt(String(body['permissions']));
      } catch {
        errors.add(['permissions'], 'BASE_TYPE_INVALID', 'Invalid permission value');
      }
      // Discord refuses to grant permissions the bot does not hold itself.
      const held = botPermissions(guild.id);
      if (permissions !== undefined && !hasPermission(held, Permission.Administrator) && (permissions & ~held) !== 0n) {
        throw Errors.missingPermissions();
      }
    }
    if (body['color'] !== undefined && body['color'] !== null) {
      const color = body['color'];
      if (typeof color !== 'number' || color < 0 || color > 0xffffff) {
        errors.add(['color'], 'NUMBER_TYPE_MAX', 'int value should be <= 16777215 and >= 0.');
      }
    }
    return permissions;
  };

  route('POST', '/guilds/:guildId/roles', (request) => {
    const guild = guildOf(request);
    requirePermission(guild.id, Permission.ManageRoles);
    if (state.guildRoles(guild.id).length >= LIMITS.roles) throw Errors.maxRoles();
    const body = jsonBody(request.body);
    const errors = new FormErrors();
    const permissions = roleFields(guild, body, errors);
    if (!errors.empty) throw invalidFormBody(errors);
    const role = state.insertRole(guild.id, {
      name: typeof body['name'] === 'string' && body['name'] ? body['name'] : 'new role',
      permissions: permissions ?? state.roles.get(guild.id)?.permissions ?? 0n,
      color: typeof body['color'] === 'number' ? body['color'] : 0,
      hoist: body['hoist'] === true,
      mentionable: body['mentionable'] === true,
    });
    state.dispatch('GUILD_ROLE_CREATE', { guild_id: guild.id, role: state.apiRole(role) }, guild.id);
    return ok(state.apiRole(role));
  });
  route('PATCH', '/guilds/:guildId/roles', (request) => {
    const guild = guildOf(request);
    requirePermission(guild.id, Permission.ManageRoles);
    const moves = Array.isArray(request.body) ? (request.body as Json[]) : [];
    const botTop = state.highestRolePosition(guild.id, botId);
    for (const move of moves) {
      const role = roleOf(guild, String(move['id']));
      const position = Number(move['position']);
      if (role.position >= botTop || position >= botTop) throw Errors.missingPermissions();
      state.moveRole(role, position);
    }
    for (const role of state.guildRoles(guild.id)) {
      state.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role: state.apiRole(role) }, guild.id);
    }
    return ok(state.guildRoles(guild.id).map((role) => state.apiRole(role)));
  });
  route('PATCH', '/guilds/:guildId/roles/:roleId', (request) => {
    const guild = guildOf(request);
    const role = roleOf(guild, param(request, 'roleId'));
    if (role.id !== guild.id && !state.botCanManageRole(role)) throw Errors.missingPermissions();
    requirePermission(guild.id, Permission.ManageRoles);
    const body = jsonBody(request.body);
    const errors = new FormErrors();
    const permissions = roleFields(guild, body, errors);
    if (!errors.empty) throw invalidFormBody(errors);
    if (typeof body['name'] === 'string' && role.id !== guild.id) role.name = body['name'];
    if (permissions !== undefined) role.permissions = permissions;
    if (typeof body['color'] === 'number') role.color = body['color'];
    if (typeof body['hoist'] === 'boolean') role.hoist = body['hoist'];
    if (typeof body['mentionable'] === 'boolean') role.mentionable = body['mentionable'];
    state.dispatch('GUILD_ROLE_UPDATE', { guild_id: guild.id, role: state.apiRole(role) }, guild.id);
    return ok(state.apiRole(role));
  });
  route('DELETE', '/guilds/:guildId/roles/:roleId', (request) => {
    const guild = guildOf(request);
    const role = roleOf(guild, param(request, 'roleId'));
    if (role.id === guild.id || role.managed) throw Errors.invalidRole();
    if (!state.botCanManageRole(role)) throw Errors.missingPermissions();
    state.removeRole(role);
    state.dispatch('GUILD_ROLE_DELETE', { guild_id: guild.id, role_id: role.id }, guild.id);
    return noContent();
  });

  // ---- members ----

  const memberPayload = (guildId: string, userId: string) => {
    const member = state.member(guildId, userId);
    if (!member) throw Errors.unknownMember();
    return state.apiMember(member);
  };
  route('GET', '/guilds/:guildId/members', (request) => {
    const guild = guildOf(request);
    const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 1) || 1, 1), 1000);
    const after = BigInt(request.query.get('after') ?? '0');
    const members = state
      .guildMembers(guild.id)
      .filter((member) => BigInt(member.userId) > after)
      .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
      .slice(0, limit);
    return ok(members.map((member) => state.apiMember(member)));
  });
  route('GET', '/guilds/:guildId/members/search', (request) => {
    const guild = guildOf(request);
    const query = (request.query.get('query') ?? '').toLowerCase();
    const limit = Math.min(Math.max(Number(request.query.get('limit') ?? 1) || 1, 1), 1000);
    const members = state
      .guildMembers(guild.id)
      .filter((member) => {
        const user = state.users.get(member.userId);
        return [user?.username, user?.globalName, member.nick].some((name) => name?.toLowerCase().startsWith(query));
      })
      .slice(0, limit);
    return ok(members.map((member) => state.apiMember(member)));
  });
  route('GET', '/guilds/:guildId/members/:userId', (request) => {
    const guild = guildOf(request);
    const userId = param(request, 'userId') === '@me' ? botId : param(request, 'userId');
    return ok(memberPayload(guild.id, userId));
  });

  const emitMemberUpdate = (guildId: string, userId: string) => {
    state.dispatch('GUILD_MEMBER_UPDATE', { guild_id: guildId, ...memberPayload(guildId, userId) }, guildId);
  };
  const changeMemberRole = (request: RouteRequest, add: boolean): RouteResponse => {
    const guild = guildOf(request);
    const member = state.member(guild.id, param(request, 'userId'));
    if (!member) throw Errors.unknownMember();
    const role = roleOf(guild, param(request, 'roleId'));
    if (role.managed || role.id === guild.id || !state.botCanManageRole(role)) throw Errors.missingPermissions();
    const has = member.roles.includes(role.id);
    if (add && !has) member.roles.push(role.id);
    if (!add && has) member.roles = member.roles.filter((id) => id !== role.id);
    if (add !== has) emitMemberUpdate(guild.id, member.userId);
    return noContent();
  };
  route('PUT', '/guilds/:guildId/members/:userId/roles/:roleId', (request) => changeMemberRole(request, true));
  route('DELETE', '/guilds/:guildId/members/:userId/roles/:roleId', (request) => changeMemberRole(request, false));
  route('PATCH', '/guilds/:guildId/members/:userId', (request) => {
    const guild = guildOf(request);
    const member = state.member(guild.id, param(request, 'userId'));
    if (!member) throw Errors.unknownMember();
    const body = jsonBody(request.body);
    if (Array.isArray(body['roles'])) {
      const wanted = body['roles'].map(String);
      const changed = [
        ...wanted.filter((id) => !member.roles.includes(id)),
        ...member.roles.filter((id) => !wanted.includes(id)),
      ];
      for (const roleId of changed) {
        const role = roleOf(guild, roleId);
        if (role.managed || !state.botCanManageRole(role)) throw Errors.missingPermissions();
      }
      member.roles = wanted;
    }
    if ('nick' in body) {
      requirePermission(guild.id, Permission.ManageNicknames);
      member.nick = body['nick'] === null ? null : String(body['nick']);
    }
    emitMemberUpdate(guild.id, member.userId);
    return ok(memberPayload(guild.id, member.userId));
  });

  // ---- scheduled events ----

  const eventOf = (guild: EmuGuild, request: RouteRequest): EmuScheduledEvent => {
    const event = state.scheduledEvents.get(param(request, 'eventId'));
    if (!event || event.deleted || event.guildId !== guild.id) throw Errors.unknownEvent();
    return event;
  };
  const parseDate = (value: unknown, path: string, errors: FormErrors): Date | null => {
    if (value === undefined || value === null) return null;
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) {
      errors.add([path], 'DATE_TYPE_PARSE', 'Could not parse. Should be ISO8601.');
      return null;
    }
    return date;
  };
  const applyEventFields = (event: EmuScheduledEvent, body: Json, creating: boolean) => {
    const errors = new FormErrors();
    if (creating || 'name' in body) errors.length(['name'], body['name'], 1, 100);
    if ('description' in body && body['description'] !== null)
      errors.length(['description'], body['description'], 1, 1000);
    if ('privacy_level' in body && body['privacy_level'] !== 2) {
      errors.add(['privacy_level'], 'BASE_TYPE_CHOICES', 'Value must be one of {2}.');
    }
    const entityType = typeof body['entity_type'] === 'number' ? body['entity_type'] : event.entityType;
    if (![1, 2, 3].includes(entityType))
      errors.add(['entity_type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3}.');
    const start = parseDate(body['scheduled_start_time'], 'scheduled_start_time', errors) ?? event.scheduledStartTime;
    const end =
      'scheduled_end_time' in body
        ? parseDate(body['scheduled_end_time'], 'scheduled_end_time', errors)
        : event.scheduledEndTime;
    const metadata = body['entity_metadata'];
    const location =
      metadata && typeof metadata === 'object' && 'location' in metadata
        ? String((metadata as Json)['location'] ?? '')
        : entityType === 3
          ? event.location
          : null;
    if (entityType === 3) {
      errors.length(['entity_metadata', 'location'], location ?? undefined, 1, 100);
      if (!end) {
        errors.add(
          ['scheduled_end_time'],
          'GUILD_SCHEDULED_EVENT_REQUIRES_END_TIME',
          'External events require an end time.',
        );
      }
    } else if (!('channel_id' in body ? body['channel_id'] : event.channelId)) {
      errors.add(['channel_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    if ((creating || 'scheduled_start_time' in body) && start.getTime() < state.now().getTime()) {
      errors.add(['scheduled_start_time'], 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST', 'Cannot schedule event in the past.');
    }
    if (end && end.getTime() <= start.getTime()) {
      errors.add(
        ['scheduled_end_time'],
        'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
        'End time must be after the start time.',
      );
    }
    const status = typeof body['status'] === 'number' ? body['status'] : event.status;
    if (!creating && status !== event.status) {
      const allowed: Record<number, number[]> = { 1: [2, 4], 2: [3] };
      if (!(allowed[event.status] ?? []).includes(status)) {
        errors.add(['status'], 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION', 'Invalid status transition.');
      }
    }
    if (!errors.empty) throw invalidFormBody(errors);
    if (typeof body['name'] === 'string') event.name = body['name'];
    if ('description' in body) event.description = body['description'] === null ? null : String(body['description']);
    event.entityType = entityType;
    event.scheduledStartTime = start;
    event.scheduledEndTime = end;
    event.location = entityType === 3 ? location : null;
    if ('channel_id' in body) event.channelId = body['channel_id'] === null ? null : String(body['channel_id']);
    event.status = status;
  };

  route('GET', '/guilds/:guildId/scheduled-events', (request) => {
    const guild = guildOf(request);
    const events = [...state.scheduledEvents.values()].filter((event) => event.guildId === guild.id && !event.deleted);
    return ok(events.map((event) => state.apiScheduledEvent(event)));
  });
  route('POST', '/guilds/:guildId/scheduled-events', (request) => {
    const guild = guildOf(request);
    const held = botPermissions(guild.id);
    if (!hasPermission(held, Permission.ManageEvents) && !hasPermission(held, Permission.CreateEvents)) {
      throw Errors.missingPermissions();
    }
    const active = [...state.scheduledEvents.values()].filter(
      (event) => event.guildId === guild.id && !event.deleted && event.status <= 2,
    );
    if (active.length >= 100) throw new DiscordApiError(400, 30038, 'Maximum number of guild events reached (100)');
    const event: EmuScheduledEvent = {
      id: state.nextId(),
      guildId: guild.id,
      channelId: null,
      creatorId: botId,
      name: '',
      description: null,
      scheduledStartTime: state.now(),
      scheduledEndTime: null,
      privacyLevel: 2,
      status: 1,
      entityType: 3,
      location: null,
      userCount: 0,
      deleted: false,
    };
    applyEventFields(event, jsonBody(request.body), true);
    state.scheduledEvents.set(event.id, event);
    state.dispatch('GUILD_SCHEDULED_EVENT_CREATE', state.apiScheduledEvent(event), guild.id);
    return ok(state.apiScheduledEvent(event));
  });
  route('GET', '/guilds/:guildId/scheduled-events/:eventId', (request) => {
    const guild = guildOf(request);
    return ok(state.apiScheduledEvent(eventOf(guild, request)));
  });
  route('PATCH', '/guilds/:guildId/scheduled-events/:eventId', (request) => {
    const guild = guildOf(request);
    const event = eventOf(guild, request);
    if (event.creatorId !== botId) requirePermission(guild.id, Permission.ManageEvents);
    applyEventFields(event, jsonBody(request.body), false);
    state.dispatch('GUILD_SCHEDULED_EVENT_UPDATE', state.apiScheduledEvent(event), guild.id);
    return ok(state.apiScheduledEvent(event));
  });
  route('DELETE', '/guilds/:guildId/scheduled-events/:eventId', (request) => {
    const guild = guildOf(request);
    const event = eventOf(guild, request);
    if (event.creatorId !== botId) requirePermission(guild.id, Permission.ManageEvents);
    event.deleted = true;
    state.dispatch('GUILD_SCHEDULED_EVENT_DELETE', state.apiScheduledEvent(event), guild.id);
    return noContent();
  });

  registerInteractionRoutes(context);
}

function registerInteractionRoutes(context: RouteContext): void {
  const { state, rest, interactions } = context;
  const botId = state.botUser.id;
  const route = (method: string, pattern: string, handler: (request: RouteRequest) => RouteResponse) =>
    rest.add({ method, pattern, handler, auth: false });

  const channelOfRecord = (record: InteractionRecord): EmuChannel => {
    const channel = state.channels.get(record.channelId);
    if (!channel) throw new DiscordApiError(404, 10003, 'Unknown Channel');
    return channel;
  };
  const metadata = (record: InteractionRecord) => ({
    id: record.id,
    type: record.type,
    name: record.name,
    userId: record.userId,
  });

  route('POST', '/interactions/:id/:token/callback', (request) => {
    const record = interactions.get(param(request, 'id'));
    if (!record || record.token !== param(request, 'token')) throw Errors.unknownInteraction();
    if (record.callback) throw Errors.alreadyAcknowledged();
    if (Date.now() - record.createdAtReal > context.interactionDeadlineMs) throw Errors.unknownInteraction();
    const body = jsonBody(request.body);
    const type = Number(body['type']);
    const data = body['data'] === undefined || body['data'] === null ? null : jsonBody(body['data']);
    if (!(ALLOWED_CALLBACKS[record.type] ?? []).includes(type)) {
      throw formError(
        ['type'],
        'INTERACTION_RESPONSE_TYPE_INVALID',
        'Interaction response type is invalid for this interaction',
      );
    }
    const flags = typeof data?.['flags'] === 'number' ? data['flags'] : 0;
    const ephemeral = (flags & MessageFlag.Ephemeral) !== 0;
    let message: EmuMessage | undefined;
    const componentMessage = record.componentMessageId ? state.messages.get(record.componentMessageId) : undefined;

    switch (type) {
      case CallbackType.ChannelMessageWithSource:
      case CallbackType.DeferredChannelMessageWithSource: {
        const deferred = type === CallbackType.DeferredChannelMessageWithSource;
        message = createMessage(state, {
          channel: channelOfRecord(record),
          authorId: botId,
          body: deferred ? {} : (data ?? {}),
          files: deferred ? [] : request.files,
          ephemeral,
          loading: deferred,
          interaction: metadata(record),
          webhookId: state.applicationId,
          type: record.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Reply,
        });
        record.originalMessageId = message.id;
        break;
      }
      case CallbackType.DeferredUpdateMessage:
      case CallbackType.UpdateMessage: {
        if (!componentMessage) {
          throw formError(['type'], 'INTERACTION_RESPONSE_TYPE_INVALID', 'This interaction has no message to update');
        }
        if (type === CallbackType.UpdateMessage) editMessage(state, componentMessage, data ?? {}, request.files);
        message = componentMessage;
        record.originalMessageId = componentMessage.id;
        break;
      }
      case CallbackType.ApplicationCommandAutocompleteResult: {
        const errors = validateAutocompleteChoices(data);
        if (!errors.empty) throw invalidFormBody(errors);
        break;
      }
      case CallbackType.Modal: {
        const errors = validateModal(data);
        if (!errors.empty) throw invalidFormBody(errors);
        break;
      }
    }
    record.callback = { type, data, atReal: Date.now() };
    interactions.notify(record);
    if (request.query.get('with_response') !== 'true') return noContent();
    return ok({
      interaction: {
        id: record.id,
        type: record.type,
        activity_instance_id: undefined,
        response_message_id: message?.id,
        response_message_loading: message ? (message.flags & MessageFlag.Loading) !== 0 : undefined,
        response_message_ephemeral: message ? message.ephemeral : undefined,
      },
      resource: {
        type,
        ...(message ? { message: state.apiMessage(message) } : {}),
      },
    });
  });

  const recordOf = (request: RouteRequest): InteractionRecord => {
    if (param(request, 'appId') !== state.applicationId) throw Errors.unknownWebhook();
    const record = interactions.getByToken(param(request, 'token'));
    if (!record) throw Errors.unknownWebhook();
    if (Date.now() - record.createdAtReal > context.interactionTokenLifetimeMs) throw Errors.invalidWebhookToken();
    if (!record.callback) throw Errors.unknownWebhook();
    return record;
  };
  const webhookMessage = (record: InteractionRecord, messageId: string): EmuMessage => {
    const id = messageId === '@original' ? record.originalMessageId : messageId;
    const isOwn = id !== null && (id === record.originalMessageId || record.followUpIds.includes(id));
    const message = id ? state.messages.get(id) : undefined;
    if (!message || message.deleted || !isOwn) throw Errors.unknownMessage();
    return message;
  };
  const changed = (record: InteractionRecord) => interactions.notify(record);

  route('POST', '/webhooks/:appId/:token', (request) => {
    const record = recordOf(request);
    const body = jsonBody(request.body);
    const original = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
    // Discord's quirk: the first follow-up after a deferred reply fills in the "thinking…" message.
    if (original && (original.flags & MessageFlag.Loading) !== 0) {
      editMessage(state, original, body, request.files);
      changed(record);
      return ok(state.apiMessage(original));
    }
    const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
    const message = createMessage(state, {
      channel: channelOfRecord(record),
      authorId: botId,
      body,
      files: request.files,
      ephemeral: (flags & MessageFlag.Ephemeral) !== 0,
      interaction: metadata(record),
      webhookId: state.applicationId,
      type: MessageType.Reply,
    });
    record.followUpIds.push(message.id);
    changed(record);
    return ok(state.apiMessage(message));
  });
  route('GET', '/webhooks/:appId/:token/messages/:messageId', (request) => {
    const record = recordOf(request);
    return ok(state.apiMessage(webhookMessage(record, param(request, 'messageId'))));
  });
  route('PATCH', '/webhooks/:appId/:token/messages/:messageId', (request) => {
    const record = recordOf(request);
    const message = webhookMessage(record, param(request, 'messageId'));
    editMessage(state, message, jsonBody(request.body), request.files);
    changed(record);
    return ok(state.apiMessage(message));
  });
  route('DELETE', '/webhooks/:appId/:token/messages/:messageId', (request) => {
    const record = recordOf(request);
    const message = webhookMessage(record, param(request, 'messageId'));
    deleteMessage(state, message);
    changed(record);
    return noContent();
  });
}
