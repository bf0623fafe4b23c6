import { type Failure, fail } from './result.js';
import { cleanUserText, stripInvisibleCharacters, type TextErrorKey } from './text.js';

/**
 * Towns of a community: finding one from what a member typed, ranking them for autocomplete, estimating drive
 * times between them, and the ready-made lists a guild can load.
 */

export type TownId = string | number;

export interface NamedTown {
  readonly id: TownId;
  readonly name: string;
}

export interface Coordinates {
  readonly lat: number;
  readonly lon: number;
}

/** A town as drive-time rules see it: coordinates are optional (`/town add` does not require them). */
export interface LocatedTown {
  readonly id: TownId;
  readonly lat: number | null;
  readonly lon: number | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Names

export const TOWN_NAME_MAX_LENGTH = 50;

/** Characters that would ping, link or format in Discord; no real town name needs them. */
const FORBIDDEN_NAME_CHARACTERS = /[@#<>*_~`|\\[\]]/gu;

/** Common abbreviations in Quebec place names: "St-Pascal" is "Saint-Pascal". */
const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte', mt: 'mont' };

/**
 * Comparison key of a town name: lowercase, accents removed, hyphens/apostrophes/dots/underscores and runs of
 * spaces turned into one space, "st"/"ste"/"mt" expanded. "Rivière-du-Loup" and "riviere  du loup" → "riviere du
 * loup"; "St-Pascal" → "saint pascal".
 */
export function normalizeTownName(name: string): string {
  // Invisible and bidi characters first: "Rimo\u200Buski" pasted from elsewhere is still Rimouski.
  return stripInvisibleCharacters(name)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s\-‐‑–—'’‘`´._]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(' ');
}

export type TownNameErrorKey = TextErrorKey | 'town.badName' | 'town.duplicate';

export type TownNameResult = { readonly ok: true; readonly value: string } | Failure<TownNameErrorKey>;

/**
 * Checks a name for a new town: 1–50 characters once cleaned (text.ts), none of `@ # < > * _ ~ ` | \ [ ]`, and
 * not the same (normalized) as an existing town.
 */
export function validateTownName(name: string, existing: readonly NamedTown[] = []): TownNameResult {
  const cleaned = cleanUserText(name, { maxLength: TOWN_NAME_MAX_LENGTH });
  if (!cleaned.ok) return cleaned;
  const forbidden = [...new Set(cleaned.value.match(FORBIDDEN_NAME_CHARACTERS) ?? [])];
  if (forbidden.length > 0) return fail('town.badName', { name: cleaned.value, characters: forbidden.join(' ') });
  const key = normalizeTownName(cleaned.value);
  const twin = existing.find((town) => normalizeTownName(town.name) === key);
  if (twin) return fail('town.duplicate', { name: cleaned.value, existing: twin.name });
  return { ok: true, value: cleaned.value };
}

// ---------------------------------------------------------------------------------------------------------------
// Matching and searching

export type TownMatchErrorKey = 'town.notFound' | 'town.ambiguous';

export type TownMatch<Town extends NamedTown> = { readonly ok: true; readonly town: Town } | Failure<TownMatchErrorKey>;

/** How many candidate names an ambiguity message lists. */
const MAX_LISTED_CANDIDATES = 10;

/**
 * The town a member meant: an exact (normalized) name first, then the only name starting with the input, then
 * the only name containing it. Several matches at the first level that has any → ambiguous, listing them.
 */
export function matchTown<Town extends NamedTown>(input: string, towns: readonly Town[]): TownMatch<Town> {
  const query = normalizeTownName(input);
  // Echoed back to the member: without a right-to-left override that would turn the rest of the reply around.
  const shown = stripInvisibleCharacters(input).trim();
  if (query === '') return fail('town.notFound', { input: shown });

  const keyed = towns.map((town) => ({ town, key: normalizeTownName(town.name) }));
  const levels = [
    keyed.filter(({ key }) => key === query),
    keyed.filter(({ key }) => key.startsWith(query)),
    keyed.filter(({ key }) => key.includes(query)),
  ];
  for (const level of levels) {
    const [first, second] = level;
    if (first && !second) return { ok: true, town: first.town };
    if (first) {
      const names = sortByName(level.map(({ town }) => town)).map((town) => town.name);
      const listed = names.slice(0, MAX_LISTED_CANDIDATES).join(', ');
      const more = names.length > MAX_LISTED_CANDIDATES ? ', …' : '';
      return fail('town.ambiguous', { input: shown, candidates: listed + more, count: names.length });
    }
  }
  return fail('town.notFound', { input: shown });
}

/** Discord shows at most 25 autocomplete choices. */
export const AUTOCOMPLETE_LIMIT = 25;

/**
 * Towns for an autocomplete list, best first: exact name, name starting with the query, a word of the name
 * starting with it ("loup" → Rivière-du-Loup), name containing it; alphabetical within each group. An empty
 * query lists every town alphabetically.
 */
export function searchTowns<Town extends NamedTown>(
  query: string,
  towns: readonly Town[],
  limit = AUTOCOMPLETE_LIMIT,
): Town[] {
  const normalized = normalizeTownName(query);
  const ranked = towns
    .map((town) => ({ town, rank: searchRank(normalizeTownName(town.name), normalized) }))
    .filter((entry): entry is { town: Town; rank: number } => entry.rank !== null);
  ranked.sort((a, b) => a.rank - b.rank || compareNames(a.town.name, b.town.name));
  return ranked.slice(0, Math.max(0, limit)).map(({ town }) => town);
}

function searchRank(key: string, query: string): number | null {
  if (query === '') return 0;
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  if (key.split(' ').some((word) => word.startsWith(query))) return 2;
  if (key.includes(query)) return 3;
  return null;
}

/**
 * The towns whose names are the fewest edits away from what was typed ("rimouksi" → Rimouski), for an "unknown
 * town" answer; ties in alphabetical order of the normalized name.
 */
export function closestTowns<Town extends { readonly normalizedName: string }>(
  input: string,
  towns: readonly Town[],
  count: number,
): Town[] {
  const query = normalizeTownName(input);
  return towns
    .map((town) => ({ town, distance: editDistance(query, town.normalizedName) }))
    .sort((a, b) => a.distance - b.distance || a.town.normalizedName.localeCompare(b.town.normalizedName))
    .slice(0, count)
    .map((entry) => entry.town);
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
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

// Created at first use: an Intl object built at import touches ICU's data for a bot that has sorted nothing yet (issue 15).
let nameCollator: Intl.Collator | undefined;

function compareNames(a: string, b: string): number {
  nameCollator ??= new Intl.Collator('fr', { sensitivity: 'base' });
  return nameCollator.compare(a, b);
}

function sortByName<Town extends NamedTown>(towns: readonly Town[]): Town[] {
  return [...towns].sort((a, b) => compareNames(a.name, b.name));
}

// ---------------------------------------------------------------------------------------------------------------
// Drive times

export const EARTH_RADIUS_KM = 6371;

/**
 * Roads are longer than the straight line. In Bas-Saint-Laurent the A-20 and route 132 follow the river, so the
 * detour is small; 1.2 also absorbs getting out of town. Regions with mountains or water in the way will be
 * underestimated: the override map of `townsWithin` is there for them.
 */
export const ROAD_FACTOR = 1.2;

/**
 * Door-to-door average on regional roads: 100 km/h on the autoroute, 90 on the 132, slower through villages.
 * With ROAD_FACTOR this gives La Pocatière–Rivière-du-Loup 51 min (real: ~50), Rivière-du-Loup–Rimouski 81 min
 * (real: ~1 h 15), Rimouski–Matane 69 min (real: ~1 h 10).
 */
export const AVERAGE_SPEED_KMH = 90;

/** Great-circle distance (haversine). */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
  const deltaLat = toRadians(b.lat - a.lat);
  const deltaLon = toRadians(b.lon - a.lon);
  const h =
    Math.sin(deltaLat / 2) ** 2 + Math.cos(toRadians(a.lat)) * Math.cos(toRadians(b.lat)) * Math.sin(deltaLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Rough drive time in whole minutes: distance × ROAD_FACTOR at AVERAGE_SPEED_KMH. */
export function estimateDriveMinutes(a: Coordinates, b: Coordinates): number {
  return Math.round(((distanceKm(a, b) * ROAD_FACTOR) / AVERAGE_SPEED_KMH) * 60);
}

/** Key of a pair of towns in a drive-time override map; the order of the two towns does not matter. */
export function drivePairKey(a: TownId, b: TownId): string {
  const [first, second] = [String(a), String(b)].sort();
  return `${first}:${second}`;
}

export interface TownWithinReach<Town extends LocatedTown> {
  readonly town: Town;
  readonly minutes: number;
}

/**
 * The other towns at most `maxMinutes` away from `origin`, closest first. A known drive time in `overrides`
 * (keyed by `drivePairKey`) wins over the estimate; a town without coordinates and without override is left out.
 */
export function townsWithin<Town extends LocatedTown>(
  origin: LocatedTown,
  towns: readonly Town[],
  maxMinutes: number,
  overrides?: ReadonlyMap<string, number>,
): TownWithinReach<Town>[] {
  const reachable: TownWithinReach<Town>[] = [];
  for (const town of towns) {
    if (String(town.id) === String(origin.id)) continue;
    const minutes = driveMinutesBetween(origin, town, overrides);
    if (minutes !== null && minutes <= maxMinutes) reachable.push({ town, minutes });
  }
  return reachable.sort((a, b) => a.minutes - b.minutes);
}

/** Drive time between two towns: the override if one is known, else the estimate, else null (no coordinates). */
export function driveMinutesBetween(
  a: LocatedTown,
  b: LocatedTown,
  overrides?: ReadonlyMap<string, number>,
): number | null {
  const known = overrides?.get(drivePairKey(a.id, b.id));
  if (known !== undefined) return known;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  return estimateDriveMinutes({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon });
}

// ---------------------------------------------------------------------------------------------------------------
// Presets

export interface TownPreset {
  readonly label: { readonly fr: string; readonly en: string };
  readonly towns: readonly { readonly name: string; readonly lat: number; readonly lon: number }[];
}

/** The main towns of Bas-Saint-Laurent (Quebec), approximate coordinates of their centres. */
export const BAS_SAINT_LAURENT_PRESET: TownPreset = {
  label: { fr: 'Bas-Saint-Laurent', en: 'Bas-Saint-Laurent' },
  towns: [
    { name: 'La Pocatière', lat: 47.3667, lon: -70.0333 },
    { name: 'Saint-Pascal', lat: 47.5333, lon: -69.8 },
    { name: 'Rivière-du-Loup', lat: 47.8333, lon: -69.5333 },
    { name: 'Trois-Pistoles', lat: 48.1167, lon: -69.1667 },
    { name: 'Témiscouata-sur-le-Lac', lat: 47.68, lon: -68.88 },
    { name: 'Dégelis', lat: 47.55, lon: -68.65 },
    { name: 'Rimouski', lat: 48.45, lon: -68.53 },
    { name: 'Mont-Joli', lat: 48.5833, lon: -68.1833 },
    { name: 'Amqui', lat: 48.4667, lon: -67.4333 },
    { name: 'Matane', lat: 48.85, lon: -67.5333 },
  ],
};

/** Ready-made town lists for `/town preset`, by key. */
export const PRESETS: Readonly<Record<string, TownPreset>> = {
  'bas-saint-laurent': BAS_SAINT_LAURENT_PRESET,
};
