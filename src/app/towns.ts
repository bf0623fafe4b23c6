import {
  deleteTown,
  findTownByNormalizedName,
  findTownsByRole,
  getTownsByIds,
  insertTown,
  listTowns,
  setDriveTimeOverride,
  type TownRow,
  updateTown,
} from '../db/repositories/towns.js';
import { stripInvisibleCharacters } from '../domain/text.js';
import {
  estimateDriveMinutes,
  matchTown,
  normalizeTownName,
  PRESETS,
  searchTowns,
  validateTownName,
} from '../domain/towns.js';
import type { AppDeps } from './context.js';
import { UserFacingError, unwrap } from './errors.js';

/** An override longer than ten hours of driving is a typo, not a trip. */
export const DRIVE_TIME_LIMITS = { min: 1, max: 600 } as const;

export const PRESET_REGIONS = Object.keys(PRESETS);
/** How many close names an "unknown town" answer suggests. */
const SUGGESTION_COUNT = 3;

// ---- the Discord port ----

/** Why the bot could not do something with a role. */
export type RoleProblem =
  /** The role no longer exists (deleted in Discord). */
  | 'unknownRole'
  /** The role sits at or above the bot's highest role: Discord forbids managing it (50013). */
  | 'roleAboveBot'
  /** The bot lacks the Manage Roles permission (50013). */
  | 'missingManageRoles'
  /** The guild has Discord's maximum of 250 roles (30005). */
  | 'tooManyRoles'
  /** The member left the guild. */
  | 'unknownMember';

export class TownRoleError extends Error {
  constructor(
    readonly problem: RoleProblem,
    readonly roleId?: string,
  ) {
    super(`town role: ${problem}${roleId ? ` (${roleId})` : ''}`);
    this.name = 'TownRoleError';
  }
}

export interface GuildRole {
  id: string;
  name: string;
  /** @everyone, or a role an integration manages (a bot's own role, a booster role): never a town. */
  reserved: boolean;
  /** Whether the bot may give and take this role, and if not, why. */
  manageable: 'ok' | 'roleAboveBot' | 'missingManageRoles';
}

/**
 * The Discord side effects of towns; implemented with discord.js in src/discord/townRoles.ts. Failures are
 * thrown as TownRoleError so the use cases can explain them.
 */
export interface TownRolesPort {
  getRole(guildId: string, roleId: string): Promise<GuildRole | undefined>;
  /** A role that is not reserved whose name matches, ignoring case and accents. */
  findRoleByName(guildId: string, name: string): Promise<GuildRole | undefined>;
  createRole(guildId: string, name: string): Promise<GuildRole>;
  deleteRole(guildId: string, roleId: string): Promise<void>;
  addMemberRole(guildId: string, userId: string, roleId: string): Promise<void>;
  removeMemberRole(guildId: string, userId: string, roleId: string): Promise<void>;
}

/** A role problem as the member reads it. */
export function roleProblemError(problem: RoleProblem, town: Pick<TownRow, 'name' | 'roleId'>): UserFacingError {
  const params = { town: town.name, role: `<@&${town.roleId}>` };
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

async function explainRoleErrors<T>(town: Pick<TownRow, 'name' | 'roleId'>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TownRoleError) throw roleProblemError(error.problem, town);
    throw error;
  }
}

// ---- finding towns ----

/**
 * The town the member meant, typed or autocompleted, case- and accent-insensitively; else an error that lists
 * the candidates (ambiguous) or the closest names (unknown: "rimouksi" → Rimouski).
 */
export function resolveTown(input: string, towns: TownRow[]): TownRow {
  const result = matchTown(input, towns);
  if (result.ok) return result.town;
  if (result.error.key === 'town.ambiguous') throw new UserFacingError('town.ambiguous', { ...result.error.params });
  // Echoed back: without invisible or bidi characters (a right-to-left override would turn the reply around).
  const shown = stripInvisibleCharacters(input).trim().slice(0, 100);
  if (towns.length === 0) throw new UserFacingError('town.error.noTowns', { input: shown });
  const suggestions = closestTowns(input, towns, SUGGESTION_COUNT).map((town) => town.name);
  throw new UserFacingError('town.notFound', { input: shown, suggestions: suggestions.join(', ') });
}

/** The towns whose normalized names are the fewest edits away from the input. */
function closestTowns(input: string, towns: TownRow[], count: number): TownRow[] {
  const query = normalizeTownName(input);
  return towns
    .map((town) => ({ town, distance: editDistance(query, town.normalizedName) }))
    .sort((a, b) => a.distance - b.distance || a.town.normalizedName.localeCompare(b.town.normalizedName))
    .slice(0, count)
    .map((entry) => entry.town);
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Autocomplete for `town` options: the guild's towns matching what is typed. */
export async function suggestTowns(deps: AppDeps, input: { guildId: string; query: string }): Promise<TownRow[]> {
  const towns = await listTowns(deps.db, input.guildId);
  return searchTowns(input.query, towns, 25);
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
async function obtainRole(
  deps: AppDeps,
  port: TownRolesPort,
  guildId: string,
  name: string,
  forTown: Pick<TownRow, 'name' | 'roleId'>,
): Promise<{ role: GuildRole; created: boolean }> {
  const existing = await port.findRoleByName(guildId, name);
  if (existing && !existing.reserved) {
    const [alreadyLinked] = await findTownsByRole(deps.db, guildId, [existing.id]);
    if (!alreadyLinked) {
      if (existing.manageable !== 'ok') {
        throw roleProblemError(existing.manageable, { name: forTown.name, roleId: existing.id });
      }
      return { role: existing, created: false };
    }
  }
  const created = await explainRoleErrors(forTown, () => port.createRole(guildId, name));
  return { role: created, created: true };
}

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
  await explainRoleErrors(live, () => port.addMemberRole(input.guildId, input.userId, live.roleId));
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
    if (error instanceof TownRoleError) throw roleProblemError(error.problem, town);
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
}

export async function listTownsForMember(
  deps: AppDeps,
  port: Pick<TownRolesPort, 'getRole'>,
  input: MemberInput,
): Promise<TownListEntry[]> {
  const towns = await listTowns(deps.db, input.guildId);
  const held = new Set(input.memberRoleIds);
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
    throw new UserFacingError('error.notForYou', { user: `<@${input.addressedMemberId}>` });
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
        await port.addMemberRole(input.guildId, input.userId, ensured.town.roleId);
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

/** ensureTownRole explains its errors as UserFacingError; map those back for the per-town report. */
function roleProblemOf(error: unknown): RoleProblem | undefined {
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

// ---- admins: add, remove, preset, drive time ----

export interface AddTownInput {
  guildId: string;
  name: string;
  /** An existing role to link instead of creating one. */
  roleId?: string | undefined;
  latitude?: number | undefined;
  longitude?: number | undefined;
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
  if (existing) throw alreadyExists(existing);

  let coordinates = validateCoordinates(input.latitude, input.longitude);
  const presetTown = coordinates ? undefined : findPresetTown(normalizedName);
  if (presetTown) coordinates = { latitude: presetTown.lat, longitude: presetTown.lon };

  let role: GuildRole;
  let created: boolean;
  if (input.roleId) {
    role = await linkableRole(deps, port, input.guildId, input.roleId);
    created = false;
  } else {
    ({ role, created } = await obtainRole(deps, port, input.guildId, name, { name, roleId: '' }));
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
    throw winner ? alreadyExists(winner) : new UserFacingError('error.generic');
  }
  deps.logger.info({ guildId: input.guildId, townId: town.id, roleId: role.id, created }, 'town added');
  return { town, role: created ? 'created' : 'linked', coordinatesFromPreset: presetTown !== undefined };
}

function alreadyExists(town: TownRow): UserFacingError {
  return new UserFacingError('town.error.alreadyExists', { town: town.name, role: `<@&${town.roleId}>` });
}

async function linkableRole(deps: AppDeps, port: TownRolesPort, guildId: string, roleId: string): Promise<GuildRole> {
  const role = await port.getRole(guildId, roleId);
  const mention = `<@&${roleId}>`;
  if (!role) throw new UserFacingError('town.error.roleNotFound', { role: mention });
  if (role.reserved) throw new UserFacingError('town.error.roleReserved', { role: mention });
  if (role.manageable !== 'ok') throw roleProblemError(role.manageable, { name: role.name, roleId });
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
  input: { guildId: string; town: string },
): Promise<RemoveTownResult> {
  const town = resolveTown(input.town, await listTowns(deps.db, input.guildId));
  const removed = await deps.db.transaction((tx) => deleteTown(tx, input.guildId, town.id));
  if (!removed) throw new UserFacingError('town.notFound', { input: town.name, suggestions: '—' });
  deps.logger.info({ guildId: input.guildId, townId: town.id, roleManaged: town.roleManaged }, 'town removed');
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
  input: { guildId: string; region: string },
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
    const { role, created } = await obtainRole(deps, port, input.guildId, presetTown.name, {
      name: presetTown.name,
      roleId: '',
    });
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
