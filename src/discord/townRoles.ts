import {
  type APIInteractionGuildMember,
  type Client,
  DiscordAPIError,
  type Guild,
  type GuildMember,
  PermissionFlagsBits,
  type Role,
} from 'discord.js';
import { type GuildRole, type RoleProblem, TownRoleError, type TownRolesPort } from '../app/ports.js';
import { normalizeTownName } from '../domain/towns.js';
import { warnGuildAdmins } from './adminWarnings.js';
import { DISCORD_ERROR } from './discordErrors.js';
import { permissionsBeyondEveryone, roleRank } from './permissions.js';

const AUDIT_REASON = 'Escale: town role';

/**
 * The towns port with discord.js. Town roles are created NOT mentionable: members cannot mass-ping a town with
 * "@Rimouski". The bot still pings them in trip announcements because it holds "Mention @everyone, @here and All
 * Roles" (requested in the invite link; /setup warns when it is missing), and every message it sends lists the
 * exact roles allowed in allowed_mentions, so that permission never reaches further than intended.
 */
export function createTownRolesPort(client: Client): TownRolesPort {
  async function guildOf(guildId: string): Promise<Guild> {
    return client.guilds.cache.get(guildId) ?? client.guilds.fetch(guildId);
  }

  async function botMember(guild: Guild): Promise<GuildMember> {
    return guild.members.me ?? guild.members.fetchMe();
  }

  /** Roles arrive and leave through gateway events; a miss is confirmed by one fetch of the role list. */
  async function findRole(guild: Guild, roleId: string): Promise<Role | undefined> {
    const cached = guild.roles.cache.get(roleId);
    if (cached) return cached;
    const fetched = await guild.roles.fetch(roleId).catch(() => null);
    return fetched ?? undefined;
  }

  function manageable(me: GuildMember, role: Role): GuildRole['manageable'] {
    if (!me.permissions.has(PermissionFlagsBits.ManageRoles)) return 'missingManageRoles';
    // Discord: a member can manage only roles strictly below its highest role.
    if (me.roles.highest.comparePositionTo(role) <= 0) return 'roleAboveBot';
    return 'ok';
  }

  function describe(guild: Guild, me: GuildMember, role: Role): GuildRole {
    return {
      id: role.id,
      name: role.name,
      reserved: role.id === guild.id || role.managed,
      manageable: manageable(me, role),
      extraPermissions: permissionsBeyondEveryone(guild, role),
      rank: roleRank(guild, role),
    };
  }

  /** Refuses early, with the precise reason, what Discord would refuse with a bare 50013. */
  async function assertManageable(guild: Guild, roleId: string): Promise<void> {
    const role = await findRole(guild, roleId);
    if (!role) throw new TownRoleError('unknownRole', roleId);
    const verdict = manageable(await botMember(guild), role);
    if (verdict !== 'ok') throw new TownRoleError(verdict, roleId);
  }

  async function translate<T>(guild: Guild, roleId: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw await toTownRoleError(guild, roleId, error);
    }
  }

  async function toTownRoleError(guild: Guild, roleId: string | undefined, error: unknown): Promise<unknown> {
    if (!(error instanceof DiscordAPIError)) return error;
    const problem = ((): RoleProblem | undefined => {
      switch (error.code) {
        case DISCORD_ERROR.unknownRole:
          return 'unknownRole';
        case DISCORD_ERROR.unknownMember:
          return 'unknownMember';
        case DISCORD_ERROR.maximumRoles:
          return 'tooManyRoles';
        case DISCORD_ERROR.missingAccess:
        case DISCORD_ERROR.missingPermissions:
          return 'roleAboveBot';
        default:
          return undefined;
      }
    })();
    if (!problem) return error;
    if (problem === 'roleAboveBot') {
      // Our cache said yes and Discord said no: the permission or the role order changed meanwhile.
      const me = await guild.members.fetchMe().catch(() => undefined);
      if (me && !me.permissions.has(PermissionFlagsBits.ManageRoles)) return new TownRoleError('missingManageRoles');
    }
    return new TownRoleError(problem, roleId);
  }

  return {
    async getRole(guildId, roleId) {
      const guild = await guildOf(guildId);
      const role = await findRole(guild, roleId);
      return role ? describe(guild, await botMember(guild), role) : undefined;
    },

    async findRoleByName(guildId, name) {
      const guild = await guildOf(guildId);
      const wanted = normalizeTownName(name);
      const candidates = guild.roles.cache.filter(
        (role) => role.id !== guild.id && !role.managed && normalizeTownName(role.name) === wanted,
      );
      // An exact spelling wins over an accent-insensitive one; then the lowest role (most likely a plain one).
      const role =
        candidates.find((candidate) => candidate.name === name) ??
        candidates.sort((a, b) => a.position - b.position).first();
      return role ? describe(guild, await botMember(guild), role) : undefined;
    },

    async createRole(guildId, name) {
      const guild = await guildOf(guildId);
      const me = await botMember(guild);
      if (!me.permissions.has(PermissionFlagsBits.ManageRoles)) throw new TownRoleError('missingManageRoles');
      const role = await translate(guild, undefined, () =>
        guild.roles.create({ name, mentionable: false, permissions: '0', reason: AUDIT_REASON }),
      );
      return describe(guild, me, role);
    },

    async deleteRole(guildId, roleId) {
      const guild = await guildOf(guildId);
      await assertManageable(guild, roleId);
      await translate(guild, roleId, () => guild.roles.delete(roleId, AUDIT_REASON));
    },

    async addMemberRole(guildId, userId, roleId) {
      const guild = await guildOf(guildId);
      await assertManageable(guild, roleId);
      await translate(guild, roleId, () => guild.members.addRole({ user: userId, role: roleId, reason: AUDIT_REASON }));
    },

    warnAdmins(guildId, compose) {
      return warnGuildAdmins(client, guildId, compose);
    },

    async knownRoleIds(guildId) {
      // Roles arrive and leave through gateway events (Guilds intent): the cache is the list, no fetch per role.
      return new Set((await guildOf(guildId)).roles.cache.keys());
    },

    async removeMemberRole(guildId, userId, roleId) {
      const guild = await guildOf(guildId);
      await assertManageable(guild, roleId);
      await translate(guild, roleId, () =>
        guild.members.removeRole({ user: userId, role: roleId, reason: AUDIT_REASON }),
      );
    },
  };
}

/** The member's role ids as the interaction carries them (a cached GuildMember or the raw API member). */
export function memberRoleIds(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
