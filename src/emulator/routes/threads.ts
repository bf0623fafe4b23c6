import { jsonBody, type RouteRequest } from '../http.js';
import { createMessage } from '../messages.js';
import { ChannelType, type EmuChannel, type Json, MessageType } from '../model.js';
import { Permission } from '../permissions.js';
import { DiscordApiError, invalidFormBody, validateThreadName } from '../validation.js';
import { Errors, formError, noContent, ok, param, type RouteKit } from './kit.js';
import { sendPermissionsFor } from './messages.js';

/** Threads: started on a message, standalone, in forums; joining them. */
export function registerThreadRoutes(kit: RouteKit): void {
  const { state, route, botId, channelOf, messageOf, requirePermission } = kit;

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
    requirePermission(channel.guildId, Permission.ViewChannel | Permission.CreatePublicThreads, channel);
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
      const starter = jsonBody(body['message']);
      requirePermission(channel.guildId, sendPermissionsFor(channel, starter, request.files.length), channel);
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
      channel,
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
}
