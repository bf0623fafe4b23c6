import {
  deleteTown,
  findTownByNormalizedName,
  findTownsByRole,
  insertTown,
  listTowns,
  setDriveTimeOverride,
  type TownRow,
  updateTown,
} from '../../db/repositories/towns.js';
import { estimateDriveMinutes, normalizeTownName, PRESETS, validateTownName } from '../../domain/towns.js';
import type { AppDeps } from '../context.js';
import { UserFacingError, unwrap } from '../errors.js';
import { syncOnboarding } from '../onboarding.js';
import type { GuildRole, Markup, MemberStanding, OnboardingPort, RoleProblem, TownRolesPort } from '../ports.js';
import { TownRoleError } from '../ports.js';
import { resolveTown } from './resolve.js';
import { assertTownRoleFit, ensureTownRole, obtainRole, roleProblemError } from './roles.js';

/** An override longer than ten hours of driving is a typo, not a trip. */
export const DRIVE_TIME_LIMITS = { min: 1, max: 600 } as const;

export const PRESET_REGIONS = Object.keys(PRESETS);

// ---- admins: add, remove, preset, drive time ----

export interface AddTownInput {
  guildId: string;
  name: string;
  /** An existing role to link instead of creating one. */
  roleId?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
  /** Who adds it: a role at or above their highest role is refused (the owner excepted). */
  linker?: MemberStanding | undefined;
  /** The server's Discord onboarding, kept in sync with the towns (src/app/onboarding.ts); never throws. */
  onboarding?: OnboardingPort | undefined;
}

export interface AddTownResult {
  town: TownRow;
  /** created: the bot made the role; linked: an existing role (given, or found by name) was reused. */
  role: 'created' | 'linked';
  /** No coordinates were given and the town's name matched a preset town, whose coordinates were used. */
  coordinatesFromPreset: boolean;
}

export async function addTown(deps: AppDeps, port: TownRolesPort, input: AddTownInput): Promise<AddTownResult> {
  const name = unwrap(validateTownName(input.name));
  const normalizedName = normalizeTownName(name);
  if (normalizedName === '') throw new UserFacingError('town.badName', { name, characters: name });
  const existing = await findTownByNormalizedName(deps.db, input.guildId, normalizedName);
  if (existing) throw alreadyExists(deps.markup, existing);

  let coordinates = validateCoordinates(input.latitude, input.longitude);
  const presetTown = coordinates ? undefined : findPresetTown(normalizedName);
  if (presetTown) coordinates = { latitude: presetTown.lat, longitude: presetTown.lon };

  let role: GuildRole;
  let created: boolean;
  if (input.roleId) {
    role = await linkableRole(deps, port, input.guildId, input.roleId, input.linker);
    created = false;
  } else {
    ({ role, created } = await obtainRole(deps, port, input.guildId, name, { name, roleId: '' }, input.linker));
  }

  const town = await deps.db.transaction((tx) =>
    insertTown(tx, {
      guildId: input.guildId,
      name,
      normalizedName,
      roleId: role.id,
      roleManaged: created,
      latitude: coordinates?.latitude ?? null,
      longitude: coordinates?.longitude ?? null,
    }),
  );
  if (!town) {
    // Someone added the same town meanwhile: do not leave a stray role behind.
    if (created) await port.deleteRole(input.guildId, role.id).catch(() => {});
    const winner = await findTownByNormalizedName(deps.db, input.guildId, normalizedName);
    throw winner ? alreadyExists(deps.markup, winner) : new UserFacingError('error.generic');
  }
  deps.logger.info({ guildId: input.guildId, townId: town.id, roleId: role.id, created }, 'town added');
  await syncOnboarding(deps, input.onboarding, input.guildId, port);
  return { town, role: created ? 'created' : 'linked', coordinatesFromPreset: presetTown !== undefined };
}

function alreadyExists(markup: Markup, town: TownRow): UserFacingError {
  return new UserFacingError('town.error.alreadyExists', { town: town.name, role: markup.role(town.roleId) });
}

async function linkableRole(
  deps: AppDeps,
  port: TownRolesPort,
  guildId: string,
  roleId: string,
  linker: MemberStanding | undefined,
): Promise<GuildRole> {
  const role = await port.getRole(guildId, roleId);
  const mention = deps.markup.role(roleId);
  if (!role) throw new UserFacingError('town.error.roleNotFound', { role: mention });
  if (role.reserved) throw new UserFacingError('town.error.roleReserved', { role: mention });
  if (role.manageable !== 'ok') throw roleProblemError(deps.markup, role.manageable, { name: role.name, roleId });
  assertTownRoleFit(deps.markup, role, linker);
  const [linked] = await findTownsByRole(deps.db, guildId, [roleId]);
  if (linked) throw new UserFacingError('town.error.roleAlreadyLinked', { role: mention, town: linked.name });
  return role;
}

function validateCoordinates(
  latitude: number | undefined,
  longitude: number | undefined,
): { latitude: number; longitude: number } | undefined {
  if (latitude === undefined && longitude === undefined) return undefined;
  if (latitude === undefined || longitude === undefined) throw new UserFacingError('town.error.coordinatesIncomplete');
  const valid =
    Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  if (!valid) throw new UserFacingError('town.error.coordinatesOutOfRange', { latitude, longitude });
  return { latitude, longitude };
}

function findPresetTown(normalizedName: string): { name: string; lat: number; lon: number } | undefined {
  for (const preset of Object.values(PRESETS)) {
    const town = preset.towns.find((candidate) => normalizeTownName(candidate.name) === normalizedName);
    if (town) return town;
  }
  return undefined;
}

export type RemoveTownResult = {
  town: TownRow;
  /**
   * deleted: the bot had created the role and deleted it; kept: the role was linked, not the bot's, so it stays;
   * alreadyGone: it had been deleted in Discord; deleteFailed: the bot could not delete it (reason in `problem`).
   */
  role: 'deleted' | 'kept' | 'alreadyGone' | 'deleteFailed';
  problem?: RoleProblem;
};

export async function removeTown(
  deps: AppDeps,
  port: TownRolesPort,
  input: { guildId: string; town: string; onboarding?: OnboardingPort | undefined },
): Promise<RemoveTownResult> {
  const town = resolveTown(input.town, await listTowns(deps.db, input.guildId));
  const removed = await deps.db.transaction((tx) => deleteTown(tx, input.guildId, town.id));
  if (!removed) throw new UserFacingError('town.notFound', { input: town.name, suggestions: '—' });
  deps.logger.info({ guildId: input.guildId, townId: town.id, roleManaged: town.roleManaged }, 'town removed');
  // Before the role goes: Discord refuses a question naming a deleted role.
  await syncOnboarding(deps, input.onboarding, input.guildId, port);
  if (!town.roleManaged) return { town, role: 'kept' };
  try {
    await port.deleteRole(input.guildId, town.roleId);
    return { town, role: 'deleted' };
  } catch (error) {
    if (!(error instanceof TownRoleError)) throw error;
    if (error.problem === 'unknownRole') return { town, role: 'alreadyGone' };
    return { town, role: 'deleteFailed', problem: error.problem };
  }
}

export interface PresetResult {
  region: string;
  /** New towns with a role the bot created. */
  created: TownRow[];
  /** New towns linked to a role of the same name that was already in the guild. */
  linked: TownRow[];
  /** Towns that were already there, untouched (coordinates filled in when they had none). */
  existing: TownRow[];
  /** Towns that were there but whose role had been deleted in Discord: the role was recreated. */
  repaired: TownRow[];
}

/**
 * Loads a ready list of towns. Idempotent: towns already there are reused, roles of the same name are linked
 * rather than duplicated, so running it twice creates nothing the second time. Each town is saved as soon as
 * its role exists, so a run stopped halfway (250-role limit) resumes where it stopped.
 */
export async function applyPreset(
  deps: AppDeps,
  port: TownRolesPort,
  input: {
    guildId: string;
    region: string;
    linker?: MemberStanding | undefined;
    onboarding?: OnboardingPort | undefined;
  },
): Promise<PresetResult> {
  const region = input.region;
  const preset = Object.hasOwn(PRESETS, region) ? PRESETS[region] : undefined;
  if (!preset) throw new UserFacingError('town.error.unknownPreset', { region, regions: PRESET_REGIONS.join(', ') });
  const result: PresetResult = { region, created: [], linked: [], existing: [], repaired: [] };
  for (const presetTown of preset.towns) {
    const normalizedName = normalizeTownName(presetTown.name);
    const existing = await findTownByNormalizedName(deps.db, input.guildId, normalizedName);
    if (existing) {
      const ensured = await ensureTownRole(deps, port, existing);
      let town = ensured.town;
      if (town.latitude === null || town.longitude === null) {
        town =
          (await deps.db.transaction((tx) =>
            updateTown(tx, input.guildId, town.id, { latitude: presetTown.lat, longitude: presetTown.lon }),
          )) ?? town;
      }
      (ensured.recreated ? result.repaired : result.existing).push(town);
      continue;
    }
    const { role, created } = await obtainRole(
      deps,
      port,
      input.guildId,
      presetTown.name,
      { name: presetTown.name, roleId: '' },
      input.linker,
    );
    const town = await deps.db.transaction((tx) =>
      insertTown(tx, {
        guildId: input.guildId,
        name: presetTown.name,
        normalizedName,
        roleId: role.id,
        roleManaged: created,
        latitude: presetTown.lat,
        longitude: presetTown.lon,
      }),
    );
    if (!town) {
      // A concurrent run inserted it first: keep theirs, drop our duplicate role.
      if (created) await port.deleteRole(input.guildId, role.id).catch(() => {});
      const winner = await findTownByNormalizedName(deps.db, input.guildId, normalizedName);
      if (winner) result.existing.push(winner);
      continue;
    }
    (created ? result.created : result.linked).push(town);
  }
  deps.logger.info(
    {
      guildId: input.guildId,
      region,
      created: result.created.length,
      linked: result.linked.length,
      repaired: result.repaired.length,
    },
    'town preset applied',
  );
  await syncOnboarding(deps, input.onboarding, input.guildId, port);
  return result;
}

export interface DriveTimeResult {
  townA: TownRow;
  townB: TownRow;
  minutes: number;
  /** What the bot estimated from coordinates before the override, when both towns have some. */
  estimatedMinutes: number | null;
}

export async function setDriveTime(
  deps: AppDeps,
  input: { guildId: string; townA: string; townB: string; minutes: number },
): Promise<DriveTimeResult> {
  const towns = await listTowns(deps.db, input.guildId);
  const townA = resolveTown(input.townA, towns);
  const townB = resolveTown(input.townB, towns);
  if (townA.id === townB.id) throw new UserFacingError('town.error.sameTown', { town: townA.name });
  const { min, max } = DRIVE_TIME_LIMITS;
  if (!Number.isInteger(input.minutes) || input.minutes < min || input.minutes > max) {
    throw new UserFacingError('town.error.driveTimeOutOfRange', { value: input.minutes, min, max });
  }
  await deps.db.transaction((tx) =>
    setDriveTimeOverride(tx, { guildId: input.guildId, townA: townA.id, townB: townB.id, minutes: input.minutes }),
  );
  const estimatedMinutes =
    townA.latitude !== null && townA.longitude !== null && townB.latitude !== null && townB.longitude !== null
      ? estimateDriveMinutes(
          { lat: townA.latitude, lon: townA.longitude },
          { lat: townB.latitude, lon: townB.longitude },
        )
      : null;
  return { townA, townB, minutes: input.minutes, estimatedMinutes };
}
