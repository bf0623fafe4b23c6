import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  ButtonStyle,
  ComponentType,
  time,
  userMention,
} from 'discord.js';
import type { CancelOutcome } from '../app/rides/cancel.js';
import type { NeedResult, OfferResult } from '../app/rides/offer.js';
import type { RideNotice, RidePartyView, RideProposalView, RideStopView } from '../app/rides/port.js';
import type { RideListing } from '../app/rides/queries.js';
import { THREAD_NAME_MAX_LENGTH } from '../domain/recap.js';
import type { StopRideCounts } from '../domain/rides.js';
import { neutralizeMentions, truncateToLength } from '../domain/text.js';
import { type Language, type MessageKey, type MessageParams, t } from '../i18n/index.js';

/** Rendering of ride messages: every text from the ride catalog, Discord markup only here. */

/** First segment of the proposal buttons' custom ids: `ride:<matchId>:accept|decline`. */
export const RIDE_BUTTON_PREFIX = 'ride';

/** The embed colour of ride messages (the road's asphalt blue). */
const RIDE_COLOR = 0x3b_6e_a5;

/** "#12 · Matane": a stop as members name it. */
export function stopText(stop: Pick<RideStopView, 'tripId' | 'townName'>): string {
  return `#${stop.tripId} · ${neutralizeMentions(stop.townName)}`;
}

export function proposalMessage(
  proposal: RideProposalView,
  language: Language,
  options: { mentionDriver: boolean },
): { content: string; components: APIActionRowComponent<APIButtonComponent>[] } {
  const text = t(language, 'ride.proposal.text', {
    rider: userMention(proposal.riderId),
    from: neutralizeMentions(proposal.riderFrom),
    stop: stopText(proposal.stop),
    when: time(proposal.stop.startsAt, 'F'),
    detour: proposal.detourMinutes,
  });
  const content = options.mentionDriver
    ? `${t(language, 'ride.proposal.fallback', { driver: userMention(proposal.driverId) })}\n${text}`
    : proposal.waitedForQuietHours
      ? `${text}\n${t(language, 'dm.heldAfterQuietHours')}`
      : text;
  const button = (
    answer: 'accept' | 'decline',
    style: ButtonStyle.Success | ButtonStyle.Secondary,
  ): APIButtonComponent => ({
    type: ComponentType.Button,
    style,
    custom_id: `${RIDE_BUTTON_PREFIX}:${proposal.matchId}:${answer}`,
    label: t(language, answer === 'accept' ? 'ride.proposal.accept' : 'ride.proposal.decline'),
  });
  return {
    content,
    components: [
      {
        type: ComponentType.ActionRow,
        components: [button('accept', ButtonStyle.Success), button('decline', ButtonStyle.Secondary)],
      },
    ],
  };
}

/** What a member is told about their ride. Mentions are written out but the messages ping only their recipients. */
export function noticeText(notice: RideNotice, stop: RideStopView, language: Language): string {
  const stopName = stopText(stop);
  const say = (key: MessageKey, params: MessageParams = {}) => t(language, key, { stop: stopName, ...params });
  switch (notice.kind) {
    case 'accepted':
      return notice.threadId
        ? say('ride.rider.accepted', {
            driver: userMention(notice.driverId),
            from: neutralizeMentions(notice.from),
            thread: `<#${notice.threadId}>`,
          })
        : say('ride.rider.acceptedNoThread', {
            driver: userMention(notice.driverId),
            from: neutralizeMentions(notice.from),
          });
    case 'declined':
      return say('ride.rider.declined');
    case 'matchedLater':
      return say('ride.rider.matchedLater', {
        driver: userMention(notice.driverId),
        from: neutralizeMentions(notice.from),
      });
    case 'driverCancelled':
      return say('ride.ripple.driverCancelled', { driver: userMention(notice.driverId) });
    case 'riderCancelled':
      return say('ride.ripple.riderCancelled', { rider: userMention(notice.riderId) });
    case 'stopCancelled':
      return say('ride.ripple.stopCancelled');
    case 'stopMoved':
      return say('ride.ripple.stopMoved', { when: time(notice.startsAt, 'F') });
  }
}

/** "🚗 Alice · Rivière-du-Loup → Rimouski", within Discord's 100 characters. */
export function partyThreadName(party: RidePartyView, driverName: string, language: Language): string {
  const name = t(language, 'ride.thread.name', {
    driver: driverName.replace(/\s+/g, ' ').trim(),
    from: party.driverFrom,
    to: party.stop.townName,
  });
  return truncateToLength(name, THREAD_NAME_MAX_LENGTH);
}

function partyParams(party: RidePartyView, language: Language): MessageParams {
  const leaving = party.leavingAt ? t(language, 'ride.thread.leaving', { when: time(party.leavingAt, 'F') }) : '';
  return {
    stop: stopText(party.stop),
    when: time(party.stop.startsAt, 'F'),
    driver: userMention(party.driverId),
    leaving,
    pickups: party.pickups.map(neutralizeMentions).join(' → '),
    riders: party.riders.map((rider) => `${userMention(rider.userId)} (${neutralizeMentions(rider.from)})`).join(', '),
  };
}

/** The first message of the party's private thread: the members, the pick-ups in route order, the leaving time. */
export function partyIntro(party: RidePartyView, language: Language): string {
  return t(language, 'ride.thread.intro', partyParams(party, language));
}

export function partyJoined(party: RidePartyView, riderId: string, language: Language): string {
  const rider = party.riders.find((candidate) => candidate.userId === riderId);
  return t(language, 'ride.thread.joined', {
    rider: userMention(riderId),
    from: neutralizeMentions(rider?.from ?? ''),
    pickups: party.pickups.map(neutralizeMentions).join(' → '),
  });
}

/** Without permission for private threads: one DM per member naming the others. */
export function partyDm(party: RidePartyView, language: Language): string {
  return t(language, 'ride.dm.party', partyParams(party, language));
}

/** `/ride list`'s embed. */
export function listingEmbed(listing: RideListing, language: Language): APIEmbed {
  const stop = stopText(listing.stop);
  if (listing.offers.length === 0 && listing.needs.length === 0) {
    return { color: RIDE_COLOR, description: t(language, 'ride.list.empty', { stop }) };
  }
  const none = t(language, 'ride.list.none');
  const offers = listing.offers.map((offer) =>
    t(language, 'ride.list.offer', {
      driver: userMention(offer.userId),
      from: neutralizeMentions(offer.from),
      seatsLeft: offer.seatsLeft,
      seats: offer.seats,
      detour: offer.detourMinutes,
    }),
  );
  const needs = listing.needs.map((need) =>
    need.driverId
      ? t(language, 'ride.list.needMatched', {
          rider: userMention(need.userId),
          from: neutralizeMentions(need.from),
          driver: userMention(need.driverId),
        })
      : t(language, 'ride.list.need', { rider: userMention(need.userId), from: neutralizeMentions(need.from) }),
  );
  return {
    color: RIDE_COLOR,
    title: t(language, 'ride.list.title', { stop }),
    fields: [
      { name: t(language, 'ride.list.offers'), value: truncateToLength(offers.join('\n') || none, 1_024) },
      { name: t(language, 'ride.list.needs'), value: truncateToLength(needs.join('\n') || none, 1_024) },
    ],
  };
}

/** Discord's limit on the characters of all the embeds of one message. */
const EMBEDS_MAX_CHARACTERS = 6_000;

/** The characters Discord counts in an embed (title, description, fields, footer, author). */
export function embedCharacters(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

/**
 * `/trip show`'s rides: `/ride list`'s embed for each stop that has an offer or a need, in itinerary order, as many
 * as fit next to `others` (the trip's own embeds) within Discord's limits of characters and embeds per message.
 */
export function tripRideEmbeds(
  listings: readonly RideListing[],
  language: Language,
  others: readonly APIEmbed[],
): APIEmbed[] {
  let used = others.reduce((sum, embed) => sum + embedCharacters(embed), 0);
  const embeds: APIEmbed[] = [];
  for (const listing of listings) {
    if (listing.offers.length === 0 && listing.needs.length === 0) continue;
    const embed = listingEmbed(listing, language);
    const size = embedCharacters(embed);
    if (used + size > EMBEDS_MAX_CHARACTERS || others.length + embeds.length >= 10) break;
    used += size;
    embeds.push(embed);
  }
  return embeds;
}

/** The announcement's line for a stop: "🚗 3 places offertes · 1 demande". */
export function rideSummaryLine(counts: StopRideCounts, language: Language): string {
  return t(language, 'ride.summary', { seats: counts.seatsOffered, needs: counts.needsWaiting });
}

// ---- confirmations (ephemeral, the member's language) ----

export function offerConfirmation(result: OfferResult, language: Language): string {
  const leaving = result.offer.leavingAt
    ? t(language, 'ride.offer.leaving', { when: time(result.offer.leavingAt, 'F') })
    : '';
  return [
    t(language, 'ride.offer.saved', {
      seats: result.offer.seats,
      from: neutralizeMentions(result.from.name),
      stop: stopText(result.stop),
      detour: result.offer.detourMinutes,
      leaving,
    }),
    result.proposed > 0
      ? t(language, 'ride.offer.proposed', { count: result.proposed })
      : t(language, 'ride.offer.noneYet'),
  ].join('\n');
}

export function needConfirmation(result: NeedResult, language: Language): string {
  const params = { from: neutralizeMentions(result.from.name), stop: stopText(result.stop) };
  return [
    t(language, 'ride.need.saved', params),
    result.proposedTo
      ? t(language, 'ride.need.proposed', { ...params, driver: userMention(result.proposedTo) })
      : t(language, 'ride.need.waiting', params),
  ].join('\n');
}

export function cancelConfirmation(
  result: { withdrawn: CancelOutcome; stop: RideStopView },
  language: Language,
): string {
  const key = result.withdrawn === 'offer' ? 'ride.cancel.offer' : 'ride.cancel.need';
  return t(language, key, { stop: stopText(result.stop) });
}
