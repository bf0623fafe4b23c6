import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type { HistoryPage } from '../app/attendance.js';
import type { RecapNotesResult } from '../app/recap.js';
import type { RecapView, ReminderView } from '../app/views.js';
import { TOPIC_MAX_LENGTH } from '../domain/trip.js';
import { describeWhen } from '../domain/whenFormat.js';
import { zoneName } from '../domain/zoneName.js';
import { type Language, t } from '../i18n/index.js';
import { googleCalendarUrl, safeText } from './announcement.js';
import { EMBED_COLOR, NOTES_COLOR } from './colors.js';
import type { HandlerContext } from './command.js';
import { leaveCustomId } from './components/lifeButtons.js';
import { discordTimestamp, userMentions } from './markup.js';
import { pagerRow } from './pageButtons.js';

/**
 * Messages of the time after the announcement: reminders, the recap thread's first message, the host's notes, the
 * next-trip modal and /trip history. Public ones are in the guild's language; every one lists exactly whom it may
 * ping in `allowed_mentions`.
 */

export const RECAP_PREFIX = 'recap';
export const HISTORY_PREFIX = 'history';
export type RecapAction = 'attended' | 'next' | 'nextform';

/** `recap:<tripId>:attended` / `:next` (buttons) / `:nextform` (the modal): they work after a restart. */
export function recapCustomId(tripId: number, action: RecapAction): string {
  return `${RECAP_PREFIX}:${tripId}:${action}`;
}

/** Mentions written out in the recap; beyond, "and N more" (a message holds 2,000 characters). */
const RECAP_MENTIONS_SHOWN = 50;
export const NEXT_TRIP_FIELDS = { town: 'town', when: 'when', topic: 'topic' } as const;

export interface RenderedMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: { parse: []; users: string[]; roles: [] };
}

/** The recap thread's first message (raw API body: it is sent with a nonce through REST). */
export function renderRecapMessage(view: RecapView): RenderedMessage {
  const { trip, recap, language } = view;
  const town = safeText(trip.townName);
  const shown = recap.mentionUserIds.slice(0, RECAP_MENTIONS_SHOWN);
  const mentionText = userMentions(shown);
  const hidden = recap.mentionUserIds.length - shown.length;
  const guests = recap.guests > 0 ? t(language, 'recap.guests', { guests: recap.guests }) : '';
  const local = view.localAttendees ?? recap.attendees;
  const countKey = !view.membersKnown
    ? 'recap.count.unknown'
    : view.scope === 'region'
      ? 'recap.count.region'
      : local === recap.attendees
        ? 'recap.count.town'
        : 'recap.count.townVisitors';
  const lines = [
    t(language, 'recap.heading', { id: trip.tripId, town, when: discordTimestamp(trip.startsAt, 'F') }),
    t(language, 'recap.core', {
      mentions: hidden > 0 ? t(language, 'recap.coreMore', { mentions: mentionText, count: hidden }) : mentionText,
    }),
    t(language, countKey, { n: recap.attendees, m: recap.members, local, town, guests }),
  ];
  if (recap.topic) lines.push(t(language, 'recap.topic', { topic: safeText(recap.topic) }));
  if (recap.venue) lines.push(t(language, 'recap.venue', { venue: safeText(recap.venue) }));
  if (view.rides) lines.push(t(language, 'ride.recap', { rides: view.rides.rides, km: view.rides.kmAvoided }));
  lines.push('', t(language, 'recap.invite'), t(language, 'recap.attendInvite'), t(language, 'recap.nextInvite'));
  return {
    content: lines.join('\n'),
    embeds: trip.recapNotes ? [renderNotesEmbed(trip.recapNotes, language)] : [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Success,
            custom_id: recapCustomId(trip.id, 'attended'),
            label: t(language, 'recap.button.attended'),
            emoji: { name: '✅' },
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            custom_id: recapCustomId(trip.id, 'next'),
            label: t(language, 'recap.button.next'),
            emoji: { name: '🚀' },
          },
        ],
      },
    ],
    // Exactly the members written above, never a role, never @everyone.
    allowed_mentions: { parse: [], users: shown, roles: [] },
  };
}

/** The host's notes, under the recap (their own words: mentions made inert, formatting kept). */
export function renderNotesEmbed(notes: string, language: Language): APIEmbed {
  return {
    title: t(language, 'recap.notes.title'),
    description: safeNotes(notes),
    color: NOTES_COLOR,
  };
}

function safeNotes(notes: string): string {
  return notes.replace(/@(everyone|here)\b/gi, '@\u200B$1').replace(/<@([!&]?\d+)>/g, '<@\u200B$1>');
}

/** The reminder DM: town, Discord timestamps (each reader's own zone), venue, topic, link to the announcement. */
export function renderReminderDm(view: ReminderView): string {
  const { trip, language } = view;
  const lines = [
    t(language, 'reminder.dm.heading', {
      id: trip.tripId,
      town: safeText(trip.townName),
      relative: discordTimestamp(trip.startsAt, 'R'),
    }),
    // Discord's timestamp in the reader's own zone, and the community's wall clock with its zone's name.
    t(language, 'reminder.dm.when', {
      when: discordTimestamp(trip.startsAt, 'F'),
      local: describeWhen(trip.startsAt, view.timeZone, language),
      timeZone: zoneName(view.timeZone, language),
    }),
  ];
  if (trip.venue) lines.push(t(language, 'reminder.dm.venue', { venue: safeText(trip.venue) }));
  if (trip.topic) lines.push(t(language, 'reminder.dm.topic', { topic: safeText(trip.topic) }));
  if (view.url) lines.push(t(language, 'reminder.dm.link', { link: view.url }));
  lines.push('', t(language, 'life.reminder.cantGo'));
  return lines.join('\n');
}

/**
 * The reminder DM's buttons: "Add to my calendar" (Google Calendar's link for the stop) and "I can't come anymore",
 * whose custom id carries the guild and the stop (a DM's click has no guild).
 */
export function renderReminderDmComponents(view: ReminderView): APIActionRowComponent<APIButtonComponent>[] {
  const { trip, language } = view;
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Link,
          label: t(language, 'life.reminder.calendar'),
          emoji: { name: '📅' },
          url: googleCalendarUrl({ trip, language }),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Danger,
          custom_id: leaveCustomId(trip.guildId, trip.id),
          label: t(language, 'life.reminder.leave'),
          emoji: { name: '✖️' },
        },
      ],
    },
  ];
}

/** The thread message for members whose DMs are closed: it mentions exactly them. */
export function renderReminderInThread(view: ReminderView, userIds: readonly string[]): string {
  const { trip, language } = view;
  const lines = [
    t(language, 'reminder.thread', {
      mentions: userMentions(userIds),
      id: trip.tripId,
      town: safeText(trip.townName),
      relative: discordTimestamp(trip.startsAt, 'R'),
      when: discordTimestamp(trip.startsAt, 'F'),
    }),
  ];
  if (trip.venue) lines.push(t(language, 'reminder.dm.venue', { venue: safeText(trip.venue) }));
  if (trip.topic) lines.push(t(language, 'reminder.dm.topic', { topic: safeText(trip.topic) }));
  return lines.join('\n');
}

/** "Announce my next trip": town, when, topic; the member's language (it is theirs alone). */
export function nextTripModal(tripId: number, language: Language): APIModalInteractionResponseCallbackData {
  const input = (
    customId: string,
    label: string,
    placeholder: string,
    options: { required: boolean; maxLength: number },
  ): APIModalInteractionResponseCallbackData['components'][number] => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: customId,
        label,
        placeholder,
        style: TextInputStyle.Short,
        required: options.required,
        max_length: options.maxLength,
      },
    ],
  });
  return {
    custom_id: recapCustomId(tripId, 'nextform'),
    title: t(language, 'recap.modal.title'),
    components: [
      input(NEXT_TRIP_FIELDS.town, t(language, 'recap.modal.town'), t(language, 'recap.modal.townPlaceholder'), {
        required: true,
        maxLength: 100,
      }),
      input(NEXT_TRIP_FIELDS.when, t(language, 'recap.modal.when'), t(language, 'recap.modal.whenPlaceholder'), {
        required: true,
        maxLength: 100,
      }),
      input(NEXT_TRIP_FIELDS.topic, t(language, 'recap.modal.topic'), t(language, 'recap.modal.topicPlaceholder'), {
        required: false,
        maxLength: TOPIC_MAX_LENGTH,
      }),
    ],
  };
}

// ---- /trip history ----

export function renderHistory(
  history: HistoryPage,
  language: Language,
): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] } {
  const town = history.town ? safeText(history.town.name) : null;
  const lines = history.entries.map(({ trip, going, attended, rides }) => {
    const counts = t(language, 'history.line', {
      id: trip.tripId,
      town: safeText(trip.townName),
      when: discordTimestamp(trip.startsAt, 'd'),
      going,
      attended,
    });
    const line = rides > 0 ? `${counts} · ${t(language, 'ride.history', { rides })}` : counts;
    return trip.topic ? `${line}\n↳ ${safeText(trip.topic)}` : line;
  });
  const description =
    lines.length > 0
      ? [t(language, 'history.you', { count: history.yours }), '', ...lines].join('\n')
      : town
        ? t(language, 'history.emptyTown', { town })
        : t(language, 'history.empty');
  const embed: APIEmbed = {
    color: EMBED_COLOR,
    title: town ? t(language, 'history.titleTown', { town }) : t(language, 'history.title'),
    description,
  };
  if (history.total > 0) {
    embed.footer = {
      text: t(language, 'history.footer', { page: history.page + 1, pages: history.pageCount, total: history.total }),
    };
  }
  return {
    embeds: [embed],
    components: pagerRow({
      prefix: HISTORY_PREFIX,
      page: history.page,
      pageCount: history.pageCount,
      townId: history.town?.id ?? null,
      previous: { label: t(language, 'history.newer') },
      next: { label: t(language, 'history.older') },
    }),
  };
}

/** The host's private answer to `/trip recap`: shown now, saved for the recap to come, or removed. */
export function renderRecapNotesSaved(context: Pick<HandlerContext, 't'>, result: RecapNotesResult): string {
  const id = result.trip.tripId;
  return result.outcome === 'cleared'
    ? context.t('recap.notes.cleared', { id })
    : result.outcome === 'shown'
      ? context.t('recap.notes.saved', { id, link: result.url ?? '' })
      : context.t('recap.notes.savedLater', { id, when: discordTimestamp(result.recapAt, 'R') });
}
