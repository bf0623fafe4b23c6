import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { rateLimiter } from 'hono-rate-limiter';
import { buildCalendar, type CalendarStop } from '../app/calendar.js';
import { loadPersonalFeed } from '../app/feeds.js';
import { loadPublicFeed, loadPublicPage, loadTripPage, type WebDeps } from '../app/publicPage.js';
import { loadTripMap } from '../app/tripMap.js';
import { type Language, t } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { PngCache } from '../map/png.js';
import { tripMapPng } from '../map/tripMap.js';
import type { MetricsExposition } from '../metrics.js';
import { type PageLinks, renderCommunityPage, renderNotFound, renderTripPage } from './pages.js';
import { STYLESHEET } from './style.js';

/**
 * The web adapter (issue 14): /healthz, /metrics, the opt-in community pages, trip pages, calendar feeds and map
 * images. It reads through src/app queries and never touches Discord; what it needs from Discord (names) comes in
 * through the GuildDirectory port.
 */
export interface WebAppOptions {
  web: WebDeps;
  /** PUBLIC_URL: the address people reach the site at; without it, links use the request's own origin. */
  publicUrl: string | undefined;
  health: () => Promise<{ gateway: boolean; database: boolean }>;
  /** GET /metrics (Prometheus text); null: metrics are off and the route does not exist. */
  metrics: MetricsExposition | null;
  /** Requests per client address per minute on the public routes (default 120). */
  rateLimitPerMinute?: number;
  mapCache?: PngCache;
  logger?: Logger;
  /** TRUST_PROXY: take the client's address from the last X-Forwarded-For hop (the one our proxy added). */
  trustProxy?: boolean;
}

const TRIP_ID_MAX = 2_147_483_647;

function parseTripNumber(text: string): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const id = Number(text);
  return id >= 1 && id <= TRIP_ID_MAX ? id : null;
}

function askedLanguage(c: Context): Language | undefined {
  const lang = c.req.query('lang');
  return lang === 'fr' || lang === 'en' ? lang : undefined;
}

/** For the 404 page only: it must not depend on the guild (an opted-out guild looks like no guild at all). */
function readerLanguage(c: Context): Language {
  return askedLanguage(c) ?? (c.req.header('accept-language')?.toLowerCase().startsWith('fr') ? 'fr' : 'en');
}

function strongEtag(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim().replace(/^W\//, '');
    return value === etag || value === '*';
  });
}

/**
 * A cacheable answer: ETag on the exact bytes, Last-Modified when known, and 304 when the client's copy is current
 * (If-None-Match first; If-Modified-Since only without it, as RFC 9110 says).
 */
function conditional(
  c: Context,
  body: string | Uint8Array,
  headers: Record<string, string>,
  lastModified?: Date,
): Response {
  const etag = strongEtag(body);
  const all: Record<string, string> = { ...headers, etag, 'cache-control': headers['cache-control'] ?? 'no-cache' };
  if (lastModified) all['last-modified'] = lastModified.toUTCString();
  const ifNoneMatch = c.req.header('if-none-match');
  const ifModifiedSince = c.req.header('if-modified-since');
  const notModified = ifNoneMatch
    ? etagMatches(ifNoneMatch, etag)
    : lastModified !== undefined &&
      ifModifiedSince !== undefined &&
      !Number.isNaN(Date.parse(ifModifiedSince)) &&
      lastModified.getTime() <= Date.parse(ifModifiedSince);
  if (notModified) {
    const { 'content-type': _type, ...rest } = all;
    return new Response(null, { status: 304, headers: rest });
  }
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status: 200, headers: all });
}

const CALENDAR_TYPE = 'text/calendar; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export function createWebApp(options: WebAppOptions): Hono {
  const { web } = options;
  const mapCache = options.mapCache ?? new PngCache();
  const app = new Hono();

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );

  app.get('/healthz', async (c) => {
    const status = await options.health();
    return c.json(status, status.gateway && status.database ? 200 : 503);
  });
  const { metrics } = options;
  if (metrics) {
    app.get('/metrics', async (c) => c.body(await metrics.metrics(), 200, { 'content-type': metrics.contentType }));
  }

  const limiter = rateLimiter({
    windowMs: 60_000,
    limit: options.rateLimitPerMinute ?? 120,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => {
      const forwarded = options.trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
      return forwarded || (getConnInfo(c).remote.address ?? 'unknown');
    },
    handler: (c) => c.text(t(readerLanguage(c), 'web.tooMany'), 429, { 'retry-after': '60' }),
  });
  app.use('/c/*', limiter);
  app.use('/feed/*', limiter);
  app.use('/assets/*', limiter);

  const base = (c: Context) => (options.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
  const links = (c: Context): PageLinks => ({ base: base(c), askedLanguage: askedLanguage(c) });
  const notFound = (c: Context) => c.html(renderNotFound(readerLanguage(c)), 404, { 'cache-control': 'no-store' });

  app.get('/assets/style.css', (c) =>
    conditional(c, STYLESHEET, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );

  app.get('/c/:slug', async (c) => {
    const view = await loadPublicPage(web, {
      slug: c.req.param('slug'),
      townSlug: c.req.query('town') || undefined,
      language: askedLanguage(c),
    });
    if (!view) return notFound(c);
    return conditional(c, renderCommunityPage(view, links(c)), { 'content-type': HTML_TYPE });
  });

  const calendarResponse = (
    c: Context,
    name: string,
    language: Language,
    stops: readonly CalendarStop[],
    lastModified: Date,
    slug?: string,
  ) => {
    const body = buildCalendar({
      name,
      language,
      stops,
      stopUrl: slug ? (stop) => `${base(c)}/c/${slug}/t/${stop.tripId}` : undefined,
    });
    return conditional(c, body, { 'content-type': CALENDAR_TYPE }, lastModified);
  };

  app.get('/c/:slug/calendar.ics', async (c) => {
    const feed = await loadPublicFeed(web, { slug: c.req.param('slug') });
    if (!feed) return notFound(c);
    const { guild } = feed;
    const name = t(guild.language, 'web.feed.name', { guild: guild.name });
    return calendarResponse(c, name, guild.language, feed.stops, feed.lastModified, guild.slug);
  });

  app.get('/c/:slug/towns/:town{[a-z0-9-]+\\.ics}', async (c) => {
    const townSlug = c.req.param('town').replace(/\.ics$/, '');
    const feed = await loadPublicFeed(web, { slug: c.req.param('slug'), townSlug });
    if (!feed?.town) return notFound(c);
    const { guild } = feed;
    const name = t(guild.language, 'web.feed.townName', { guild: guild.name, town: feed.town.name });
    return calendarResponse(c, name, guild.language, feed.stops, feed.lastModified, guild.slug);
  });

  const tripView = async (c: Context) => {
    const tripId = parseTripNumber(c.req.param('number') ?? '');
    if (tripId === null) return null;
    return loadTripPage(web, { slug: c.req.param('slug') ?? '', tripId, language: askedLanguage(c) });
  };

  app.get('/c/:slug/t/:number', async (c) => {
    const view = await tripView(c);
    if (!view) return notFound(c);
    return conditional(c, renderTripPage(view, links(c)), { 'content-type': HTML_TYPE });
  });

  app.get('/c/:slug/t/:number/calendar.ics', async (c) => {
    const view = await tripView(c);
    if (!view) return notFound(c);
    const { guild } = view;
    const lastModified = new Date(Math.max(...view.stops.map((stop) => stop.updatedAt.getTime())));
    return calendarResponse(c, guild.name, guild.language, view.stops, lastModified, guild.slug);
  });

  app.get('/c/:slug/t/:number/map.png', async (c) => {
    const view = await tripView(c);
    const map = view ? await loadTripMap(web.db, view.guild.guildId, view.stops[0]?.tripId ?? 0) : null;
    const png = map ? tripMapPng(mapCache, map) : null;
    if (!png) return notFound(c);
    return conditional(c, png, { 'content-type': 'image/png', 'cache-control': 'public, max-age=300' });
  });

  app.get('/feed/:token{[A-Za-z0-9_-]+\\.ics}', async (c) => {
    const feed = await loadPersonalFeed(web, c.req.param('token').replace(/\.ics$/, ''));
    if (!feed) return notFound(c);
    const name = t(feed.language, 'web.feed.personalName', { guild: feed.guildName });
    const response = calendarResponse(c, name, feed.language, feed.stops, feed.lastModified);
    // A private URL: never stored by shared caches, never sent as a referrer.
    response.headers.set('cache-control', 'private, no-cache');
    return response;
  });

  app.notFound(notFound);
  app.onError((error, c) => {
    options.logger?.error({ err: error, path: c.req.path }, 'web request failed');
    return c.text('error', 500, { 'cache-control': 'no-store' });
  });
  return app;
}
