/** Permission bits used by the emulator (a subset of Discord's, same values). */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewAuditLog: 1n << 7n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  UseExternalEmojis: 1n << 18n,
  ChangeNickname: 1n << 26n,
  ManageNicknames: 1n << 27n,
  ManageRoles: 1n << 28n,
  ManageWebhooks: 1n << 29n,
  UseApplicationCommands: 1n << 31n,
  ManageEvents: 1n << 33n,
  ManageThreads: 1n << 34n,
  CreatePublicThreads: 1n << 35n,
  CreatePrivateThreads: 1n << 36n,
  SendMessagesInThreads: 1n << 38n,
  CreateEvents: 1n << 44n,
} as const;

/** Every permission bit Discord defines today (up to bit 50), what an owner or administrator holds. */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/** What Discord gives @everyone in a new guild. */
export const DEFAULT_EVERYONE_PERMISSIONS =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.ChangeNickname |
  Permission.UseApplicationCommands |
  Permission.CreatePublicThreads |
  Permission.CreatePrivateThreads |
  Permission.SendMessagesInThreads |
  Permission.CreateEvents;

/**
 * The bot's own role. MentionEveryone is included on purpose: with it, only `allowed_mentions` stands
 * between a careless message and a mass ping, which is exactly what the tests must be able to see.
 */
export const DEFAULT_BOT_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.SendMessagesInThreads |
  Permission.CreatePublicThreads |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.AddReactions |
  Permission.UseExternalEmojis |
  Permission.MentionEveryone |
  Permission.ManageRoles |
  Permission.ManageEvents |
  Permission.ManageThreads;

export function parsePermissions(value: bigint | string | number | undefined, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  if (typeof value === 'bigint') return value;
  try {
    return BigInt(value);
  } catch {
    return fallback;
  }
}

export function hasPermission(held: bigint, wanted: bigint): boolean {
  if ((held & Permission.Administrator) !== 0n) return true;
  return (held & wanted) === wanted;
}

/** Discord's overwrite order: @everyone, then every role of the member at once, then the member. */
export function applyOverwrites(
  base: bigint,
  overwrites: readonly { id: string; type: 0 | 1; allow: bigint; deny: bigint }[],
  who: { everyoneId: string; roleIds: readonly string[]; userId: string },
): bigint {
  let permissions = base;
  const everyone = overwrites.find((overwrite) => overwrite.type === 0 && overwrite.id === who.everyoneId);
  if (everyone) permissions = (permissions & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const overwrite of overwrites) {
    if (overwrite.type !== 0 || overwrite.id === who.everyoneId || !who.roleIds.includes(overwrite.id)) continue;
    allow |= overwrite.allow;
    deny |= overwrite.deny;
  }
  permissions = (permissions & ~deny) | allow;
  const own = overwrites.find((overwrite) => overwrite.type === 1 && overwrite.id === who.userId);
  if (own) permissions = (permissions & ~own.deny) | own.allow;
  // Discord: a channel one cannot view grants nothing in it.
  return (permissions & Permission.ViewChannel) === 0n ? 0n : permissions;
}
