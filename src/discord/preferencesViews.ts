import type { APIEmbed } from 'discord.js';
import type { TimedDm } from '../app/dmTiming.js';
import type { PreferencesResult } from '../app/preferences.js';
import type { ReminderView } from '../app/views.js';
import { zoneName } from '../domain/zoneName.js';
import { type Language, t } from '../i18n/index.js';
import { safeText } from './announcement.js';
import { EMBED_COLOR } from './colors.js';
import type { HandlerContext } from './command.js';
import { discordTimestamp, userMentions } from './markup.js';

/** /preferences' answer: each choice, "(default)" beside those never changed. */
export function renderPreferences(
  context: Pick<HandlerContext, 't' | 'language'>,
  result: PreferencesResult,
): APIEmbed {
  const { preferences } = result;
  const isDefault = {
    reminders: preferences.isDefault || preferences.reminders === 'dm',
    quietHours: preferences.quietHours === null,
    language: preferences.language === 'auto',
  };
  const mark = (value: string, fallback: boolean) =>
    fallback ? `${value} ${context.t('preferences.default')}` : value;
  const quietHours = preferences.quietHours
    ? context.t('preferences.quietHours.range', {
        start: clock(preferences.quietHours.startMinute),
        end: clock(preferences.quietHours.endMinute),
        timeZone: zoneName(result.timeZone, context.language),
      })
    : context.t('preferences.quietHours.none');
  const lines = [
    context.t('preferences.reminders', {
      value: mark(context.t(`preferences.reminders.${preferences.reminders}`), isDefault.reminders),
    }),
    context.t('preferences.quietHours', { value: mark(quietHours, isDefault.quietHours) }),
    context.t('preferences.language', {
      value: mark(context.t(`preferences.language.${preferences.language}`), isDefault.language),
    }),
    '',
    context.t('preferences.hint'),
  ];
  const title = result.changed
    ? `${context.t('preferences.saved')} ${context.t('preferences.title')}`
    : context.t('preferences.title');
  return { title, description: lines.join('\n'), color: EMBED_COLOR };
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The line a DM timed by quiet hours ends with, or null. */
export function quietHoursLine(dm: TimedDm, language: Language): string | null {
  const note = dm.quietHoursNote;
  if (!note) return null;
  return note.kind === 'beforeQuietHours'
    ? t(language, 'dm.heldBeforeQuietHours', { start: note.start, end: note.end })
    : t(language, 'dm.heldAfterQuietHours');
}

/** The thread reminder of members who chose the thread over DMs: it mentions exactly them. */
export function renderChosenThreadReminder(view: ReminderView, userIds: readonly string[]): string {
  const { trip, language } = view;
  const lines = [
    t(language, 'reminder.threadChosen', {
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
