import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
  roleMention,
  userMention,
} from 'discord.js';
import type { AnnouncementView, StopStanding } from '../app/views.js';
import type { RsvpResponse } from '../domain/rsvp.js';
import { truncateToLength } from '../domain/text.js';
import { describeWhen } from '../domain/whenFormat.js';
import { zoneName } from '../domain/zoneName.js';
import { t } from '../i18n/index.js';
import type { RenderedAnnouncement } from './announcement.js';
import { googleCalendarUrl, recapLine, renderAnnouncement, rsvpCustomId, safeText } from './announcement.js';
import { ANNOUNCEMENT_COLOR } from './colors.js';
import { ridePanelButton } from './components/rideButtons.js';
import { discordTimestamp } from './markup.js';
import { rideSummaryLine } from './rideViews.js';
import { type TownPingMessage, townPingMessage } from './townPingReply.js';

/**
 * The announcement of a trip of several stops: one message listing the stops in order (time, venue, topic, counts),
 * and one row of buttons per stop (Going labelled with the stop's number and town, Maybe, Can't, its calendar link):
 * at most five stops, so at most five rows, Discord's limit.
 */

const BUTTON_LABEL_MAX_LENGTH = 80;
const FIELD_VALUE_MAX_LENGTH = 1_024;

const isCancelled = (standing: StopStanding) => standing.stop.status === 'cancelled';
const isOver = (standing: StopStanding) => !isCancelled(standing) && standing.over === true;
/** Every stop ended or cancelled, at least one ended: the whole announcement reads as over. */
const tripOver = (view: AnnouncementView) =>
  view.stops.some(isOver) && view.stops.every((standing) => isOver(standing) || isCancelled(standing));

/** The view as one stop's (its calendar link, its .ics event, its scheduled event). */
export function viewOfStop(view: AnnouncementView, standing: StopStanding): AnnouncementView {
  return { ...view, trip: standing.stop, counts: standing.counts };
}

function route(view: AnnouncementView): string {
  return view.stops.map((standing) => safeText(standing.stop.townName)).join(' → ');
}

export function renderItinerary(view: AnnouncementView): RenderedAnnouncement {
  const { trip, language } = view;
  const tripCancelled = trip.tripStatus === 'cancelled' || view.stops.every(isCancelled);
  const over = !tripCancelled && tripOver(view);
  const first = view.stops[0]!.stop;
  // The message's own pings are the first stop's; later stops ping in replies. An edit pings nobody anyway.
  const roleIds = tripCancelled || over ? [] : [...first.pingedRoleIds];
  const mentions = roleIds.map((roleId) => roleMention(roleId)).join(' ');
  const content = tripCancelled ? 'announce.contentCancelled' : over ? 'life.over.content' : 'announce.content';
  const text = t(language, content, {
    town: route(view),
    when: discordTimestamp(first.startsAt, 'F'),
  });
  return {
    content: mentions ? `${mentions} ${text}` : text,
    embeds: [itineraryEmbed(view, tripCancelled, over)],
    components: tripCancelled || over ? [] : itineraryComponents(view),
    allowedMentions: { parse: [], roles: roleIds, users: [] },
  };
}

function itineraryEmbed(view: AnnouncementView, tripCancelled: boolean, over: boolean): APIEmbed {
  const { trip, language } = view;
  const fields: APIEmbedField[] = view.stops.map((standing) => ({
    name: stopName(view, standing),
    value: truncateToLength(stopDetails(view, standing), FIELD_VALUE_MAX_LENGTH),
  }));
  fields.push({ name: t(language, 'announce.host'), value: userMention(trip.hostId), inline: true });
  return {
    title: t(
      language,
      tripCancelled
        ? 'announce.itinerary.titleCancelled'
        : over
          ? 'life.over.itineraryTitle'
          : 'announce.itinerary.title',
      { route: route(view) },
    ),
    description: over
      ? t(language, 'life.over.description')
      : t(language, 'announce.itinerary.description', { count: view.stops.length }),
    color: tripCancelled ? ANNOUNCEMENT_COLOR.cancelled : over ? ANNOUNCEMENT_COLOR.over : ANNOUNCEMENT_COLOR.scheduled,
    fields,
    footer: { text: t(language, 'announce.footer', { id: trip.tripId }) },
  };
}

function stopName(view: AnnouncementView, standing: StopStanding): string {
  const params = { number: standing.number, town: safeText(standing.stop.townName) };
  const key = isCancelled(standing)
    ? 'announce.stop.nameCancelled'
    : isOver(standing)
      ? 'announce.stop.nameOver'
      : 'announce.stop.name';
  return t(view.language, key, params);
}

function stopDetails(view: AnnouncementView, standing: StopStanding): string {
  const { language } = view;
  const { stop, counts } = standing;
  const lines = [
    t(language, 'announce.stop.when', {
      full: discordTimestamp(stop.startsAt, 'F'),
      relative: discordTimestamp(stop.startsAt, 'R'),
      local: describeWhen(stop.startsAt, view.timeZone, language),
      timeZone: zoneName(view.timeZone, language),
    }),
  ];
  if (isCancelled(standing)) {
    if (stop.cancelReason) {
      lines.push(t(language, 'announce.cancelledReason', { reason: safeText(stop.cancelReason) }));
    }
    return lines.join('\n');
  }
  if (isOver(standing)) {
    // Final counts and the recap's link; nothing to answer any more.
    lines.push(t(language, 'life.over.stopCounts', { going: goingCount(view, standing), maybe: counts.maybe }));
    lines.push(recapLine(view, stop));
    return lines.join('\n');
  }
  if (stop.venue) lines.push(t(language, 'announce.stop.venue', { venue: safeText(stop.venue) }));
  if (stop.topic) lines.push(t(language, 'announce.stop.topic', { topic: safeText(stop.topic) }));
  const answers = [
    t(language, 'announce.stop.going', { going: goingCount(view, standing) }),
    t(language, 'announce.stop.maybe', { maybe: counts.maybe }),
  ];
  if (counts.waitlist > 0) answers.push(t(language, 'announce.waitlist', { count: counts.waitlist }));
  lines.push(answers.join(' · '));
  if (standing.rides) lines.push(rideSummaryLine(standing.rides, language));
  return lines.join('\n');
}

function goingCount(view: AnnouncementView, standing: StopStanding): string {
  const { language } = view;
  const { stop, counts } = standing;
  return stop.capacity === null
    ? t(language, 'announce.goingValue', { going: counts.going })
    : t(language, counts.going >= stop.capacity ? 'announce.full' : 'announce.goingCapacity', {
        going: counts.going,
        capacity: stop.capacity,
      });
}

/** One row per stop still to come (a cancelled stop's disabled); an ended stop's row goes. */
function itineraryComponents(view: AnnouncementView): APIActionRowComponent<APIButtonComponent>[] {
  const { language } = view;
  return view.stops
    .filter((standing) => !isOver(standing))
    .map((standing) => {
      const disabled = isCancelled(standing);
      const button = (
        response: RsvpResponse,
        style: ButtonStyle,
        emoji: string,
        label: string,
      ): APIButtonComponent => ({
        type: ComponentType.Button,
        custom_id: rsvpCustomId(standing.stop.id, response),
        style: style as ButtonStyle.Primary,
        label: truncateToLength(label, BUTTON_LABEL_MAX_LENGTH),
        emoji: { name: emoji },
        disabled,
      });
      const components: APIButtonComponent[] = [
        button(
          'going',
          ButtonStyle.Success,
          '✅',
          t(language, 'announce.stop.button.going', { number: standing.number, town: standing.stop.townName }),
        ),
        button('maybe', ButtonStyle.Secondary, '🤔', t(language, 'announce.stop.button.maybe')),
        button('no', ButtonStyle.Danger, '✖️', t(language, 'announce.stop.button.no')),
      ];
      if (!disabled) {
        components.push({
          type: ComponentType.Button,
          style: ButtonStyle.Link,
          label: t(language, 'announce.button.calendar'),
          emoji: { name: '📅' },
          url: googleCalendarUrl(viewOfStop(view, standing)),
        });
        components.push(ridePanelButton(standing.stop.id, language));
      }
      return { type: ComponentType.ActionRow, components };
    });
}

/** The short reply to the announcement that tells a new stop's towns (exactly those roles, nobody else). */
export function renderStopPing(view: AnnouncementView, standing: StopStanding): TownPingMessage {
  const text = t(view.language, 'stop.ping', {
    id: standing.stop.tripId,
    town: safeText(standing.stop.townName),
    when: discordTimestamp(standing.stop.startsAt, 'F'),
  });
  return townPingMessage(standing.stop.pingedRoleIds, text);
}

/** The announcement as posted and edited: the one-stop layout, or the itinerary's once the trip has several stops. */
export function renderTripAnnouncement(view: AnnouncementView): RenderedAnnouncement {
  return view.stops.length > 1 ? renderItinerary(view) : renderAnnouncement(view);
}
