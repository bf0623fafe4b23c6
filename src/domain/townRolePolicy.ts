/**
 * What makes a role fit to be a town's: it grants nothing beyond @everyone's permissions (anyone may get it with
 * /town join), and whoever links it could have handed it out themselves (strictly below their highest role, unless
 * they own the guild).
 */
export interface CandidateRole {
  /** Permissions beyond @everyone's, by name. */
  readonly extraPermissions?: readonly string[] | undefined;
  readonly rank?: number | undefined;
}

export interface Linker {
  readonly highestRank: number;
  readonly isOwner: boolean;
}

export type TownRoleVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'privileged'; readonly permissions: readonly string[] }
  | { readonly ok: false; readonly reason: 'aboveLinker' };

export function checkTownRole(role: CandidateRole, linker?: Linker): TownRoleVerdict {
  const permissions = role.extraPermissions ?? [];
  if (permissions.length > 0) return { ok: false, reason: 'privileged', permissions };
  if (linker && !linker.isOwner && role.rank !== undefined && role.rank >= linker.highestRank) {
    return { ok: false, reason: 'aboveLinker' };
  }
  return { ok: true };
}

/** "Administrator, ManageRoles" → "Administrator, Manage Roles": Discord's names as admins read them. */
export function describePermissions(permissions: readonly string[]): string {
  return permissions.map((name) => name.replace(/([a-z])([A-Z])/g, '$1 $2')).join(', ');
}
