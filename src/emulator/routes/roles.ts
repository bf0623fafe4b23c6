import { jsonBody } from '../http.js';
import type { EmuGuild, Json } from '../model.js';
import { hasPermission, Permission } from '../permissions.js';
import { FormErrors, invalidFormBody, LIMITS } from '../validation.js';
import { Errors, noContent, ok, param, type RouteKit } from './kit.js';

/** Roles: create, move, edit, delete, with the hierarchy rules. */
export function registerRoleRoutes(kit: RouteKit): void {
  const { state, route, botId, guildOf, roleOf, botPermissions, requirePermission } = kit;

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
}
