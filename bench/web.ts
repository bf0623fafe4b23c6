/**
 * `npx tsx bench/web.ts [seconds=5] [concurrency=16]`: the web side's throughput and the map's render time.
 * A community of 10 towns and 60 upcoming stops on in-memory PGlite, the real Hono app on a real socket; requests
 * from `concurrency` clients at once for `seconds` each. Prints a JSON line (for bench/run.ts) after a table.
 */
import { BAS_SAINT_LAURENT_PRESET } from '../src/domain/towns.js';
import { renderMapSvg } from '../src/map/map.js';
import { PngCache, renderPng } from '../src/map/png.js';
import { createTestDatabase } from '../test/support/db.js';
import { addTrip, answer, MEMBERS, seedCommunity, startWebServer, WEB_NOW } from '../test/support/web.js';

export interface WebBenchResult {
  pageRequestsPerSecond: number;
  feedRequestsPerSecond: number;
  feed304RequestsPerSecond: number;
  mapSvgMs: { first: number; median: number };
  mapPngMs: { median: number; cachedMedian: number };
  pngBytes: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function throughput(url: string, seconds: number, concurrency: number, headers: Record<string, string> = {}) {
  const deadline = performance.now() + seconds * 1_000;
  let done = 0;
  const statuses = new Map<number, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const response = await fetch(url, { headers });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        done += 1;
      }
    }),
  );
  return { perSecond: Math.round(done / seconds), statuses: Object.fromEntries(statuses) };
}

export async function benchWeb(seconds = 5, concurrency = 16): Promise<WebBenchResult> {
  const database = await createTestDatabase('pglite');
  const db = database.handle.db;
  const { towns } = await seedCommunity(db);
  const list = [...towns.values()];
  for (let index = 0; index < 57; index += 1) {
    const town = list[index % list.length];
    if (!town) continue;
    const trip = await addTrip(db, town, new Date(WEB_NOW.getTime() + (index + 1) * 86_400_000), {
      topic: `Rencontre ${index}`,
    });
    await answer(db, trip.id, MEMBERS[index % MEMBERS.length] ?? MEMBERS[0], 'going');
  }
  const server = await startWebServer(db, { rateLimitPerMinute: 10_000_000 });
  try {
    const page = await throughput(`${server.url}/c/tech-bsl`, seconds, concurrency);
    const feed = await throughput(`${server.url}/c/tech-bsl/calendar.ics`, seconds, concurrency);
    const etag = (await fetch(`${server.url}/c/tech-bsl/calendar.ics`)).headers.get('etag') ?? '';
    const notModified = await throughput(`${server.url}/c/tech-bsl/calendar.ics`, seconds, concurrency, {
      'if-none-match': etag,
    });
    console.log({ page, feed, notModified });

    const mapTowns = BAS_SAINT_LAURENT_PRESET.towns.map((town, index) => ({ ...town, highlighted: index % 3 === 0 }));
    const svgTimes: number[] = [];
    let svg = '';
    for (let index = 0; index < 20; index += 1) {
      const started = performance.now();
      svg = renderMapSvg({ towns: mapTowns, title: 'bench', route: mapTowns.slice(0, 3) }) ?? '';
      svgTimes.push(performance.now() - started);
    }
    const pngTimes: number[] = [];
    let png: Buffer = Buffer.alloc(0);
    for (let index = 0; index < 10; index += 1) {
      const started = performance.now();
      png = renderPng(svg);
      pngTimes.push(performance.now() - started);
    }
    const cache = new PngCache(16);
    cache.get('trip:1:0', () => renderPng(svg));
    const cachedTimes: number[] = [];
    for (let index = 0; index < 100; index += 1) {
      const started = performance.now();
      cache.get('trip:1:0', () => renderPng(svg));
      cachedTimes.push(performance.now() - started);
    }
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      pageRequestsPerSecond: page.perSecond,
      feedRequestsPerSecond: feed.perSecond,
      feed304RequestsPerSecond: notModified.perSecond,
      mapSvgMs: { first: round(svgTimes[0] ?? 0), median: round(median(svgTimes.slice(1))) },
      mapPngMs: { median: round(median(pngTimes)), cachedMedian: round(median(cachedTimes)) },
      pngBytes: png.length,
    };
  } finally {
    await server.close();
    await database.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const seconds = Number(process.argv[2] ?? 5);
  const concurrency = Number(process.argv[3] ?? 16);
  const result = await benchWeb(seconds, concurrency);
  console.table({
    'page /c/<slug> (req/s)': result.pageRequestsPerSecond,
    'feed calendar.ics (req/s)': result.feedRequestsPerSecond,
    'feed 304 (req/s)': result.feed304RequestsPerSecond,
    'map SVG first (ms)': result.mapSvgMs.first,
    'map SVG median (ms)': result.mapSvgMs.median,
    'map PNG median (ms)': result.mapPngMs.median,
    'map PNG cached (ms)': result.mapPngMs.cachedMedian,
  });
  console.log(JSON.stringify({ web: result }));
}
