import { createRequire } from 'node:module';
import { type GeoPermissibleObjects, geoMercator, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * A map of a guild's towns without tiles: Natural Earth's land (world-atlas land-50m, public domain) in a Mercator
 * projection fitted to the towns and clipped to the frame, towns as labelled points, those with upcoming stops
 * highlighted, an itinerary's stops joined in order. Pure: data in, SVG text out (about 3 KB for a region).
 * The same SVG goes into the pages and, through resvg, into the announcement's PNG.
 */

export interface MapTown {
  name: string;
  lat: number;
  lon: number;
  highlighted: boolean;
  /** A town the trip's announcement pinged (drawn ringed, between plain and highlighted). */
  pinged?: boolean;
}

export interface MapInput {
  towns: readonly MapTown[];
  /** An itinerary's stops in order, joined by a line. */
  route?: readonly { lat: number; lon: number }[];
  /** Accessible name of the drawing (<title>). */
  title: string;
  width?: number;
  height?: number;
}

export const MAP_WIDTH = 800;
export const MAP_HEIGHT = 500;
export const MAP_FONT_FAMILY = 'DejaVu Sans';

const COLORS = {
  sea: '#d6e6f2',
  land: '#f4f1e6',
  coast: '#a9a48f',
  town: '#4b5563',
  highlight: '#b4410c',
  pinged: '#1d4ed8',
  route: '#b4410c',
  label: '#111827',
  halo: '#ffffff',
} as const;

type Ring = [number, number][];
interface LandPolygon {
  rings: Ring[];
  /** [west, south, east, north] of the outer ring, in degrees. */
  box: [number, number, number, number];
}

let land: LandPolygon[] | undefined;

/** The world's land polygons with their bounding boxes, read once from world-atlas. */
function landPolygons(): LandPolygon[] {
  if (!land) {
    const topology = createRequire(import.meta.url)('world-atlas/land-50m.json') as Topology<{
      land: GeometryCollection;
    }>;
    const collection = feature(topology, topology.objects.land) as unknown as {
      features: { geometry: { type: string; coordinates: unknown } }[];
    };
    land = collection.features.flatMap((item) => {
      const polygons = (
        item.geometry.type === 'MultiPolygon' ? item.geometry.coordinates : [item.geometry.coordinates]
      ) as Ring[][];
      return polygons.map((rings) => {
        const outer = rings[0] ?? [];
        const lons = outer.map((point) => point[0]);
        const lats = outer.map((point) => point[1]);
        return {
          rings,
          box: [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)] as LandPolygon['box'],
        };
      });
    });
  }
  return land;
}

/**
 * Sutherland–Hodgman clipping of a ring to a longitude/latitude rectangle. In Mercator such a rectangle is a screen
 * rectangle, so clipping to one a little larger than the frame changes nothing visible while d3 then projects a
 * few hundred points instead of a continent's coastline (the render goes from ~70 ms to a few ms).
 */
function clipRing(ring: Ring, [west, south, east, north]: [number, number, number, number]): Ring {
  const edges: [
    (point: [number, number]) => boolean,
    (a: [number, number], b: [number, number]) => [number, number],
  ][] = [
    [(p) => p[0] >= west, (a, b) => [west, a[1] + ((b[1] - a[1]) * (west - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= east, (a, b) => [east, a[1] + ((b[1] - a[1]) * (east - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= south, (a, b) => [a[0] + ((b[0] - a[0]) * (south - a[1])) / (b[1] - a[1]), south]],
    [(p) => p[1] <= north, (a, b) => [a[0] + ((b[0] - a[0]) * (north - a[1])) / (b[1] - a[1]), north]],
  ];
  let output = ring;
  for (const [inside, cross] of edges) {
    const input = output;
    output = [];
    for (let index = 0; index < input.length; index += 1) {
      const current = input[index] as [number, number];
      const previous = input[(index + input.length - 1) % input.length] as [number, number];
      if (inside(current)) {
        if (!inside(previous)) output.push(cross(previous, current));
        output.push(current);
      } else if (inside(previous)) {
        output.push(cross(previous, current));
      }
    }
    if (output.length === 0) break;
  }
  if (output.length > 0) output.push(output[0] as [number, number]);
  return output;
}

/** The land inside this lon/lat box, as one MultiPolygon. */
function landWithin(box: [number, number, number, number]): GeoPermissibleObjects {
  const [west, south, east, north] = box;
  const polygons = landPolygons()
    .filter(
      (polygon) =>
        polygon.box[0] <= east && polygon.box[2] >= west && polygon.box[1] <= north && polygon.box[3] >= south,
    )
    .map((polygon) => polygon.rings.map((ring) => clipRing(ring, box)).filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0 && (rings[0]?.length ?? 0) >= 4);
  return { type: 'MultiPolygon', coordinates: polygons };
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

/** The area to frame: the towns' extent, at least about 100 km wide, so one town alone still shows its shores. */
function frame(towns: readonly { lat: number; lon: number }[]): GeoPermissibleObjects {
  const lats = towns.map((town) => town.lat);
  const lons = towns.map((town) => town.lon);
  let [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
  const widen = (low: number, high: number, minimum: number): [number, number] => {
    const middle = (low + high) / 2;
    const half = Math.max((high - low) / 2, minimum / 2);
    return [middle - half, middle + half];
  };
  [south, north] = widen(south, north, 0.8);
  [west, east] = widen(west, east, 1.4);
  return {
    type: 'MultiPoint',
    coordinates: [
      [west, south],
      [east, north],
    ],
  };
}

/** The SVG of the map, or null when no town has coordinates (nothing to draw). */
export function renderMapSvg(input: MapInput): string | null {
  const width = input.width ?? MAP_WIDTH;
  const height = input.height ?? MAP_HEIGHT;
  const towns = input.towns.filter((town) => Number.isFinite(town.lat) && Number.isFinite(town.lon));
  if (towns.length === 0) return null;
  // Room for the labels, which are written to the right of the points.
  const projection = geoMercator()
    .fitExtent(
      [
        [40, 30],
        [width - 150, height - 30],
      ],
      frame(towns),
    )
    .clipExtent([
      [0, 0],
      [width, height],
    ]);
  const path = geoPath(projection).digits(1);
  // The frame's corners in degrees, widened by a degree: what is clipped away there is never visible.
  const [west, north] = projection.invert?.([0, 0]) ?? [-180, 85];
  const [east, south] = projection.invert?.([width, height]) ?? [180, -85];
  const box: [number, number, number, number] = [west - 1, Math.max(south - 1, -85), east + 1, Math.min(north + 1, 85)];
  const point = (lat: number, lon: number) => projection([lon, lat]) ?? [0, 0];

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${MAP_FONT_FAMILY}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${width}" height="${height}" fill="${COLORS.sea}"/>`,
    `<path d="${path(landWithin(box)) ?? ''}" fill="${COLORS.land}" stroke="${COLORS.coast}" stroke-width="1"/>`,
  ];
  const route = (input.route ?? []).filter((stop) => Number.isFinite(stop.lat) && Number.isFinite(stop.lon));
  if (route.length > 1) {
    const points = route.map((stop) =>
      point(stop.lat, stop.lon)
        .map((value) => value.toFixed(1))
        .join(','),
    );
    parts.push(
      `<polyline points="${points.join(' ')}" fill="none" stroke="${COLORS.route}" stroke-width="3" stroke-dasharray="8 5" stroke-linecap="round" stroke-linejoin="round" data-route="true"/>`,
    );
  }
  // Highlighted towns last, so they are drawn over the others.
  const weight = (town: MapTown) => (town.highlighted ? 2 : town.pinged ? 1 : 0);
  const ordered = [...towns].sort((a, b) => weight(a) - weight(b));
  for (const town of ordered) {
    const [x, y] = point(town.lat, town.lon).map((value) => Number(value.toFixed(1))) as [number, number];
    const pinged = !town.highlighted && town.pinged === true;
    const radius = town.highlighted ? 7 : pinged ? 5 : 4;
    const color = town.highlighted ? COLORS.highlight : pinged ? COLORS.pinged : COLORS.town;
    parts.push(
      `<g data-town="${escapeXml(town.name)}" data-highlighted="${town.highlighted}" data-pinged="${pinged}">`,
      `<circle cx="${x}" cy="${y}" r="${radius}" fill="${color}" stroke="${COLORS.halo}" stroke-width="1.5"/>`,
      `<text x="${x + radius + 4}" y="${y + 4}" font-size="${town.highlighted ? 15 : 12}" font-weight="${town.highlighted ? 'bold' : 'normal'}" fill="${COLORS.label}" stroke="${COLORS.halo}" stroke-width="3" paint-order="stroke">${escapeXml(town.name)}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
