import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashFeedToken, issueFeedToken } from '../../src/app/feeds.js';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { updateStop } from '../../src/db/repositories/trips.js';
import { HttpPortBusyError, listenHttp } from '../../src/http/listen.js';
import { PngCache } from '../../src/map/png.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import {
  MEMBERS,
  type SeededCommunity,
  seedCommunity,
  startWebServer,
  WEB_GUILD,
  WEB_NOW,
  type WebServer,
} from '../support/web.js';

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  sequence: number;
  status: string;
}

/** Parsed back with ical.js, an independent parser: what a calendar application would read. */
function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
    };
  });
}

describe.each(testDatabaseKinds())('public page and calendar feeds over HTTP on %s', (kind) => {
  const database = useTestDatabase(kind);
  let community: SeededCommunity;
  let server: WebServer;

  beforeEach(async () => {
    community = await seedCommunity(database.db);
    server = await startWebServer(database.db);
  });
  afterEach(async () => {
    await server.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });

  it('GIVEN an opted-in community WHEN its page is opened THEN the upcoming stops are listed by date in the guild’s time, without cancelled, past or hidden ones', async () => {
    const response = await get('/c/tech-bsl');
    expect(response.status).toBe(200);
    const page = await response.text();
    const towns = [...page.matchAll(/<li class="stop[^"]*" data-trip="\d+" data-town="([^"]+)"/g)].map((m) => m[1]);
    expect(towns).toEqual(['Matane', 'Rimouski', 'Dégelis']);
    expect(page).toContain('mercredi 2 décembre 2026, 18 h 30');
    expect(page).toContain('3 / 12 places prises');
    expect(page).toContain('Apéro &#60;b&#62;tech&#60;/b&#62;');
    expect(page).not.toContain('Réunion secrète');
    expect(page).toContain('1 rencontre(s) ont déjà eu lieu.');
    expect(page).not.toContain('Marie Tremblay');
    expect(page).toContain('href="https://discord.gg/escale-bsl"');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('GIVEN a community in Europe/Paris WHEN its page and feed are read THEN times are Paris wall clock with its zone name, and the feed keeps the same instants', async () => {
    await updateGuildSettings(database.db, WEB_GUILD, { timeZone: 'Europe/Paris' }, WEB_NOW);
    const page = await (await get('/c/tech-bsl')).text();
    // Rimouski at 17:00 UTC is 18:00 in Paris (12:00 in Toronto), Matane at 23:30 UTC is 00:30 the next day.
    expect(page).toContain('vendredi 4 décembre 2026, 18 h 00');
    expect(page).toContain('jeudi 3 décembre 2026, 0 h 30');
    expect(page).not.toContain('12 h 00');
    expect(page).toContain('heure de l’Europe centrale');
    const english = await (await get('/c/tech-bsl?lang=en')).text();
    expect(english).toContain('Friday, December 4, 2026, 6:00 PM');
    expect(english).toContain('Central European Time');
    const events = parseFeed(await (await get('/c/tech-bsl/calendar.ics')).text());
    expect(events.find((event) => event.summary.includes('Rimouski'))?.start).toBe('2026-12-04T17:00:00.000Z');
    expect(events.find((event) => event.summary.includes('Matane'))?.start).toBe('2026-12-02T23:30:00.000Z');
  });

  it('GIVEN ?lang=en and a town filter WHEN the page is opened THEN it speaks English and lists only that town', async () => {
    const page = await (await get('/c/tech-bsl?lang=en&town=rimouski')).text();
    expect(page).toContain('<html lang="en-CA">');
    expect(page).toContain('Friday, December 4, 2026, 12:00 PM');
    expect([...page.matchAll(/data-town="([^"]+)"><article>/g)].map((m) => m[1])).toEqual(['Rimouski']);
  });

  it('GIVEN public_names on WHEN the page is opened THEN hosts are shown by display name', async () => {
    await updateGuildSettings(database.db, WEB_GUILD, { publicNames: true }, WEB_NOW);
    expect(await (await get('/c/tech-bsl')).text()).toContain('Organisée par Marie Tremblay');
  });

  it('GIVEN a guild that did not opt in WHEN any of its addresses is asked THEN the answer is the same 404 as a name that does not exist', async () => {
    const missing = await get('/c/no-such-community');
    const missingBody = await missing.text();
    expect(missing.status).toBe(404);
    for (const path of [
      '/c/secret-club',
      '/c/secret-club/calendar.ics',
      '/c/secret-club/towns/rimouski.ics',
      `/c/secret-club/t/${community.trips.hidden.id}`,
      `/c/tech-bsl/t/${community.trips.hidden.id}`,
      `/c/tech-bsl/t/${community.trips.hidden.id}/map.png`,
      '/c/tech-bsl/towns/no-such-town.ics',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(await response.text()).toBe(missingBody);
    }
  });

  it('GIVEN the community feed WHEN parsed back THEN every stop has a stable UID, cancelled ones say CANCELLED, and an edit raises SEQUENCE', async () => {
    const response = await get('/c/tech-bsl/calendar.ics');
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const events = parseFeed(await response.text());
    const { rimouski, cancelled, past, hidden } = community.trips;
    expect(events.map((event) => event.uid)).toContain(`trip-${rimouski.id}@escale`);
    expect(events.map((event) => event.uid)).toContain(`trip-${past.id}@escale`);
    expect(events.map((event) => event.uid)).not.toContain(`trip-${hidden.id}@escale`);
    expect(events.find((event) => event.uid === `trip-${cancelled.id}@escale`)?.status).toBe('CANCELLED');
    const before = events.find((event) => event.uid === `trip-${rimouski.id}@escale`);
    expect(before).toMatchObject({ sequence: 0, status: 'CONFIRMED', start: '2026-12-04T17:00:00.000Z' });
    expect(before?.summary).toBe('Rencontre à Rimouski : IA en région');

    await updateStop(database.db, WEB_GUILD, rimouski.id, { startsAt: new Date('2026-12-04T18:00:00Z') }, WEB_NOW);
    const after = parseFeed(await (await get('/c/tech-bsl/calendar.ics')).text()).find(
      (event) => event.uid === `trip-${rimouski.id}@escale`,
    );
    expect(after).toMatchObject({ sequence: 1, start: '2026-12-04T18:00:00.000Z' });
  });

  it('GIVEN a calendar client that polled WHEN nothing changed THEN it gets 304; WHEN a stop is edited THEN 200 with a new ETag', async () => {
    const first = await get('/c/tech-bsl/calendar.ics');
    const etag = first.headers.get('etag') ?? '';
    const lastModified = first.headers.get('last-modified') ?? '';
    expect(etag).toMatch(/^".+"$/);
    expect(lastModified).not.toBe('');
    expect((await get('/c/tech-bsl/calendar.ics', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/c/tech-bsl/calendar.ics', { 'if-modified-since': lastModified })).status).toBe(304);

    const later = new Date(WEB_NOW.getTime() + 60_000);
    await updateStop(database.db, WEB_GUILD, community.trips.degelis.id, { venue: 'Chez Lise' }, later);
    const changed = await get('/c/tech-bsl/calendar.ics', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await get('/c/tech-bsl/calendar.ics', { 'if-modified-since': lastModified })).status).toBe(200);
  });

  it('GIVEN a town feed WHEN parsed THEN it holds that town’s stops only', async () => {
    const events = parseFeed(await (await get('/c/tech-bsl/towns/riviere-du-loup.ics')).text());
    expect(events).toEqual([]);
    const matane = parseFeed(await (await get('/c/tech-bsl/towns/matane.ics')).text());
    expect(matane.map((event) => event.uid)).toEqual([`trip-${community.trips.matane.id}@escale`]);
  });

  it('GIVEN a member’s private feed of a guild without public page WHEN fetched THEN it lists the stops they go to; a reset revokes the old URL', async () => {
    const deps = { db: database.db, clock: server.clock };
    const issued = await issueFeedToken(deps, { guildId: WEB_GUILD, userId: MEMBERS[0], reset: false });
    if (issued.kind !== 'created') throw new Error('expected a new token');
    await updateGuildSettings(database.db, WEB_GUILD, { publicPage: false }, WEB_NOW);

    const response = await get(`/feed/${issued.token}.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-cache');
    const events = parseFeed(await response.text());
    const { rimouski, matane, cancelled } = community.trips;
    expect(events.map((event) => event.uid)).toEqual([
      `trip-${matane.id}@escale`,
      `trip-${rimouski.id}@escale`,
      `trip-${cancelled.id}@escale`,
    ]);
    expect(events[2]?.status).toBe('CANCELLED');

    const stored = await database.db.execute(sql`select token_hash from feed_tokens`);
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    expect(JSON.stringify(stored)).toContain(hashFeedToken(issued.token));

    expect(await issueFeedToken(deps, { guildId: WEB_GUILD, userId: MEMBERS[0], reset: false })).toMatchObject({
      kind: 'exists',
    });
    const reset = await issueFeedToken(deps, { guildId: WEB_GUILD, userId: MEMBERS[0], reset: true });
    expect((await get(`/feed/${issued.token}.ics`)).status).toBe(404);
    if (reset.kind !== 'created') throw new Error('expected a new token');
    expect((await get(`/feed/${reset.token}.ics`)).status).toBe(200);
    // A token one character off (never the same character: that would be the token itself) is refused.
    const offByOne = `${reset.token.slice(0, -1)}${reset.token.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(`/feed/${offByOne}.ics`)).status).toBe(404);
  });

  it('GIVEN a trip page WHEN a link card is built from it THEN its Open Graph tags name the town and date and point to a PNG map', async () => {
    const cache = new PngCache(4);
    await server.close();
    server = await startWebServer(database.db, { publicUrl: 'https://escale.example.org', mapCache: cache });
    const page = await (await get(`/c/tech-bsl/t/${community.trips.rimouski.id}`)).text();
    expect(page).toContain('<meta property="og:title" content="Rencontre à Rimouski — IA en région">');
    expect(page).toMatch(
      /<meta property="og:description" content="vendredi 4 décembre 2026, 12 h 00 — Café du Port, Rimouski/,
    );
    const image = `https://escale.example.org/c/tech-bsl/t/${community.trips.rimouski.id}/map.png`;
    expect(page).toContain(`<meta property="og:image" content="${image}">`);
    const png = await get(`/c/tech-bsl/t/${community.trips.rimouski.id}/map.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    await get(`/c/tech-bsl/t/${community.trips.rimouski.id}/map.png`);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 1 });
  });

  it('GIVEN one client address WHEN it exceeds the limit per minute THEN it gets 429 and /healthz still answers', async () => {
    await server.close();
    server = await startWebServer(database.db, { rateLimitPerMinute: 3 });
    const statuses = [];
    for (let index = 0; index < 4; index += 1) statuses.push((await get('/c/tech-bsl/calendar.ics')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await get('/healthz')).status).toBe(200);
  });

  it('GIVEN TRUST_PROXY behind a reverse proxy WHEN two clients come through it THEN each has its own limit', async () => {
    await server.close();
    server = await startWebServer(database.db, { rateLimitPerMinute: 2, trustProxy: true });
    const from = (address: string) => get('/c/tech-bsl/calendar.ics', { 'x-forwarded-for': `203.0.113.9, ${address}` });
    const statuses = [];
    for (const address of ['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2']) {
      statuses.push((await from(address)).status);
    }
    expect(statuses).toEqual([200, 200, 429, 200]);
  });

  it('GIVEN /metrics WHEN scraped THEN it answers in Prometheus format', async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('process_cpu_user_seconds_total');
  });
});

describe('the HTTP port', () => {
  it('GIVEN a port already in use WHEN the server binds THEN it fails with a message naming HTTP_PORT', async () => {
    const first = await listenHttp(0, '127.0.0.1');
    try {
      const error = await listenHttp(first.port, '127.0.0.1').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HttpPortBusyError);
      expect((error as Error).message).toContain(`HTTP_PORT ${first.port} is already in use`);
    } finally {
      await first.close();
    }
  });
});
