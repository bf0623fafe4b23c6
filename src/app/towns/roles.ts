import { findTownsByRole, type TownRow, updateTown } from '../../db/repositories/towns.js';
import { checkTownRole, describePermissions, type Linker } from '../../domain/townRolePolicy.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import {
  type GuildRole,
  type Markup,
  type MemberStanding,
  type RoleProblem,
  TownRoleError,
  type TownRolesPort,
} from '../ports.js';

/** Town roles: explaining what Discord refused, and making sure a town's role exists. */

/** A role problem as the member reads it. */
export function roleProblemError(
  markup: Markup,
  problem: RoleProblem,
  town: Pick<TownRow, 'name' | 'roleId'>,
): UserFacingError {
  const params = { town: town.name, role: markup.role(town.roleId) };
  switch (problem) {
    case 'unknownRole':
      return new UserFacingError('town.error.roleDeleted', params);
    case 'roleAboveBot':
      return new UserFacingError('town.error.roleAboveBot', params);
    case 'missingManageRoles':
      return new UserFacingError('town.error.botMissingManageRoles', params);
    case 'tooManyRoles':
      return new UserFacingError('town.error.tooManyRoles', params);
    case 'unknownMember':
      return new UserFacingError('town.error.unknownMember', params);
  }
}

export async function explainRoleErrors<T>(
  markup: Markup,
  town: Pick<TownRow, 'name' | 'roleId'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TownRoleError) throw roleProblemError(markup, error.problem, town);
    throw error;
  }
}

/** Refuses a role no town may have: privileged, or out of the linking member's reach (see checkTownRole). */
export function assertTownRoleFit(markup: Markup, role: GuildRole, linker?: Linker): void {
  const verdict = checkTownRole(role, linker);
  if (verdict.ok) return;
  const mention = markup.role(role.id);
  if (verdict.reason === 'privileged') {
    throw new UserFacingError('town.error.rolePrivileged', {
      role: mention,
      permissions: describePermissions(verdict.permissions),
    });
  }
  throw new UserFacingError('town.error.roleAboveMember', { role: mention });
}

/**
 * Makes sure the town's role exists. A role deleted in Discord is recreated (or relinked to a free role of the
 * same name) and the town row points at it, so members never hit a dead town.
 */
export async function ensureTownRole(
  deps: AppDeps,
  port: TownRolesPort,
  town: TownRow,
): Promise<{ town: TownRow; recreated: boolean }> {
  if (await port.getRole(town.guildId, town.roleId)) return { town, recreated: false };
  const replacement = await obtainRole(deps, port, town.guildId, town.name, town);
  const updated = await deps.db.transaction((tx) =>
    updateTown(tx, town.guildId, town.id, { roleId: replacement.role.id, roleManaged: replacement.created }),
  );
  deps.logger.info(
    { guildId: town.guildId, townId: town.id, roleId: replacement.role.id, created: replacement.created },
    'the role of a town was deleted in Discord; replaced it',
  );
  return { town: updated ?? { ...town, roleId: replacement.role.id }, recreated: true };
}

/**
 * A free role of that name already in the guild (linked, not owned), else a new role the bot creates. A role of
 * that name the bot cannot manage is reported rather than duplicated: two "Rimouski" roles would confuse members.
 */
export async function obtainRole(
  deps: AppDeps,
  port: TownRolesPort,
  guildId: string,
  name: string,
  forTown: Pick<TownRow, 'name' | 'roleId'>,
  linker?: MemberStanding,
): Promise<{ role: GuildRole; created: boolean }> {
  const existing = await port.findRoleByName(guildId, name);
  if (existing && !existing.reserved) {
    const [alreadyLinked] = await findTownsByRole(deps.db, guildId, [existing.id]);
    if (!alreadyLinked) {
      if (existing.manageable !== 'ok') {
        throw roleProblemError(deps.markup, existing.manageable, { name: forTown.name, roleId: existing.id });
      }
      assertTownRoleFit(deps.markup, existing, linker);
      return { role: existing, created: false };
    }
  }
  const created = await explainRoleErrors(deps.markup, forTown, () => port.createRole(guildId, name));
  return { role: created, created: true };
}

/** ensureTownRole explains its errors as UserFacingError; map those back for the per-town report. */
export function roleProblemOf(error: unknown): RoleProblem | undefined {
  if (!(error instanceof UserFacingError)) return undefined;
  const problems: Partial<Record<string, RoleProblem>> = {
    'town.error.roleDeleted': 'unknownRole',
    'town.error.roleAboveBot': 'roleAboveBot',
    'town.error.botMissingManageRoles': 'missingManageRoles',
    'town.error.tooManyRoles': 'tooManyRoles',
    'town.error.unknownMember': 'unknownMember',
  };
  return problems[error.key];
}
