import { type MapTown, renderMapSvg } from './map.js';
import { type PngCache, renderPng } from './png.js';

/** A trip's map: its stops' towns highlighted and joined in order, the towns it pinged ringed, the others plain. */
export interface TripMapInput {
  key: string;
  towns: readonly { id: number; name: string; lat: number | null; lon: number | null }[];
  stopTownIds: readonly number[];
  pingedTownIds: ReadonlySet<number>;
}

export function tripMapSvg(input: TripMapInput, title: string): string | null {
  const stops = new Set(input.stopTownIds);
  const byId = new Map(input.towns.map((town) => [town.id, town]));
  const towns: MapTown[] = input.towns.flatMap((town) =>
    town.lat === null || town.lon === null
      ? []
      : [
          {
            name: town.name,
            lat: town.lat,
            lon: town.lon,
            highlighted: stops.has(town.id),
            pinged: input.pingedTownIds.has(town.id),
          },
        ],
  );
  const route = input.stopTownIds.flatMap((id) => {
    const town = byId.get(id);
    return town && town.lat !== null && town.lon !== null ? [{ lat: town.lat, lon: town.lon }] : [];
  });
  return renderMapSvg({ towns, route, title });
}

/** The PNG, rendered once per `key` (the cache is bounded); null when no town has coordinates. */
export function tripMapPng(cache: PngCache, input: TripMapInput): Buffer | null {
  return cache.get(input.key, () => {
    const svg = tripMapSvg(input, 'map');
    return svg ? renderPng(svg) : null;
  });
}
