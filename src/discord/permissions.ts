import {
  type APIInteractionGuildMember,
  type Guild,
  type GuildMember,
  PermissionFlagsBits,
  type PermissionResolvable,
  PermissionsBitField,
  type Role,
} from 'discord.js';

/**
 * A member's standing in the guild as a whole: permissions from their roles only (never a channel's overwrites,
 * which `interaction.memberPermissions` includes), the rank of their highest role, and whether they own the guild.
 * Every server-side permission check reads this.
 */
export interface GuildStanding {
  readonly permissions: Readonly<PermissionsBitField>;
  /** The rank (see roleRank) of the member's highest role; @everyone's is 0. */
  readonly highestRank: number;
  readonly isOwner: boolean;
  has(permission: PermissionResolvable): boolean;
}

interface InteractionLike {
  readonly guild: Guild | null;
  readonly member: GuildMember | APIInteractionGuildMember | null;
  readonly user: { readonly id: string };
}

const NONE: GuildStanding = {
  permissions: new PermissionsBitField(0n).freeze(),
  highestRank: 0,
  isOwner: false,
  has: () => false,
};

/** Guild-level permissions computed from the member's roles in the cache (all of them for the owner and admins). */
export function guildStanding(interaction: InteractionLike): GuildStanding {
  const guild = interaction.guild;
  if (!guild || !interaction.member) return NONE;
  const roleIds = Array.isArray(interaction.member.roles)
    ? [...interaction.member.roles]
    : [...interaction.member.roles.cache.keys()];
  const roles = roleIds.map((id) => guild.roles.cache.get(id)).filter((role): role is Role => role !== undefined);
  const isOwner = guild.ownerId === interaction.user.id;
  let bits = guild.roles.everyone.permissions.bitfield;
  for (const role of roles) bits |= role.permissions.bitfield;
  if (isOwner || (bits & PermissionFlagsBits.Administrator) !== 0n) bits = PermissionsBitField.All;
  const permissions = new PermissionsBitField(bits).freeze();
  const highestRank = Math.max(0, ...roles.map((role) => roleRank(guild, role)));
  return { permissions, highestRank, isOwner, has: (permission) => permissions.has(permission) };
}

/** A role's place in the guild's order as Discord compares them (position, then id): @everyone is 0. */
export function roleRank(guild: Guild, role: Role): number {
  return guild.roles.cache.filter((other) => guild.roles.comparePositions(role, other) > 0).size;
}

/** The names of the permissions a role holds beyond what @everyone already has ("Administrator", "ManageRoles"). */
export function permissionsBeyondEveryone(guild: Guild, role: Role): string[] {
  if (role.id === guild.id) return [];
  return new PermissionsBitField(role.permissions.bitfield & ~guild.roles.everyone.permissions.bitfield).toArray();
}
