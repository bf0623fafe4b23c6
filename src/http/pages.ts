import { stopLocation } from '../app/calendar.js';
import type { PublicPageView, PublicTown, TripPageView } from '../app/publicPage.js';
import type { Stop } from '../app/stops.js';
import { describeWhen } from '../domain/whenFormat.js';
import { zoneName } from '../domain/zoneName.js';
import { type Language, t } from '../i18n/index.js';
import { type MapTown, renderMapSvg } from '../map/map.js';
import { tripMapSvg } from '../map/tripMap.js';

/**
 * Server-rendered HTML of the public pages. No script, no external asset; every value from the database goes
 * through `escape`. Links keep the `?lang=` the reader chose.
 */

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface PageLinks {
  /** Absolute base of the public site (PUBLIC_URL, or the request's origin). */
  base: string;
  /** The language asked in the URL (kept in links), if any. */
  askedLanguage: Language | undefined;
}

function withLang(path: string, links: PageLinks, language = links.askedLanguage): string {
  if (!language) return path;
  return `${path}${path.includes('?') ? '&' : '?'}lang=${language}`;
}

export function webcal(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

interface LayoutInput {
  language: Language;
  title: string;
  description: string;
  /** The same page in the other language. */
  otherLanguageUrl: string;
  canonicalUrl: string;
  head?: string;
  body: string;
}

function layout(input: LayoutInput): string {
  const other: Language = input.language === 'fr' ? 'en' : 'fr';
  return `<!doctype html>
<html lang="${input.language === 'fr' ? 'fr-CA' : 'en-CA'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<meta name="description" content="${escapeHtml(input.description)}">
<link rel="canonical" href="${escapeHtml(input.canonicalUrl)}">
<link rel="stylesheet" href="/assets/style.css">
${input.head ?? ''}
</head>
<body>
<a class="skip" href="#main">${escapeHtml(t(input.language, 'web.skip'))}</a>
<header>
<p class="lang"><a href="${escapeHtml(input.otherLanguageUrl)}" hreflang="${other}" lang="${other}">${escapeHtml(t(input.language, 'web.switchLanguage'))}</a></p>
${input.body}
<footer><p>${escapeHtml(t(input.language, 'web.footer'))}</p></footer>
</body>
</html>
`;
}

function mapTowns(
  towns: readonly PublicTown[],
  highlighted: (town: PublicTown) => boolean,
  pinged?: (town: PublicTown) => boolean,
): MapTown[] {
  return towns.flatMap((town) =>
    town.lat === null || town.lon === null
      ? []
      : [
          {
            name: town.name,
            lat: town.lat,
            lon: town.lon,
            highlighted: highlighted(town),
            pinged: pinged?.(town) ?? false,
          },
        ],
  );
}

function stopItem(
  stop: Stop,
  view: { guild: PublicPageView['guild']; hostNames: Map<string, string> },
  links: PageLinks,
): string {
  const { language, timeZone, slug } = view.guild;
  const going =
    stop.capacity === null
      ? t(language, 'web.stop.going', { going: stop.goingSeats })
      : t(language, 'web.stop.goingCapacity', { going: stop.goingSeats, capacity: stop.capacity });
  const host = view.guild.showNames ? view.hostNames.get(stop.hostId) : undefined;
  const lines = [
    `<p><time datetime="${stop.startsAt.toISOString()}">${escapeHtml(describeWhen(stop.startsAt, timeZone, language))}</time></p>`,
    stop.topic ? `<p class="topic">${escapeHtml(stop.topic)}</p>` : '',
    stop.venue ? `<p>${escapeHtml(t(language, 'web.stop.venue', { venue: stop.venue }))}</p>` : '',
    `<p class="going">${escapeHtml(going)}</p>`,
    host ? `<p class="host">${escapeHtml(t(language, 'web.stop.host', { host }))}</p>` : '',
  ];
  const href = withLang(`/c/${slug}/t/${stop.tripId}`, links);
  return `<li class="stop${stop.cancelled ? ' cancelled' : ''}" data-trip="${stop.tripId}" data-town="${escapeHtml(stop.townName)}"><article>
<h3><a href="${escapeHtml(href)}" aria-label="${escapeHtml(t(language, 'web.stop.details', { town: stop.townName }))}">${escapeHtml(stop.townName)}</a>${stop.cancelled ? ` <span class="badge">${escapeHtml(t(language, 'web.stop.cancelled'))}</span>` : ''}</h3>
${lines.filter(Boolean).join('\n')}
</article></li>`;
}

export function renderCommunityPage(view: PublicPageView, links: PageLinks): string {
  const { guild } = view;
  const language = guild.language;
  const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => escapeHtml(t(language, key, params));
  const pagePath = `/c/${guild.slug}`;
  const highlightedNames = view.towns.filter((town) => town.hasUpcoming).map((town) => town.name);
  const mapAlt = t(language, 'web.map.alt', {
    towns: view.towns.map((town) => town.name).join(', '),
    highlighted: highlightedNames.length > 0 ? highlightedNames.join(', ') : t(language, 'web.map.none'),
  });
  const svg = renderMapSvg({ towns: mapTowns(view.towns, (town) => town.hasUpcoming), title: mapAlt });
  const options = [
    `<option value="">${tr('web.filter.all')}</option>`,
    ...view.towns.map(
      (town) =>
        `<option value="${escapeHtml(town.slug)}"${view.town?.id === town.id ? ' selected' : ''}>${escapeHtml(town.name)}</option>`,
    ),
  ];
  const stops =
    view.stops.length > 0
      ? `<ol class="stops">${view.stops.map((stop) => stopItem(stop, view, links)).join('\n')}</ol>`
      : `<p class="empty">${view.town ? tr('web.upcoming.noneInTown', { town: view.town.name }) : tr('web.upcoming.none')}</p>`;
  const feedUrl = `${links.base}${pagePath}/calendar.ics`;
  const townFeeds = view.towns.map(
    (town) =>
      `<li><a class="button secondary" href="${escapeHtml(webcal(`${links.base}${pagePath}/towns/${town.slug}.ics`))}">${tr('web.subscribe.town', { town: town.name })}</a></li>`,
  );
  const title = t(language, 'web.page.title', { guild: guild.name });
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${tr('web.page.intro')}</p>
${guild.inviteUrl ? `<p><a class="button" href="${escapeHtml(guild.inviteUrl)}" rel="noopener">${tr('web.join')}</a></p>` : ''}
</header>
<main id="main">
<section aria-labelledby="upcoming">
<h2 id="upcoming">${tr('web.upcoming.heading')}</h2>
<form class="filter" method="get" action="${escapeHtml(pagePath)}" role="search">
<label for="town">${tr('web.filter.label')}</label>
<select id="town" name="town">${options.join('')}</select>
${links.askedLanguage ? `<input type="hidden" name="lang" value="${links.askedLanguage}">` : ''}
<button class="button" type="submit">${tr('web.filter.submit')}</button>
</form>
<p class="note">${tr('web.times', { zone: zoneName(guild.timeZone, language) })}</p>
${stops}
<p class="past">${tr('web.past', { count: view.pastCount })}</p>
</section>
${svg ? `<section aria-labelledby="map"><h2 id="map">${tr('web.map.heading')}</h2><figure>${svg}</figure></section>` : ''}
<section aria-labelledby="subscribe">
<h2 id="subscribe">${tr('web.subscribe.heading')}</h2>
<p>${tr('web.subscribe.help')}</p>
<ul class="subscribe">
<li><a class="button" id="subscribe-all" href="${escapeHtml(webcal(feedUrl))}">${tr('web.subscribe.all')}</a></li>
${townFeeds.join('\n')}
</ul>
</section>
</main>`;
  const otherLanguage: Language = language === 'fr' ? 'en' : 'fr';
  const query = view.town ? `?town=${view.town.slug}` : '';
  return layout({
    language,
    title,
    description: t(language, 'web.page.intro'),
    canonicalUrl: `${links.base}${pagePath}`,
    otherLanguageUrl: withLang(`${pagePath}${query}`, links, otherLanguage),
    head: `<link rel="alternate" type="text/calendar" href="${escapeHtml(feedUrl)}">
<meta property="og:type" content="website">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:url" content="${escapeHtml(`${links.base}${pagePath}`)}">`,
    body,
  });
}

export function renderTripPage(view: TripPageView, links: PageLinks): string {
  const { guild } = view;
  const language = guild.language;
  const tr = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => escapeHtml(t(language, key, params));
  const [first] = view.stops;
  if (!first) throw new Error('a trip page needs at least one stop');
  const tripPath = `/c/${guild.slug}/t/${first.tripId}`;
  const stopNames = view.stops.map((stop) => stop.townName).join(' → ');
  const pingedNames = view.towns.filter((town) => view.pingedTownIds.has(town.id)).map((town) => town.name);
  const mapAlt = t(language, 'web.map.altTrip', {
    stops: stopNames,
    pinged: pingedNames.length > 0 ? pingedNames.join(', ') : t(language, 'web.map.none'),
  });
  const svg = tripMapSvg(
    {
      key: '',
      towns: view.towns,
      stopTownIds: view.stops.flatMap((stop) => (stop.townId === null ? [] : [stop.townId])),
      pingedTownIds: view.pingedTownIds,
    },
    mapAlt,
  );
  const when = describeWhen(first.startsAt, guild.timeZone, language);
  const title = first.topic
    ? `${t(language, 'web.trip.heading', { town: stopNames })} — ${first.topic}`
    : t(language, 'web.trip.heading', { town: stopNames });
  const going =
    first.capacity === null
      ? t(language, 'web.stop.going', { going: first.goingSeats })
      : t(language, 'web.stop.goingCapacity', { going: first.goingSeats, capacity: first.capacity });
  const description = t(language, 'web.trip.description', { when, town: stopLocation(first), going });
  const imageUrl = `${links.base}${tripPath}/map.png`;
  const body = `<p><a href="${escapeHtml(withLang(`/c/${guild.slug}`, links))}">← ${tr('web.trip.back')}</a></p>
<h1>${escapeHtml(title)}</h1>
</header>
<main id="main">
<ol class="stops">${view.stops.map((stop) => stopItem(stop, view, links)).join('\n')}</ol>
<p class="note">${tr('web.times', { zone: zoneName(guild.timeZone, language) })}</p>
<p><a class="button secondary" href="${escapeHtml(`${tripPath}/calendar.ics`)}">${tr('web.trip.addToCalendar')}</a>
${guild.inviteUrl ? ` <a class="button" href="${escapeHtml(guild.inviteUrl)}" rel="noopener">${tr('web.join')}</a>` : ''}</p>
${svg ? `<section aria-labelledby="map"><h2 id="map">${tr('web.map.heading')}</h2><figure>${svg}</figure></section>` : ''}
</main>`;
  const otherLanguage: Language = language === 'fr' ? 'en' : 'fr';
  return layout({
    language,
    title,
    description,
    canonicalUrl: `${links.base}${tripPath}`,
    otherLanguageUrl: withLang(tripPath, links, otherLanguage),
    head: `<meta property="og:type" content="article">
<meta property="og:site_name" content="${escapeHtml(guild.name)}">
<meta property="og:title" content="${escapeHtml(title)}">
<meta property="og:description" content="${escapeHtml(description)}">
<meta property="og:url" content="${escapeHtml(`${links.base}${tripPath}`)}">
<meta property="og:locale" content="${language === 'fr' ? 'fr_CA' : 'en_CA'}">
${
  svg
    ? `<meta property="og:image" content="${escapeHtml(imageUrl)}">
<meta property="og:image:type" content="image/png">
<meta property="og:image:width" content="800">
<meta property="og:image:height" content="500">
<meta property="og:image:alt" content="${escapeHtml(mapAlt)}">
<meta name="twitter:card" content="summary_large_image">`
    : ''
}`,
    body,
  });
}

export function renderNotFound(language: Language): string {
  return layout({
    language,
    title: t(language, 'web.notFound.title'),
    description: t(language, 'web.notFound.body'),
    canonicalUrl: '/',
    otherLanguageUrl: `?lang=${language === 'fr' ? 'en' : 'fr'}`,
    body: `<h1>${escapeHtml(t(language, 'web.notFound.title'))}</h1>
</header>
<main id="main"><p>${escapeHtml(t(language, 'web.notFound.body'))}</p></main>`,
  });
}
