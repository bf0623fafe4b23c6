import { getGuildSettings } from '../db/repositories/guildSettings.js';
import {
  getMemberPreferences,
  type LanguageChoice,
  type MemberPreferences,
  type ReminderMode,
  updateMemberPreferences,
} from '../db/repositories/memberPreferences.js';
import { parseQuietHours, type QuietHours } from '../domain/quietHours.js';
import type { Language } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { memberLanguage } from './dmTiming.js';
import { startQuietHoursPlanner } from './dmTimingPlanner.js';
import { UserFacingError } from './errors.js';

const REMINDER_MODES: readonly ReminderMode[] = ['dm', 'thread', 'off'];
const LANGUAGE_CHOICES: readonly LanguageChoice[] = ['auto', 'fr', 'en'];

export interface PreferencesChange {
  reminders?: string | undefined;
  quietHours?: string | undefined;
  language?: string | undefined;
}

export interface PreferencesResult {
  preferences: MemberPreferences;
  /** The guild's zone, in which quiet hours are read. */
  timeZone: string;
  changed: boolean;
}

/**
 * /preferences: with no option, the member's current choices (defaults when none); with options, each is checked
 * first and nothing is saved unless all are valid.
 */
export async function memberPreferencesCommand(
  deps: AppDeps,
  input: { guildId: string; userId: string } & PreferencesChange,
): Promise<PreferencesResult> {
  const settings = await getGuildSettings(deps.db, input.guildId);
  const reminders = input.reminders === undefined ? undefined : readReminders(input.reminders);
  const language = input.language === undefined ? undefined : readLanguage(input.language);
  const quietHours = input.quietHours === undefined ? undefined : readQuietHours(input.quietHours);
  if (reminders === undefined && language === undefined && quietHours === undefined) {
    const preferences = await getMemberPreferences(deps.db, input.guildId, input.userId);
    return { preferences, timeZone: settings.timeZone, changed: false };
  }
  const now = deps.clock.now();
  const preferences = await deps.db.transaction(async (tx) => {
    const saved = await updateMemberPreferences(tx, {
      guildId: input.guildId,
      userId: input.userId,
      reminders,
      language,
      quietHours,
      now,
    });
    if (saved.quietHours) await startQuietHoursPlanner(tx, input.guildId, now);
    return saved;
  });
  return { preferences, timeZone: settings.timeZone, changed: true };
}

/** The language of answers to the member's interactions: their choice, else their Discord locale's. One query. */
export async function memberAnswerLanguage(
  deps: Pick<AppDeps, 'db'>,
  guildId: string,
  userId: string,
  fromLocale: Language,
): Promise<Language> {
  const choice = await getMemberPreferences(deps.db, guildId, userId);
  return memberLanguage(choice, fromLocale);
}

function readReminders(value: string): ReminderMode {
  const mode = value.trim().toLowerCase() as ReminderMode;
  if (!REMINDER_MODES.includes(mode))
    throw new UserFacingError('preferences.error.reminders', { value: value.slice(0, 40) });
  return mode;
}

function readLanguage(value: string): LanguageChoice {
  const choice = value.trim().toLowerCase() as LanguageChoice;
  if (!LANGUAGE_CHOICES.includes(choice))
    throw new UserFacingError('preferences.error.language', { value: value.slice(0, 40) });
  return choice;
}

function readQuietHours(text: string): QuietHours | null {
  const parsed = parseQuietHours(text);
  if (parsed.ok) return parsed.quietHours;
  const key = parsed.reason === 'zeroLength' ? 'preferences.error.quietHoursZero' : 'preferences.error.quietHours';
  throw new UserFacingError(key, { text: text.slice(0, 60) });
}
