import {
  type APIInteractionGuildMember,
  type Guild,
  type GuildMember,
  OverwriteType,
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

function memberRoleIds(member: GuildMember | APIInteractionGuildMember): string[] {
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}

/** Guild-level permissions computed from the member's roles in the cache (all of them for the owner and admins). */
export function guildStanding(interaction: InteractionLike): GuildStanding {
  const guild = interaction.guild;
  if (!guild || !interaction.member) return NONE;
  const roleIds = memberRoleIds(interaction.member);
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

/**
 * The guild's channels the member cannot view, as Discord decides it: their guild-level permissions, then the
 * channel's overwrites for @everyone, for their roles together, and for them; Administrator and the owner see all.
 * Trips announced there are hidden from them (/trip list, /trip show, /rsvp, /ride, autocomplete). Computed from the
 * gateway's cache (no request); undefined when the guild is not cached (nothing hidden rather than everything).
 */
export function hiddenChannelIds(interaction: InteractionLike): ReadonlySet<string> | undefined {
  const guild = interaction.guild;
  if (!guild || !interaction.member) return undefined;
  const standing = guildStanding(interaction);
  if (standing.isOwner || standing.has(PermissionFlagsBits.Administrator)) return new Set();
  const roleIds = new Set(memberRoleIds(interaction.member));
  const hidden = new Set<string>();
  for (const channel of guild.channels.cache.values()) {
    if (channel.isThread() || !('permissionOverwrites' in channel)) continue;
    const overwrites = channel.permissionOverwrites.cache;
    let bits = standing.permissions.bitfield;
    const everyone = overwrites.get(guild.id);
    if (everyone) bits = (bits & ~everyone.deny.bitfield) | everyone.allow.bitfield;
    let allow = 0n;
    let deny = 0n;
    for (const overwrite of overwrites.values()) {
      if (overwrite.type !== OverwriteType.Role || overwrite.id === guild.id || !roleIds.has(overwrite.id)) continue;
      allow |= overwrite.allow.bitfield;
      deny |= overwrite.deny.bitfield;
    }
    bits = (bits & ~deny) | allow;
    const own = overwrites.get(interaction.user.id);
    if (own?.type === OverwriteType.Member) bits = (bits & ~own.deny.bitfield) | own.allow.bitfield;
    if ((bits & PermissionFlagsBits.ViewChannel) === 0n) hidden.add(channel.id);
  }
  return hidden;
}
