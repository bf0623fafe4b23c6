import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { type Language, t } from '../i18n/index.js';
import type { Stop } from './stops.js';

/**
 * The one iCalendar generator (RFC 5545, through ical-generator): the public and per-town feeds, the members'
 * private feeds, and the .ics attached to an announcement. UIDs are stable per stop, SEQUENCE is the trip's version
 * (raised on every calendar-visible edit), cancelled stops stay in with STATUS:CANCELLED so that subscribed
 * calendars remove them. Times are UTC: every calendar shows them in its reader's zone.
 */
export type CalendarStop = Pick<
  Stop,
  | 'uid'
  | 'tripId'
  | 'townName'
  | 'startsAt'
  | 'endsAt'
  | 'topic'
  | 'venue'
  | 'cancelled'
  | 'cancelReason'
  | 'version'
  | 'updatedAt'
>;

export interface CalendarInput {
  name: string;
  language: Language;
  stops: readonly CalendarStop[];
  /** The trip's public page, when the guild has one (URL of each event). */
  stopUrl?: ((stop: CalendarStop) => string | undefined) | undefined;
  /** Extra lines of each event's description (the announcement's link on Discord). */
  details?: ((stop: CalendarStop) => string | undefined) | undefined;
}

export function stopSummary(stop: Pick<CalendarStop, 'townName' | 'topic'>, language: Language): string {
  return stop.topic
    ? t(language, 'web.event.summaryTopic', { town: stop.townName, topic: stop.topic })
    : t(language, 'web.event.summary', { town: stop.townName });
}

export function stopLocation(stop: Pick<CalendarStop, 'townName' | 'venue'>): string {
  return stop.venue ? `${stop.venue}, ${stop.townName}` : stop.townName;
}

export function buildCalendar(input: CalendarInput): string {
  const calendar = ical({
    name: input.name,
    prodId: { company: 'Escale', product: 'Discord meetups', language: input.language.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
    // Calendar clients that honour it poll hourly; ETag makes an unchanged poll a 304.
    ttl: 60 * 60,
  });
  for (const stop of input.stops) {
    const url = input.stopUrl?.(stop);
    const description = [
      stop.topic,
      stop.cancelled && stop.cancelReason
        ? t(input.language, 'web.event.cancelledReason', { reason: stop.cancelReason })
        : undefined,
      input.details?.(stop),
      url,
    ]
      .filter(Boolean)
      .join('\n');
    calendar.createEvent({
      id: stop.uid,
      sequence: stop.version,
      // DTSTAMP from the data, not the clock: an unchanged feed is byte for byte the same (ETag, 304).
      stamp: stop.updatedAt,
      lastModified: stop.updatedAt,
      start: stop.startsAt,
      end: stop.endsAt,
      summary: stopSummary(stop, input.language),
      location: stopLocation(stop),
      description: description || null,
      url: url ?? null,
      status: stop.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
