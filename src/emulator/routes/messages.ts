import { jsonBody } from '../http.js';
import { createMessage, deleteMessage, editMessage, findByNonce } from '../messages.js';
import { ChannelType, type EmuChannel, type Json } from '../model.js';
import { hasPermission, Permission, parsePermissions } from '../permissions.js';
import { FormErrors, invalidFormBody, validateThreadName } from '../validation.js';
import { Errors, noContent, ok, param, type RouteKit } from './kit.js';

/** Channels and their messages. */
export function registerMessageRoutes(kit: RouteKit): void {
  const { state, route, botId, channelOf, messageOf, botPermissions, requirePermission } = kit;

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

  // Discord: Manage Roles in the channel, and no bit the bot does not hold itself may be allowed or denied.
  route('PUT', '/channels/:channelId/permissions/:overwriteId', (request) => {
    const channel = channelOf(request);
    if (!channel.guildId || channel.thread) throw Errors.wrongChannelType();
    const held = botPermissions(channel.guildId, channel);
    if (!hasPermission(held, Permission.ManageRoles)) throw Errors.missingPermissions();
    const body = jsonBody(request.body);
    const allow = parsePermissions(body['allow'] as string | undefined, 0n);
    const deny = parsePermissions(body['deny'] as string | undefined, 0n);
    if (!hasPermission(held, Permission.Administrator) && ((allow | deny) & ~held) !== 0n) {
      throw Errors.missingPermissions();
    }
    const id = param(request, 'overwriteId');
    const type = body['type'] === 1 ? 1 : 0;
    channel.overwrites = [...channel.overwrites.filter((overwrite) => overwrite.id !== id), { id, type, allow, deny }];
    state.dispatch('CHANNEL_UPDATE', state.apiChannel(channel), channel.guildId);
    return noContent();
  });
  route('DELETE', '/channels/:channelId/permissions/:overwriteId', (request) => {
    const channel = channelOf(request);
    requirePermission(channel.guildId, Permission.ManageRoles, channel);
    const id = param(request, 'overwriteId');
    channel.overwrites = channel.overwrites.filter((overwrite) => overwrite.id !== id);
    state.dispatch('CHANNEL_UPDATE', state.apiChannel(channel), channel.guildId);
    return noContent();
  });

  route('GET', '/channels/:channelId/messages', (request) => {
    const channel = channelOf(request);
    requirePermission(channel.guildId, Permission.ViewChannel | Permission.ReadMessageHistory, channel);
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
      requirePermission(channel.guildId, sendPermissionsFor(channel, body, request.files.length), channel);
      if (
        channel.thread?.locked &&
        !hasPermission(botPermissions(channel.guildId, channel), Permission.ManageThreads)
      ) {
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
    if (message.authorId !== botId) requirePermission(channel.guildId, Permission.ManageMessages, channel);
    deleteMessage(state, message);
    return noContent();
  });
  route('POST', '/channels/:channelId/typing', (request) => {
    channelOf(request);
    return noContent();
  });
}

/**
 * What Discord checks before a message is created in a guild channel: View Channel, Send Messages (Send
 * Messages in Threads in a thread), Embed Links for embeds and Attach Files for files.
 */
export function sendPermissionsFor(channel: EmuChannel, body: Json, fileCount: number): bigint {
  let needed = Permission.ViewChannel | (channel.thread ? Permission.SendMessagesInThreads : Permission.SendMessages);
  if (Array.isArray(body['embeds']) && body['embeds'].length > 0) needed |= Permission.EmbedLinks;
  if (fileCount > 0) needed |= Permission.AttachFiles;
  return needed;
}
