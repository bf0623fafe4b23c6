import {
  defaultGuildSettings,
  type GuildSettingsPatch,
  type GuildSettingsRow,
  getGuildSettings,
  updateGuildSettings,
} from '../db/repositories/guildSettings.js';
import { listTowns } from '../db/repositories/towns.js';
import { formatQuietHours, parseQuietHours } from '../domain/quietHours.js';
import { normalizeTownName } from '../domain/towns.js';
import { parseReminderOffsets } from '../domain/trip.js';
import type { Language } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import { ONBOARDING_LIMITS } from './onboarding.js';
import type { ChannelAccess, GuildChannelsPort } from './ports.js';

/** Limits of /setup's numeric options (the command's min/max and the use case agree on these). */
export const SETUP_LIMITS = {
  nearbyMinutes: { min: 10, max: 240 },
  recapDelayMinutes: { min: 0, max: 1_440 },
  maxTripsPerDay: { min: 1, max: 20 },
  townPingCooldownMinutes: { min: 0, max: 1_440 },
} as const;

export interface SettingsChanges {
  welcomeChannelId?: string | undefined;
  tripsChannelId?: string | undefined;
  timeZone?: string | undefined;
  language?: Language | undefined;
  nearbyMinutes?: number | undefined;
  recapDelayMinutes?: number | undefined;
  /** As typed: "24h, 1h", "90m", "none". */
  reminders?: string | undefined;
  remindMaybe?: boolean | undefined;
  maxTripsPerDay?: number | undefined;
  townPingCooldownMinutes?: number | undefined;
  /** As typed: "22:00-07:00", "22h à 7h", "none" (src/domain/quietHours.ts). */
  quietHours?: string | undefined;
}

export type SetupWarning =
  | { key: 'setup.warning.channelMissing'; params: { channel: string } }
  | { key: 'setup.warning.channelNotText'; params: { channel: string } }
  | { key: 'setup.warning.cannotView'; params: { channel: string } }
  | { key: 'setup.warning.cannotSend'; params: { channel: string } }
  | { key: 'setup.warning.cannotAttach'; params: { channel: string } }
  | { key: 'setup.warning.noWelcomeChannel'; params: Record<string, never> }
  | { key: 'setup.warning.cannotMentionRoles'; params: Record<string, never> }
  | { key: 'setup.warning.onboardingMissingPermissions'; params: Record<string, never> }
  | { key: 'setup.warning.onboardingTooManyTowns'; params: { count: number; max: number } }
  | { key: 'setup.warning.onboardingTooManyQuestions'; params: { max: number } }
  | { key: 'setup.warning.onboardingRejected'; params: Record<string, never> };

export interface SettingsView {
  settings: GuildSettingsRow;
  /** The setting names that still hold their default value. */
  defaults: ReadonlySet<keyof GuildSettingsRow>;
  /** Where welcomes go: the chosen channel, else the guild's system channel, else nowhere. */
  welcome: { channelId: string | null; source: 'configured' | 'system' | 'none' };
  /** The language of public posts, and whether it was chosen or follows the guild's preferred locale. */
  language: { value: Language; source: 'configured' | 'guildLocale' };
  warnings: SetupWarning[];
  /** The settings this call changed (empty when only showing). */
  changed: (keyof GuildSettingsPatch)[];
  /** How many towns the server has (the options of the onboarding question). */
  townCount: number;
}

const INTERNAL_FIELDS: ReadonlySet<keyof GuildSettingsRow> = new Set([
  'guildId',
  'createdAt',
  'updatedAt',
  'onboardingPromptId',
  'onboardingProblem',
] as const);

/** /setup with no option: the current settings, defaults included, and what would stop the bot from posting. */
export async function showSettings(
  deps: AppDeps,
  port: GuildChannelsPort,
  input: { guildId: string; preferredLocale: string | null },
): Promise<SettingsView> {
  const settings = await getGuildSettings(deps.db, input.guildId);
  return describeSettings(deps, port, settings, input.preferredLocale, []);
}

/**
 * /setup with options: validates them, saves them (upsert, only the given ones) and returns the resulting view.
 * Channels the bot cannot post in are saved anyway, with a warning: the admin may fix the permissions later.
 */
export async function saveSettings(
  deps: AppDeps,
  port: GuildChannelsPort,
  input: { guildId: string; preferredLocale: string | null; changes: SettingsChanges },
): Promise<SettingsView> {
  const patch = toPatch(input.changes);
  const changed = Object.keys(patch) as (keyof GuildSettingsPatch)[];
  if (changed.length === 0) return showSettings(deps, port, input);
  const settings = await deps.db.transaction((tx) => updateGuildSettings(tx, input.guildId, patch, deps.clock.now()));
  deps.logger.info({ guildId: input.guildId, changed }, 'guild settings saved');
  return describeSettings(deps, port, settings, input.preferredLocale, changed);
}

/** Checks the options without saving anything: /setup refuses bad input before it changes any setting. */
export function checkSettings(changes: SettingsChanges): void {
  toPatch(changes);
}

function toPatch(changes: SettingsChanges): GuildSettingsPatch {
  const patch: GuildSettingsPatch = {};
  if (changes.welcomeChannelId !== undefined) patch.welcomeChannelId = changes.welcomeChannelId;
  if (changes.tripsChannelId !== undefined) patch.tripsChannelId = changes.tripsChannelId;
  if (changes.timeZone !== undefined) patch.timeZone = canonicalTimeZone(changes.timeZone);
  if (changes.language !== undefined) patch.language = changes.language;
  if (changes.nearbyMinutes !== undefined) {
    patch.nearbyMinutes = inRange(changes.nearbyMinutes, SETUP_LIMITS.nearbyMinutes);
  }
  if (changes.recapDelayMinutes !== undefined) {
    patch.recapDelayMinutes = inRange(changes.recapDelayMinutes, SETUP_LIMITS.recapDelayMinutes);
  }
  if (changes.reminders !== undefined) {
    const parsed = parseReminderOffsets(changes.reminders);
    if (!parsed.ok) throw new UserFacingError(parsed.error.key, { ...parsed.error.params, input: changes.reminders });
    patch.reminderOffsetsMinutes = parsed.minutes;
  }
  if (changes.remindMaybe !== undefined) patch.remindMaybe = changes.remindMaybe;
  if (changes.maxTripsPerDay !== undefined) {
    patch.maxTripsPerDay = inRange(changes.maxTripsPerDay, SETUP_LIMITS.maxTripsPerDay);
  }
  if (changes.townPingCooldownMinutes !== undefined) {
    patch.townPingCooldownMinutes = inRange(changes.townPingCooldownMinutes, SETUP_LIMITS.townPingCooldownMinutes);
  }
  if (changes.quietHours !== undefined) {
    const parsed = parseQuietHours(changes.quietHours);
    const input = changes.quietHours.trim().slice(0, 100) || '∅';
    if (!parsed.ok) {
      throw new UserFacingError(
        parsed.reason === 'zeroLength' ? 'setup.error.quietHoursZeroLength' : 'setup.error.quietHoursUnparseable',
        { input },
      );
    }
    patch.quietHours = parsed.quietHours ? formatQuietHours(parsed.quietHours) : null;
  }
  return patch;
}

function inRange(value: number, limits: { min: number; max: number }): number {
  if (!Number.isInteger(value) || value < limits.min || value > limits.max) {
    throw new UserFacingError('setup.error.outOfRange', { value, min: limits.min, max: limits.max });
  }
  return value;
}

async function describeSettings(
  deps: AppDeps,
  port: GuildChannelsPort,
  settings: GuildSettingsRow,
  preferredLocale: string | null,
  changed: (keyof GuildSettingsPatch)[],
): Promise<SettingsView> {
  const { guildId } = settings;
  const systemChannelId = settings.welcomeChannelId ? null : await port.systemChannelId(guildId);
  const welcome: SettingsView['welcome'] = settings.welcomeChannelId
    ? { channelId: settings.welcomeChannelId, source: 'configured' }
    : systemChannelId
      ? { channelId: systemChannelId, source: 'system' }
      : { channelId: null, source: 'none' };

  const warnings: SetupWarning[] = [];
  const channels = new Set([welcome.channelId, settings.tripsChannelId].filter((id): id is string => id !== null));
  for (const channelId of channels) {
    const access = await port.channelAccess(guildId, channelId);
    // Only announcements carry a file (their .ics): Attach Files matters in the trips channel alone.
    const needed = access === 'cannotAttach' && channelId !== settings.tripsChannelId ? 'ok' : access;
    const warning = channelWarning(needed, deps.markup.channel(channelId));
    if (warning) warnings.push(warning);
  }
  if (welcome.source === 'none') warnings.push({ key: 'setup.warning.noWelcomeChannel', params: {} });
  if (!(await port.canMentionRoles(guildId))) warnings.push({ key: 'setup.warning.cannotMentionRoles', params: {} });
  const townCount = (await listTowns(deps.db, guildId)).length;
  const onboardingWarning = settings.onboarding
    ? onboardingProblemWarning(settings.onboardingProblem, townCount)
    : null;
  if (onboardingWarning) warnings.push(onboardingWarning);

  const fallback = defaultGuildSettings(guildId);
  const defaults = new Set<keyof GuildSettingsRow>();
  for (const key of Object.keys(fallback) as (keyof GuildSettingsRow)[]) {
    // Not settings: the row's identity and times, and what the onboarding sync keeps for itself.
    if (INTERNAL_FIELDS.has(key)) continue;
    if (JSON.stringify(settings[key]) === JSON.stringify(fallback[key])) defaults.add(key);
  }

  return {
    settings,
    defaults,
    welcome,
    language: {
      value: guildLanguage(settings, preferredLocale),
      source: settings.language === 'fr' || settings.language === 'en' ? 'configured' : 'guildLocale',
    },
    warnings,
    changed,
    townCount,
  };
}

/** The last failed sync of the onboarding question (src/app/onboarding.ts stores it), as a /setup warning. */
function onboardingProblemWarning(problem: string | null, townCount: number): SetupWarning | null {
  switch (problem) {
    case 'missingPermissions':
      return { key: 'setup.warning.onboardingMissingPermissions', params: {} };
    case 'tooManyTowns':
      return {
        key: 'setup.warning.onboardingTooManyTowns',
        params: { count: townCount, max: ONBOARDING_LIMITS.optionsPerQuestion },
      };
    case 'tooManyQuestions':
      return { key: 'setup.warning.onboardingTooManyQuestions', params: { max: ONBOARDING_LIMITS.questions } };
    case 'rejected':
      return { key: 'setup.warning.onboardingRejected', params: {} };
    default:
      return null;
  }
}

function channelWarning(access: ChannelAccess, channel: string): SetupWarning | undefined {
  switch (access) {
    case 'ok':
      return undefined;
    case 'missing':
      return { key: 'setup.warning.channelMissing', params: { channel } };
    case 'notText':
      return { key: 'setup.warning.channelNotText', params: { channel } };
    case 'cannotView':
      return { key: 'setup.warning.cannotView', params: { channel } };
    case 'cannotSend':
      return { key: 'setup.warning.cannotSend', params: { channel } };
    case 'cannotAttach':
      return { key: 'setup.warning.cannotAttach', params: { channel } };
  }
}

// ---- time zones ----

const SUPPORTED_TIME_ZONES: readonly string[] = [...Intl.supportedValuesOf('timeZone'), 'UTC'];
const SUPPORTED_TIME_ZONE_SET = new Set(SUPPORTED_TIME_ZONES);

/**
 * The IANA name as Intl spells it ("america/toronto" → "America/Toronto", "US/Eastern" → "America/New_York").
 * Offsets ("+05:00") and abbreviations Intl maps oddly are refused: only names of the IANA list are stored.
 */
export function canonicalTimeZone(input: string): string {
  const typed = input.trim();
  let resolved: string | undefined;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: typed }).resolvedOptions().timeZone;
  } catch {
    resolved = undefined;
  }
  if (!typed.includes('/') && typed.toUpperCase() !== 'UTC') resolved = undefined;
  if (!resolved || !SUPPORTED_TIME_ZONE_SET.has(resolved)) {
    throw new UserFacingError('setup.error.unknownTimeZone', { timeZone: typed.slice(0, 100) || '∅' });
  }
  return resolved;
}

/** Cities members type that are not zone names: Montréal and Québec keep Toronto's time. */
const CITY_ALIASES: Readonly<Record<string, string>> = {
  montreal: 'America/Toronto',
  quebec: 'America/Toronto',
  kolkata: 'Asia/Calcutta',
};

/**
 * Time zones for autocomplete: every word typed must appear in the name ("toronto", "america tor", "new york"),
 * names starting with what was typed first, then the rest alphabetically.
 */
export function searchTimeZones(query: string, limit = 25): string[] {
  const words = normalizeTownName(query.replace(/[/_]/g, ' '))
    .split(/[\s-]+/)
    .filter((word) => word.length > 0);
  if (words.length === 0) {
    return ['America/Toronto', 'America/Halifax', 'America/Moncton', 'America/Vancouver', 'Europe/Paris', 'UTC']
      .filter((zone) => SUPPORTED_TIME_ZONE_SET.has(zone))
      .slice(0, limit);
  }
  const typed = words.join(' ');
  const scored: { zone: string; rank: number }[] = [];
  for (const zone of SUPPORTED_TIME_ZONES) {
    const haystack = normalizeTownName(zone.replace(/[/_]/g, ' '));
    if (!words.every((word) => haystack.includes(word))) continue;
    const city = normalizeTownName((zone.split('/').pop() ?? zone).replace(/_/g, ' '));
    const rank = city.startsWith(typed) ? 0 : haystack.startsWith(typed) ? 1 : 2;
    scored.push({ zone, rank });
  }
  for (const [alias, zone] of Object.entries(CITY_ALIASES)) {
    if (alias.startsWith(typed) && !scored.some((entry) => entry.zone === zone)) scored.push({ zone, rank: 0 });
  }
  scored.sort((a, b) => a.rank - b.rank || a.zone.localeCompare(b.zone));
  return scored.slice(0, limit).map((entry) => entry.zone);
}
