import type { Database } from '../db/client.js';
import { listStopsOfTrip } from '../db/repositories/stops.js';
import { listTowns } from '../db/repositories/towns.js';

/**
 * What a trip's map shows (the announcement's image and the trip page's card): every town of the guild, the trip's
 * stops in order, the towns its announcement pinged. `key` changes whenever any of it changes (the trip's version
 * and pinged roles), so a rendered image can be cached under it.
 */
export interface TripMapData {
  key: string;
  towns: { id: number; name: string; lat: number | null; lon: number | null }[];
  /** Town ids of the stops, in itinerary order. */
  stopTownIds: number[];
  pingedTownIds: Set<number>;
}

export async function loadTripMap(db: Database, guildId: string, tripId: number): Promise<TripMapData | null> {
  const [stops, towns] = await Promise.all([listStopsOfTrip(db, guildId, tripId), listTowns(db, guildId)]);
  if (stops.length === 0) return null;
  const pinged = new Set(stops.flatMap((stop) => stop.trip.pingedRoleIds));
  const stopTownIds = stops.flatMap((stop) => (stop.townId === null ? [] : [stop.townId]));
  const located = towns.map((town) => ({ id: town.id, name: town.name, lat: town.latitude, lon: town.longitude }));
  const key = [
    guildId,
    tripId,
    stops.map((stop) => `${stop.trip.version}`).join('.'),
    [...pinged].sort().join('.'),
    located.map((town) => `${town.id}@${town.lat},${town.lon}`).join(';'),
  ].join('|');
  return {
    key,
    towns: located,
    stopTownIds,
    pingedTownIds: new Set(towns.filter((town) => pinged.has(town.roleId)).map((town) => town.id)),
  };
}
