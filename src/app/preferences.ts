import { getGuildSettings } from '../db/repositories/guildSettings.js';
import {
  getMemberPreferences,
  type LanguageChoice,
  listLanguageChoices,
  type MemberPreferences,
  type ReminderMode,
  updateMemberPreferences,
} from '../db/repositories/memberPreferences.js';
import { BoundedMap } from '../domain/boundedMap.js';
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
 * Members' language choices kept in the process, so an interaction's answer costs no query for it: per guild, the
 * few members who chose 'fr' or 'en' (everyone else follows their Discord language), read in one query the first time
 * the guild is seen. True without a cross-process signal: a guild's interactions (its /preferences included) all reach
 * the one process that runs its shard, which writes here what it saves. Bounded (guilds kept, choices per guild: a
 * guild with more is read member by member), and read again after `ttlMs` (a guild's data deleted meanwhile).
 */
export class LanguageChoices {
  private readonly guilds: BoundedMap<string, { at: number; choices: Map<string, LanguageChoice> | null }>;
  private readonly members: BoundedMap<string, { choice: LanguageChoice; at: number }>;
  readonly options: { maxGuilds: number; maxChoicesPerGuild: number; maxMembers: number; ttlMs: number };

  constructor(options: Partial<LanguageChoices['options']> = {}) {
    this.options = { maxGuilds: 1_000, maxChoicesPerGuild: 5_000, maxMembers: 10_000, ttlMs: 600_000, ...options };
    this.guilds = new BoundedMap(this.options.maxGuilds);
    this.members = new BoundedMap(this.options.maxMembers);
  }

  /** The member's choice when known here; undefined: ask the database. */
  get(guildId: string, userId: string, now: number): LanguageChoice | undefined {
    const guild = this.guilds.get(guildId);
    if (guild && now - guild.at < this.options.ttlMs) {
      if (guild.choices) return guild.choices.get(userId) ?? 'auto';
    }
    const member = this.members.get(`${guildId}:${userId}`);
    return member && now - member.at < this.options.ttlMs ? member.choice : undefined;
  }

  /** Whether the guild's choices were read (and are still fresh): no per-member query is needed. */
  knowsGuild(guildId: string, now: number): boolean {
    const guild = this.guilds.get(guildId);
    return guild !== undefined && now - guild.at < this.options.ttlMs;
  }

  /** The guild's choices as read; `null`: too many to keep, read member by member. */
  rememberGuild(guildId: string, choices: Map<string, LanguageChoice> | null, now: number): void {
    this.guilds.set(guildId, { at: now, choices });
  }

  /**
   * A member's choice, read or just saved by /preferences: into the guild's choices when they are kept, else one by
   * one (a guild with too many; a guild not read yet reads it with the others).
   */
  remember(guildId: string, userId: string, choice: LanguageChoice, now: number): void {
    const guild = this.guilds.get(guildId);
    if (!guild) return;
    if (guild.choices) {
      if (choice === 'auto') guild.choices.delete(userId);
      else if (guild.choices.size < this.options.maxChoicesPerGuild || guild.choices.has(userId)) {
        guild.choices.set(userId, choice);
      } else guild.choices = null;
      if (guild.choices) return;
    }
    this.members.set(`${guildId}:${userId}`, { choice, at: now });
  }
}

/**
 * The language of answers to the member's interactions: their choice, else their Discord locale's. One query the
 * first time the guild is seen (its members' choices), none while `choices` remembers them.
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
  if (choice === undefined && !choices.knowsGuild(guildId, now)) {
    const read = await listLanguageChoices(deps.db, guildId, choices.options.maxChoicesPerGuild);
    choices.rememberGuild(guildId, read.complete ? read.choices : null, now);
    choice = choices.get(guildId, userId, now);
  }
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
