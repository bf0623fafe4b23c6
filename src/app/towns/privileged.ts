import type { TownRow } from '../../db/repositories/towns.js';
import { checkTownRole, describePermissions } from '../../domain/townRolePolicy.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import type { TownRolesPort } from '../ports.js';

/** Town roles found privileged at the moment of giving them, warned about once per process (guild:role:perms). */
const warned = new Set<string>();

/**
 * The permissions the town's role now grants beyond @everyone's, or undefined when it grants none. The first time
 * a role is found so, the admins are warned (the log, read by the bot's operator; one line per role and set).
 */
export async function privilegedTownRole(
  deps: AppDeps,
  port: Pick<TownRolesPort, 'getRole'>,
  town: TownRow,
): Promise<string | undefined> {
  const role = await port.getRole(town.guildId, town.roleId);
  if (!role) return undefined;
  const verdict = checkTownRole(role);
  if (verdict.ok || verdict.reason !== 'privileged') return undefined;
  const permissions = describePermissions(verdict.permissions);
  const key = `${town.guildId}:${town.roleId}:${permissions}`;
  if (!warned.has(key)) {
    warned.add(key);
    deps.logger.warn(
      { guildId: town.guildId, townId: town.id, roleId: town.roleId, permissions },
      'a town role grants permissions: it is no longer given to members',
    );
  }
  return permissions;
}

/** Throws the member's explanation when the town's role has become privileged. */
export async function refusePrivilegedTownRole(
  deps: AppDeps,
  port: Pick<TownRolesPort, 'getRole'>,
  town: TownRow,
): Promise<void> {
  const permissions = await privilegedTownRole(deps, port, town);
  if (permissions) throw new UserFacingError('town.join.rolePrivileged', { town: town.name, permissions });
}
