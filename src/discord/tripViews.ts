import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  roleMention,
  userMention,
} from 'discord.js';
import type { TripDetails, TripListPage } from '../app/tripQueries.js';
import type { AddStopResult } from '../app/trips/addStop.js';
import type { NewTripResult } from '../app/trips/create.js';
import { describeChanges, type EditTripResult } from '../app/trips/edit.js';
import { stopLabel } from '../app/trips/itinerary.js';
import { describeLegs, describeRoadWarning } from '../app/trips/roads.js';
import type { Rsvp } from '../domain/rsvp.js';
import { describeWhen } from '../domain/whenFormat.js';
import { type Language, t } from '../i18n/index.js';
import { announcementEmbed, safeText } from './announcement.js';
import { EMBED_COLOR } from './colors.js';
import type { HandlerContext } from './command.js';
import { discordMarkup, discordTimestamp } from './markup.js';
import { pagerRow } from './pageButtons.js';

/** Ephemeral views of trips for the member who asks: `/trip list` pages and `/trip show`. */

export const TRIP_LIST_PREFIX = 'trips';
/** Discord's limit on an embed field's value. */
const FIELD_MAX_LENGTH = 1_024;

export function renderTripList(
  list: TripListPage,
  language: Language,
): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] } {
  const town = list.town ? safeText(list.town.name) : null;
  const lines = list.entries.map(({ trip, goingSeats }) => {
    const going = trip.capacity === null ? `👥 ${goingSeats}` : `👥 ${goingSeats}/${trip.capacity}`;
    const line = t(language, 'trip.list.line', {
      id: trip.tripId,
      town: safeText(trip.townName),
      when: discordTimestamp(trip.startsAt, 'f'),
      going,
      host: userMention(trip.hostId),
    });
    return trip.topic ? `${line}\n↳ ${safeText(trip.topic)}` : line;
  });
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: town ? t(language, 'trip.list.titleTown', { town }) : t(language, 'trip.list.title'),
    description:
      lines.length > 0
        ? lines.join('\n\n')
        : town
          ? t(language, 'trip.list.emptyTown', { town })
          : t(language, 'trip.list.empty'),
  };
  if (list.total > 0) {
    embed.footer = {
      text: t(language, 'trip.list.footer', { page: list.page + 1, pages: list.pageCount, total: list.total }),
    };
  }
  return {
    embeds: [embed],
    components: pagerRow({
      prefix: TRIP_LIST_PREFIX,
      page: list.page,
      pageCount: list.pageCount,
      townId: list.town?.id ?? null,
      previous: { label: t(language, 'trip.list.previous'), emoji: '◀️' },
      next: { label: t(language, 'trip.list.next'), emoji: '▶️' },
    }),
  };
}

export function renderTripDetails(
  details: TripDetails,
  language: Language,
): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] } {
  const embed = announcementEmbed({
    trip: details.trip,
    counts: details.counts,
    stops: [{ stop: details.trip, number: 1, counts: details.counts }],
    language,
    timeZone: details.timeZone,
  });
  embed.fields = [
    ...(embed.fields ?? []),
    { name: t(language, 'trip.show.goingList'), value: memberList(details.going, language) },
  ];
  if (details.stops.length > 1) {
    const stops = details.stops.map((stop, index) => {
      const label = stopLabel(stop, index + 1, details.timeZone, language);
      return stop.status === 'cancelled' ? `~~${safeText(label)}~~` : safeText(label);
    });
    embed.fields.unshift({
      name: t(language, 'trip.show.itinerary'),
      value: [...stops, ...describeLegs(details.legs, language).map(safeText)].join('\n').slice(0, 1_024),
    });
  }
  if (details.maybe.length > 0) {
    embed.fields.push({ name: t(language, 'trip.show.maybeList'), value: memberList(details.maybe, language) });
  }
  if (details.waitlist.length > 0) {
    embed.fields.push({
      name: t(language, 'trip.show.waitlistList'),
      value: memberList(details.waitlist, language, true),
    });
  }
  const components: APIActionRowComponent<APIButtonComponent>[] = details.url
    ? [
        {
          type: ComponentType.ActionRow,
          components: [
            {
              type: ComponentType.Button,
              style: ButtonStyle.Link,
              label: t(language, 'trip.show.link'),
              url: details.url,
            },
          ],
        },
      ]
    : [];
  return { embeds: [embed], components };
}

/** Mentions inside an embed never ping; the list stops before Discord's 1,024 characters. */
function memberList(rsvps: readonly Rsvp[], language: Language, numbered = false): string {
  if (rsvps.length === 0) return t(language, 'trip.show.nobody');
  const parts: string[] = [];
  let length = 0;
  for (const [index, rsvp] of rsvps.entries()) {
    const member =
      rsvp.guests > 0
        ? t(language, 'trip.show.guests', { member: userMention(rsvp.userId), guests: rsvp.guests })
        : userMention(rsvp.userId);
    const entry = numbered ? `${index + 1}. ${member}` : member;
    const more = t(language, 'trip.show.more', { count: rsvps.length - index });
    if (length + entry.length + 2 + more.length + 2 > FIELD_MAX_LENGTH) {
      parts.push(more);
      break;
    }
    parts.push(entry);
    length += entry.length + 2;
  }
  return parts.join(numbered ? '\n' : ', ');
}

/** The host's private confirmation of a new trip, for `/trip new` and the recap's "Announce my next trip". */
export function renderTripCreated(context: Pick<HandlerContext, 't' | 'language'>, result: NewTripResult): string {
  const { trip } = result;
  const lines = [
    context.t('trip.created', {
      id: trip.tripId,
      town: trip.townName,
      when: `${describeWhen(trip.startsAt, result.timeZone, context.language)} (${discordTimestamp(trip.startsAt, 'R')})`,
      link: result.url ?? '',
    }),
  ];
  if (result.pingedRoleIds.length > 0) {
    lines.push(
      context.t('trip.created.pinged', { roles: result.pingedRoleIds.map((id) => roleMention(id)).join(', ') }),
    );
  }
  for (const note of result.notes) lines.push(context.t(note.key, note.params));
  lines.push(context.t('trip.created.hostGoing'));
  if (result.scheduledEvent) lines.push(context.t('trip.created.event'));
  return lines.join('\n');
}

/** The private answer to `/trip edit`: what changed, and who was told. */
export function renderTripEdited(context: Pick<HandlerContext, 't' | 'language'>, result: EditTripResult): string {
  const lines = [
    context.t('trip.edited', {
      id: result.trip.tripId,
      changes: describeChanges(discordMarkup, context.language, result.changes),
    }),
  ];
  if (result.overCapacity) lines.push(context.t('trip.edited.capacityBelow', result.overCapacity));
  if (result.promoted.length > 0) {
    lines.push(
      result.promotedTold < result.promoted.length
        ? context.t('trip.edited.promotedPartly', { count: result.promoted.length, told: result.promotedTold })
        : context.t('trip.edited.promoted', { count: result.promoted.length }),
    );
  }
  if (result.notified > 0) lines.push(context.t('trip.edited.notified', { count: result.notified }));
  if (result.notTold > 0) lines.push(context.t('trip.notice.notTold', { count: result.notTold }));
  for (const warning of result.warnings) lines.push(describeRoadWarning(warning, result.timeZone, context.language));
  return lines.join('\n');
}

/** The private answer to `/trip add-stop`: the stop, who was told, and the road warnings. */
export function renderStopAdded(context: Pick<HandlerContext, 't' | 'language'>, result: AddStopResult): string {
  const { stop } = result;
  const lines = [
    context.t('stop.added', {
      id: stop.tripId,
      town: safeText(stop.townName),
      when: `${describeWhen(stop.startsAt, result.timeZone, context.language)} (${discordTimestamp(stop.startsAt, 'R')})`,
      number: result.number,
    }),
  ];
  const roles = (ids: readonly string[]) => ids.map((id) => roleMention(id)).join(', ');
  if (result.pingedRoleIds.length > 0)
    lines.push(context.t('stop.added.pinged', { roles: roles(result.pingedRoleIds) }));
  if (result.alreadyPingedRoleIds.length > 0) {
    lines.push(context.t('stop.added.alreadyPinged', { roles: roles(result.alreadyPingedRoleIds) }));
  }
  if (result.pingedRoleIds.length === 0 && result.notes.length === 0) lines.push(context.t('stop.added.nobody'));
  for (const note of result.notes) lines.push(context.t(note.key, note.params));
  for (const warning of result.warnings) lines.push(describeRoadWarning(warning, result.timeZone, context.language));
  return lines.join('\n');
}
