import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  messageLink,
  roleMention,
  userMention,
} from 'discord.js';
import type { AnnouncementView } from '../app/views.js';
import type { RsvpResponse } from '../domain/rsvp.js';
import { escapeMarkdown, neutralizeMentions, truncateToLength } from '../domain/text.js';
import { tripEndsAt } from '../domain/trip.js';
import { describeWhen, formatDuration } from '../domain/whenFormat.js';
import { zoneName } from '../domain/zoneName.js';
import { t } from '../i18n/index.js';
import { ANNOUNCEMENT_COLOR } from './colors.js';
import { ridePanelButton } from './components/rideButtons.js';
import { announcementUrl, discordTimestamp } from './markup.js';
import { rideSummaryLine } from './rideViews.js';

/**
 * The announcement of a trip, rendered from a view read in the database: content with the reached towns' role
 * mentions, an embed, the RSVP buttons, a Google Calendar link and an .ics file. Member text (topic, venue) is shown
 * escaped and with mentions neutralized; `allowed_mentions` is what actually decides who is pinged.
 */

export const RSVP_PREFIX = 'rsvp';
/** Discord's limits. */
const LINK_URL_MAX_LENGTH = 512;
const EVENT_NAME_MAX_LENGTH = 100;
const EVENT_LOCATION_MAX_LENGTH = 100;
const EVENT_DESCRIPTION_MAX_LENGTH = 1_000;

/**
 * `rsvp:<stopId>:<response>`: everything the click needs, so a button works after a restart (a trip from before
 * itineraries has one stop whose id is the trip's, so its old buttons still answer for it).
 */
export function rsvpCustomId(stopId: number, response: RsvpResponse): string {
  return `${RSVP_PREFIX}:${stopId}:${response}`;
}

export interface RenderedAnnouncement {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: { parse: []; roles: string[]; users: [] };
}

/** Member text inside formatted content: shown literally, pinging nobody. */
export function safeText(text: string): string {
  return neutralizeMentions(escapeMarkdown(text));
}

function isCancelled(view: AnnouncementView): boolean {
  return view.trip.status === 'cancelled';
}

/** The stop has ended (src/discord/announcementUpdater.ts marks it from the clock). */
function isOver(view: AnnouncementView): boolean {
  return !isCancelled(view) && view.stops.some((standing) => standing.stop.id === view.trip.id && standing.over);
}

/** The stop's recap in its thread, once posted: a link; before, a line saying it is coming. */
export function recapLine(view: AnnouncementView, stop: AnnouncementView['trip']): string {
  const link =
    stop.threadId && stop.recapMessageId ? messageLink(stop.threadId, stop.recapMessageId, stop.guildId) : null;
  return link ? t(view.language, 'life.over.recap', { link }) : t(view.language, 'life.over.recapLater');
}

export function renderAnnouncement(view: AnnouncementView): RenderedAnnouncement {
  const { trip, language } = view;
  const cancelled = isCancelled(view);
  const over = isOver(view);
  const town = safeText(trip.townName);
  const when = discordTimestamp(trip.startsAt, 'F');
  const roleIds = cancelled || over ? [] : [...trip.pingedRoleIds];
  const mentions = roleIds.map((roleId) => roleMention(roleId)).join(' ');
  const text = t(language, cancelled ? 'announce.contentCancelled' : over ? 'life.over.content' : 'announce.content', {
    town,
    when,
  });
  return {
    content: mentions ? `${mentions} ${text}` : text,
    embeds: [announcementEmbed(view)],
    components: announcementComponents(view),
    // Exactly the roles written above; never @everyone, never a user, whatever the member typed.
    allowedMentions: { parse: [], roles: roleIds, users: [] },
  };
}

export function announcementEmbed(view: AnnouncementView): APIEmbed {
  const { trip, language, counts } = view;
  const cancelled = isCancelled(view);
  const over = isOver(view);
  const town = safeText(trip.townName);
  const fields: APIEmbedField[] = [
    {
      name: t(language, 'announce.when'),
      value: t(language, 'announce.whenValue', {
        full: discordTimestamp(trip.startsAt, 'F'),
        relative: discordTimestamp(trip.startsAt, 'R'),
        local: describeWhen(trip.startsAt, view.timeZone, language),
        timeZone: zoneName(view.timeZone, language),
      }),
    },
    { name: t(language, 'announce.duration'), value: formatDuration(trip.durationMinutes, language), inline: true },
  ];
  if (trip.venue) fields.push({ name: t(language, 'announce.venue'), value: safeText(trip.venue), inline: true });
  fields.push({ name: t(language, 'announce.host'), value: userMention(trip.hostId), inline: true });
  fields.push({ name: t(language, over ? 'life.over.going' : 'announce.going'), value: goingText(view), inline: true });
  fields.push({ name: t(language, 'announce.maybe'), value: String(counts.maybe), inline: true });
  const rides = cancelled || over ? null : view.stops.find((standing) => standing.stop.id === trip.id)?.rides;
  if (rides) fields.push({ name: t(language, 'ride.button'), value: rideSummaryLine(rides, language), inline: true });

  const description: string[] = [];
  if (cancelled) {
    description.push(
      trip.cancelReason
        ? t(language, 'announce.cancelledReason', { reason: safeText(trip.cancelReason) })
        : t(language, 'announce.cancelled'),
    );
  }
  if (over) description.push(`${t(language, 'life.over.description')}\n${recapLine(view, trip)}`);
  if (trip.topic) description.push(`**${t(language, 'announce.topic')}** · ${safeText(trip.topic)}`);
  return {
    title: t(language, cancelled ? 'announce.titleCancelled' : over ? 'life.over.title' : 'announce.title', { town }),
    ...(description.length > 0 ? { description: description.join('\n\n') } : {}),
    color: cancelled ? ANNOUNCEMENT_COLOR.cancelled : over ? ANNOUNCEMENT_COLOR.over : ANNOUNCEMENT_COLOR.scheduled,
    fields,
    footer: { text: t(language, 'announce.footer', { id: trip.tripId }) },
  };
}

function goingText(view: AnnouncementView): string {
  const { trip, counts, language } = view;
  const going =
    trip.capacity === null
      ? t(language, 'announce.goingValue', { going: counts.going })
      : t(language, counts.going >= trip.capacity ? 'announce.full' : 'announce.goingCapacity', {
          going: counts.going,
          capacity: trip.capacity,
        });
  return counts.waitlist > 0 ? `${going}\n${t(language, 'announce.waitlist', { count: counts.waitlist })}` : going;
}

export function announcementComponents(view: AnnouncementView): APIActionRowComponent<APIButtonComponent>[] {
  const { trip, language } = view;
  const cancelled = isCancelled(view);
  // A cancelled or ended meetup takes no more answers: its buttons go (a click would only be refused).
  if (cancelled || isOver(view)) return [];
  const button = (response: RsvpResponse, style: ButtonStyle, emoji: string): APIButtonComponent => ({
    type: ComponentType.Button,
    custom_id: rsvpCustomId(trip.id, response),
    style: style as ButtonStyle.Primary,
    label: t(language, `announce.button.${response}`),
    emoji: { name: emoji },
    disabled: cancelled,
  });
  const rows: APIActionRowComponent<APIButtonComponent>[] = [
    {
      type: ComponentType.ActionRow,
      components: [
        button('going', ButtonStyle.Success, '✅'),
        button('maybe', ButtonStyle.Secondary, '🤔'),
        button('no', ButtonStyle.Danger, '✖️'),
      ],
    },
  ];
  if (!cancelled) {
    rows.push({
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Link,
          label: t(language, 'announce.button.calendar'),
          emoji: { name: '📅' },
          url: googleCalendarUrl(view),
        },
        ridePanelButton(trip.id, language),
      ],
    });
  }
  return rows;
}

// ---- calendars ----

/** What a calendar link needs: the stop and the language of its words (also the reminder DM's, src/discord/recap.ts). */
export type CalendarView = Pick<AnnouncementView, 'trip' | 'language'>;

/** 2026-12-04T17:00:00.000Z → "20261204T170000Z" (iCalendar and Google Calendar UTC form). */
export function calendarStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function calendarTitle(view: CalendarView): string {
  const { trip, language } = view;
  return trip.topic
    ? t(language, 'announce.calendarTitleTopic', { town: trip.townName, topic: trip.topic })
    : t(language, 'announce.calendarTitle', { town: trip.townName });
}

/** "Café du Port, Rimouski", or the town alone. */
export function calendarLocation(view: CalendarView): string {
  return view.trip.venue ? `${view.trip.venue}, ${view.trip.townName}` : view.trip.townName;
}

function calendarDetails(view: CalendarView): string {
  const lines = [];
  if (view.trip.topic) lines.push(view.trip.topic);
  const url = announcementUrl(view.trip);
  if (url) lines.push(url);
  return lines.join('\n');
}

/**
 * Google Calendar's "add event" link. Times are UTC ("Z"), so the reader's calendar shows them in its own zone.
 * Kept within Discord's 512 characters for a link button.
 */
export function googleCalendarUrl(view: CalendarView): string {
  const { trip } = view;
  const dates = `${calendarStamp(trip.startsAt)}/${calendarStamp(tripEndsAt(trip))}`;
  const parts = { text: calendarTitle(view), details: calendarDetails(view), location: calendarLocation(view) };
  const build = () =>
    'https://calendar.google.com/calendar/render?action=TEMPLATE' +
    `&text=${encodeURIComponent(parts.text)}&dates=${dates}` +
    (parts.details ? `&details=${encodeURIComponent(parts.details)}` : '') +
    `&location=${encodeURIComponent(parts.location)}`;
  // An accented letter takes 6 characters once encoded: shorten the details first, then the title, then the place.
  const shorten = (text: string, floor: number) =>
    text.length <= floor ? text : truncateToLength(text, Math.max(floor, Math.floor(text.length * 0.8)));
  let url = build();
  while (url.length > LINK_URL_MAX_LENGTH) {
    if (parts.details) parts.details = parts.details.length > 20 ? shorten(parts.details, 0) : '';
    else if (parts.text.length > 20) parts.text = shorten(parts.text, 20);
    else if (parts.location.length > 20) parts.location = shorten(parts.location, 20);
    else break;
    url = build();
  }
  return url;
}

/** iCalendar TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, line breaks. */
export function escapeIcsText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Content lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const character of line) {
    const bytes = Buffer.byteLength(character, 'utf8');
    // The first line holds 75 octets; continuation lines start with a space, so 74 more.
    const limit = parts.length === 0 ? 75 : 74;
    if (currentBytes + bytes > limit) {
      parts.push(current);
      current = '';
      currentBytes = 0;
    }
    current += character;
    currentBytes += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The trip as an .ics file: one VEVENT per stop (UTC times, CRLF line ends), UIDs stable so re-imports update them. */
export function buildIcs(view: AnnouncementView): string {
  const stops = view.stops.length > 0 ? view.stops.map((standing) => ({ ...view, trip: standing.stop })) : [view];
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Escale//Discord meetups//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...stops.flatMap(icsEvent),
    'END:VCALENDAR',
  ];
  return `${lines.map(foldIcsLine).join('\r\n')}\r\n`;
}

/** One stop's VEVENT; its UID is the stop's (the same as the trip's of old for a trip from before itineraries). */
function icsEvent(view: AnnouncementView): string[] {
  const { trip } = view;
  const url = announcementUrl(trip);
  return [
    'BEGIN:VEVENT',
    `UID:trip-${trip.id}@escale`,
    `DTSTAMP:${calendarStamp(trip.updatedAt)}`,
    `SEQUENCE:${trip.version}`,
    `DTSTART:${calendarStamp(trip.startsAt)}`,
    `DTEND:${calendarStamp(tripEndsAt(trip))}`,
    `SUMMARY:${escapeIcsText(calendarTitle(view))}`,
    `LOCATION:${escapeIcsText(calendarLocation(view))}`,
    ...(trip.topic || url ? [`DESCRIPTION:${escapeIcsText(calendarDetails(view))}`] : []),
    ...(url ? [`URL:${url}`] : []),
    `STATUS:${isCancelled(view) ? 'CANCELLED' : 'CONFIRMED'}`,
    'END:VEVENT',
  ];
}

export function icsFileName(tripId: number): string {
  return `escale-trip-${tripId}.ics`;
}

// ---- the guild's scheduled event ----

export interface ScheduledEventFields {
  name: string;
  description: string;
  location: string;
  startsAt: Date;
  endsAt: Date;
}

export function scheduledEventFields(view: AnnouncementView): ScheduledEventFields {
  const { trip, language } = view;
  const name = trip.topic
    ? t(language, 'announce.eventNameTopic', { town: trip.townName, topic: trip.topic })
    : t(language, 'announce.eventName', { town: trip.townName });
  const description = [trip.topic, t(language, 'announce.eventDescription', { id: trip.tripId }), announcementUrl(trip)]
    .filter(Boolean)
    .join('\n\n');
  return {
    name: truncateToLength(neutralizeMentions(name), EVENT_NAME_MAX_LENGTH),
    description: truncateToLength(neutralizeMentions(description), EVENT_DESCRIPTION_MAX_LENGTH),
    location: truncateToLength(calendarLocation(view), EVENT_LOCATION_MAX_LENGTH),
    startsAt: trip.startsAt,
    endsAt: tripEndsAt(trip),
  };
}
