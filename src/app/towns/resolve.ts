import { listTowns, type TownRow } from '../../db/repositories/towns.js';
import { stripInvisibleCharacters } from '../../domain/text.js';
import { closestTowns, matchTown, searchTowns } from '../../domain/towns.js';
import type { AppDeps } from '../context.js';
import { UserFacingError } from '../errors.js';

/** How many close names an "unknown town" answer suggests. */
const SUGGESTION_COUNT = 3;

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

/** Autocomplete for `town` options: the guild's towns matching what is typed. */
export async function suggestTowns(deps: AppDeps, input: { guildId: string; query: string }): Promise<TownRow[]> {
  const towns = await listTowns(deps.db, input.guildId);
  return searchTowns(input.query, towns, 25);
}
