import { removeDigestTown } from '../../db/repositories/digestQueries.js';
import { getTownsByIds, listTowns, type TownRow } from '../../db/repositories/towns.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';
import { type RoleProblem, TownRoleError, type TownRolesPort } from '../ports.js';
import { privilegedTownRole, refusePrivilegedTownRole } from './privileged.js';
import { resolveTown } from './resolve.js';
import { ensureTownRole, explainRoleErrors, roleProblemError, roleProblemOf } from './roles.js';

// ---- members: join, leave, list ----

export interface MemberInput {
  guildId: string;
  userId: string;
  /** The member's roles as the interaction carries them (no extra fetch). */
  memberRoleIds: readonly string[];
}

export interface JoinResult {
  town: TownRow;
  status: 'joined' | 'alreadyMember';
  /** The town's role had been deleted in Discord and was recreated. */
  recreated: boolean;
}

export async function joinTown(
  deps: AppDeps,
  port: TownRolesPort,
  input: MemberInput & { town: string },
): Promise<JoinResult> {
  const town = resolveTown(input.town, await listTowns(deps.db, input.guildId));
  const ensured = await ensureTownRole(deps, port, town);
  const live = ensured.town;
  if (!ensured.recreated && input.memberRoleIds.includes(live.roleId)) {
    return { town: live, status: 'alreadyMember', recreated: false };
  }
  // Its permissions may have changed since it was linked: a town never hands out a privilege.
  await refusePrivilegedTownRole(deps, port, live);
  await explainRoleErrors(deps.markup, live, () => port.addMemberRole(input.guildId, input.userId, live.roleId));
  return { town: live, status: 'joined', recreated: ensured.recreated };
}

export async function leaveTown(
  deps: AppDeps,
  port: TownRolesPort,
  input: MemberInput & { town: string },
): Promise<{ town: TownRow; status: 'left' | 'notMember' }> {
  const town = resolveTown(input.town, await listTowns(deps.db, input.guildId));
  if (!input.memberRoleIds.includes(town.roleId)) return { town, status: 'notMember' };
  try {
    await port.removeMemberRole(input.guildId, input.userId, town.roleId);
  } catch (error) {
    // A role deleted in Discord is a role the member no longer has: leaving succeeded.
    if (error instanceof TownRoleError && error.problem === 'unknownRole') return { town, status: 'left' };
    if (error instanceof TownRoleError) throw roleProblemError(deps.markup, error.problem, town);
    throw error;
  }
  return { town, status: 'left' };
}

export interface TownListEntry {
  town: TownRow;
  /** The member has this town's role. */
  member: boolean;
  /** The role was deleted in Discord (it is recreated on the next join). */
  roleMissing: boolean;
  /** The member follows this town by the Monday digest instead of its ping (src/app/digest.ts). */
  digest?: boolean;
}

export async function listTownsForMember(
  deps: AppDeps,
  port: Pick<TownRolesPort, 'getRole' | 'knownRoleIds'>,
  input: MemberInput,
): Promise<TownListEntry[]> {
  const towns = await listTowns(deps.db, input.guildId);
  const held = new Set(input.memberRoleIds);
  // One read of the gateway's role list, not one request per deleted town role on every call.
  const known = await port.knownRoleIds?.(input.guildId);
  if (known) {
    return towns.map((town) => ({ town, member: held.has(town.roleId), roleMissing: !known.has(town.roleId) }));
  }
  return Promise.all(
    towns.map(async (town) => ({
      town,
      member: held.has(town.roleId),
      roleMissing: (await port.getRole(input.guildId, town.roleId)) === undefined,
    })),
  );
}

// ---- the welcome menu ----

export interface SetTownsResult {
  added: TownRow[];
  removed: TownRow[];
  /** Chosen and already held. */
  kept: TownRow[];
  /** Towns whose role the bot could not give or take, and why. */
  failed: { town: TownRow; problem: RoleProblem }[];
  /** Choices that point at towns removed since the menu was posted. */
  vanished: number;
}

/**
 * The welcome menu: the member ends up with exactly the chosen towns among those the menu offered (others they
 * have are left alone). Only the member the menu addresses may use it. One role failing does not stop the rest.
 */
export async function setMemberTowns(
  deps: AppDeps,
  port: TownRolesPort,
  input: MemberInput & {
    addressedMemberId: string;
    offeredTownIds: readonly number[];
    chosenTownIds: readonly number[];
  },
): Promise<SetTownsResult> {
  if (input.userId !== input.addressedMemberId) {
    throw new UserFacingError('error.notForYou', { user: deps.markup.user(input.addressedMemberId) });
  }
  const chosenIds = new Set(input.chosenTownIds);
  const offeredIds = new Set([...input.offeredTownIds, ...chosenIds]);
  const towns = await getTownsByIds(deps.db, input.guildId, [...offeredIds]);
  const held = new Set(input.memberRoleIds);
  const result: SetTownsResult = {
    added: [],
    removed: [],
    kept: [],
    failed: [],
    vanished: [...chosenIds].filter((id) => !towns.some((town) => town.id === id)).length,
  };

  for (const town of towns) {
    try {
      if (chosenIds.has(town.id)) {
        const ensured = await ensureTownRole(deps, port, town);
        if (!ensured.recreated && held.has(ensured.town.roleId)) {
          result.kept.push(ensured.town);
          continue;
        }
        if (await privilegedTownRole(deps, port, ensured.town)) continue;
        await port.addMemberRole(input.guildId, input.userId, ensured.town.roleId);
        // Chosen in the menu: pinged from now on, so no longer by the Monday digest (src/app/digest.ts).
        await removeDigestTown(deps.db, town.id, input.userId);
        result.added.push(ensured.town);
      } else if (held.has(town.roleId)) {
        await port.removeMemberRole(input.guildId, input.userId, town.roleId).catch((error: unknown) => {
          if (!(error instanceof TownRoleError && error.problem === 'unknownRole')) throw error;
        });
        result.removed.push(town);
      }
    } catch (error) {
      const problem = error instanceof TownRoleError ? error.problem : roleProblemOf(error);
      if (!problem) throw error;
      result.failed.push({ town, problem });
    }
  }
  return result;
}
