import { jsonBody, type RouteRequest, type RouteResponse } from '../http.js';
import { ChannelType } from '../model.js';
import { Permission } from '../permissions.js';
import { FormErrors, invalidFormBody } from '../validation.js';
import { Errors, noContent, ok, param, type RouteKit } from './kit.js';

/** Guilds, their channels and active threads, and members. */
export function registerGuildRoutes(kit: RouteKit): void {
  const { state, route, botId, guildOf, roleOf, requirePermission } = kit;

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
}
