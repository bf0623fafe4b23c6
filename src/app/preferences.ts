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

/**
 * Members' language choices kept in the process, so an interaction's answer costs no query for it. True without a
 * cross-process signal: a guild's interactions (its /preferences included) all reach the one process that runs its
 * shard, which writes here what it saves. Bounded, and read again after `ttlMs` (a guild's data deleted meanwhile).
 */
export class LanguageChoices {
  private readonly entries = new Map<string, { choice: LanguageChoice; at: number }>();

  constructor(
    private readonly options: { maxEntries: number; ttlMs: number } = { maxEntries: 10_000, ttlMs: 600_000 },
  ) {}

  get(guildId: string, userId: string, now: number): LanguageChoice | undefined {
    const entry = this.entries.get(`${guildId}:${userId}`);
    return entry && now - entry.at < this.options.ttlMs ? entry.choice : undefined;
  }

  remember(guildId: string, userId: string, choice: LanguageChoice, now: number): void {
    const key = `${guildId}:${userId}`;
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { choice, at: now });
  }
}

/**
 * The language of answers to the member's interactions: their choice, else their Discord locale's. One query the
 * first time, none while `choices` remembers it.
 */
export async function memberAnswerLanguage(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  choices: LanguageChoices,
  guildId: string,
  userId: string,
  fromLocale: Language,
): Promise<Language> {
  const now = deps.clock.now().getTime();
  let choice = choices.get(guildId, userId, now);
  if (choice === undefined) {
    choice = (await getMemberPreferences(deps.db, guildId, userId)).language;
    choices.remember(guildId, userId, choice, now);
  }
  return memberLanguage({ language: choice }, fromLocale);
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
