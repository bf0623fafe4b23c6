import type { Locale } from './locale.js';
import type { Rsvp } from './rsvp.js';
import { neutralizeMentions, truncateToLength } from './text.js';
import { shortDate } from './whenFormat.js';

/**
 * Content of the recap thread opened after a meetup ("voici le noyau de cette rencontre"): who said they would
 * come, "N of M members", the topic and venue. Wording around these values belongs to the i18n catalog.
 */

/** Discord's limit for thread names (counted here in UTF-16 units, the strictest reading). */
export const THREAD_NAME_MAX_LENGTH = 100;

const RECAP_WORD: Record<Locale, string> = { fr: 'Récap', en: 'Recap' };

export interface RecapInput {
  readonly townName: string;
  readonly startsAt: Date;
  readonly timeZone: string;
  /** The guild's language: the thread is public. */
  readonly locale: Locale;
  readonly hostId: string;
  readonly rsvps: readonly Rsvp[];
  /** Members of the town's role (M in "N of M members"). */
  readonly roleMemberCount: number;
  readonly topic: string | null;
  readonly venue: string | null;
  /** Rank of this meetup in the community's history (1 for the first), when known. */
  readonly meetupNumber?: number | null;
}

export interface Recap {
  /** "Récap · Rimouski · 4 déc." / "Recap · Rimouski · Dec 4", at most 100 characters. */
  readonly threadName: string;
  /** The host first, then members who said they were going, in the order they answered; no duplicates. */
  readonly mentionUserIds: string[];
  /** Members who came (N): host included. */
  readonly attendees: number;
  /** Guests they brought along (not members, not mentioned). */
  readonly guests: number;
  /** Members of the town's role (M). */
  readonly members: number;
  readonly topic: string | null;
  readonly venue: string | null;
  /** "3e rencontre" / "3rd meetup" number, e.g. "3e" / "3rd"; null when the rank is unknown. */
  readonly meetupOrdinal: string | null;
}

export function buildRecap(input: RecapInput): Recap {
  const going = input.rsvps
    .filter((rsvp) => rsvp.status === 'going')
    .sort((a, b) => a.respondedAt.getTime() - b.respondedAt.getTime());
  const mentionUserIds = [...new Set([input.hostId, ...going.map((rsvp) => rsvp.userId)])];
  const guests = going.reduce((sum, rsvp) => sum + rsvp.guests, 0);
  return {
    threadName: recapThreadName(input.townName, input.startsAt, input.timeZone, input.locale),
    mentionUserIds,
    attendees: mentionUserIds.length,
    guests,
    members: input.roleMemberCount,
    topic: input.topic,
    venue: input.venue,
    meetupOrdinal: input.meetupNumber ? ordinal(input.meetupNumber, input.locale) : null,
  };
}

/**
 * "Récap · Rimouski · 4 déc." The date is never cut: a long town name is shortened (with "…") to make room.
 */
export function recapThreadName(townName: string, startsAt: Date, timeZone: string, locale: Locale): string {
  const prefix = `${RECAP_WORD[locale]} · `;
  const suffix = ` · ${shortDate(startsAt, timeZone, locale)}`;
  const room = THREAD_NAME_MAX_LENGTH - prefix.length - suffix.length;
  const town = truncateToLength(neutralizeMentions(townName.replace(/\s+/g, ' ').trim()), room);
  return prefix + town + suffix;
}

/**
 * Ordinal number as written before a noun. French: 1re, 2e, 3e… (feminine by default, as in "1re rencontre";
 * masculine 1er). English: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th.
 */
export function ordinal(n: number, locale: Locale, gender: 'feminine' | 'masculine' = 'feminine'): string {
  if (locale === 'fr') {
    if (n === 1) return gender === 'feminine' ? '1re' : '1er';
    return `${n}e`;
  }
  const lastTwo = Math.abs(n) % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return `${n}th`;
  const suffixes: Record<number, string> = { 1: 'st', 2: 'nd', 3: 'rd' };
  return `${n}${suffixes[Math.abs(n) % 10] ?? 'th'}`;
}
