import type { TownRow } from '../../db/repositories/towns.js';
import { checkTownRole, describePermissions } from '../../domain/townRolePolicy.js';
import { type AdminWarningsPort, warnAdminsOnce } from '../adminWarnings.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import type { TownRolesPort } from '../ports.js';

type Port = Pick<TownRolesPort, 'getRole'> & AdminWarningsPort;

/**
 * The permissions the town's role now grants beyond @everyone's, or undefined when it grants none. The first time
 * a role is found so (per role and set of permissions, whatever the process), the admins are warned: the guild's
 * moderators-only channel, else its owner (src/app/adminWarnings.ts).
 */
export async function privilegedTownRole(deps: AppDeps, port: Port, town: TownRow): Promise<string | undefined> {
  const role = await port.getRole(town.guildId, town.roleId);
  if (!role) return undefined;
  const verdict = checkTownRole(role);
  if (verdict.ok || verdict.reason !== 'privileged') return undefined;
  const permissions = describePermissions(verdict.permissions);
  await warnAdminsOnce(deps, port, {
    guildId: town.guildId,
    subject: `privileged-town-role:${town.roleId}:${permissions}`,
    key: 'town.warning.rolePrivileged',
    // A name, not a mention: the warning may be read in a DM, where a role mention shows as "@unknown-role".
    params: { role: `@${role.name}`, town: town.name, permissions },
  });
  return permissions;
}

/** Throws the member's explanation when the town's role has become privileged. */
export async function refusePrivilegedTownRole(deps: AppDeps, port: Port, town: TownRow): Promise<void> {
  const permissions = await privilegedTownRole(deps, port, town);
  if (permissions) throw new UserFacingError('town.join.rolePrivileged', { town: town.name, permissions });
}
