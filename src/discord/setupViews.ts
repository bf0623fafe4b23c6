import { type APIEmbed, type APIEmbedField, channelMention } from 'discord.js';
import type { SettingsView } from '../app/setup.js';
import type { GuildSettingsRow } from '../db/repositories/guildSettings.js';
import { formatReminderOffsets } from '../domain/trip.js';
import { timeOfDay } from '../domain/whenFormat.js';
import { zoneName } from '../domain/zoneName.js';
import type { MessageKey } from '../i18n/index.js';
import { EMBED_COLOR } from './colors.js';
import type { HandlerContext } from './command.js';

/** `/setup`'s answer: the settings as an embed in the member's language. */

// The public page's settings are shown by their own part of /setup (src/http, issue 14).
type SettingKey = Exclude<
  keyof GuildSettingsRow,
  | 'guildId'
  | 'createdAt'
  | 'updatedAt'
  | 'publicPage'
  | 'publicSlug'
  | 'publicNames'
  | 'inviteUrl'
  // The server's quiet hours and onboarding question: shown by serverFields below, without the default mark.
  | 'quietHours'
  | 'onboarding'
  | 'onboardingPromptId'
  | 'onboardingProblem'
>;

/** Labels of the settings /setup shows in its own fields (the "saved" line names them too). */
const SERVER_LABELS: Partial<Record<keyof GuildSettingsRow, MessageKey>> = {
  quietHours: 'setup.field.quietHours',
  onboarding: 'setup.field.onboarding',
};

const FIELD_LABELS: Record<SettingKey, MessageKey> = {
  welcomeChannelId: 'setup.field.welcomeChannel',
  tripsChannelId: 'setup.field.tripsChannel',
  timeZone: 'setup.field.timeZone',
  language: 'setup.field.language',
  nearbyMinutes: 'setup.field.nearbyMinutes',
  recapDelayMinutes: 'setup.field.recapDelay',
  reminderOffsetsMinutes: 'setup.field.reminders',
  remindMaybe: 'setup.field.remindMaybe',
  maxTripsPerDay: 'setup.field.maxTripsPerDay',
  townPingCooldownMinutes: 'setup.field.townPingCooldown',
};

/** The settings as an embed in the member's language; defaults marked, problems listed last. */
export function renderSettings(context: HandlerContext, view: SettingsView): APIEmbed {
  const { settings } = view;
  const t = context.t;
  const minutes = (value: number) => t('setup.value.minutes', { minutes: value });
  const languageName = t(`setup.value.language.${view.language.value}`);
  const now = timeOfDay(context.deps.clock.now(), settings.timeZone, context.language);

  const values: Record<SettingKey, string> = {
    welcomeChannelId:
      view.welcome.source === 'configured'
        ? channelMention(view.welcome.channelId ?? '')
        : view.welcome.source === 'system'
          ? t('setup.value.systemChannel', { channel: channelMention(view.welcome.channelId ?? '') })
          : t('setup.value.noWelcomeChannel'),
    tripsChannelId: settings.tripsChannelId ? channelMention(settings.tripsChannelId) : t('setup.value.tripsDefault'),
    timeZone: t('setup.value.timeZone', {
      timeZone: settings.timeZone,
      zoneName: zoneName(settings.timeZone, context.language),
      time: now,
    }),
    language:
      view.language.source === 'configured' ? languageName : t('setup.value.languageAuto', { language: languageName }),
    nearbyMinutes: t('setup.value.driveMinutes', { minutes: settings.nearbyMinutes }),
    recapDelayMinutes: t('setup.value.afterEnd', { duration: minutes(settings.recapDelayMinutes) }),
    reminderOffsetsMinutes:
      settings.reminderOffsetsMinutes.length === 0
        ? t('setup.value.none')
        : t('setup.value.beforeStart', { durations: formatReminderOffsets(settings.reminderOffsetsMinutes) }),
    remindMaybe: settings.remindMaybe ? t('setup.value.yes') : t('setup.value.no'),
    maxTripsPerDay: t('setup.value.perDay', { count: settings.maxTripsPerDay }),
    townPingCooldownMinutes: minutes(settings.townPingCooldownMinutes),
  };

  const fields: APIEmbedField[] = (Object.keys(FIELD_LABELS) as SettingKey[]).map((key) => ({
    name: t(FIELD_LABELS[key]),
    value: view.defaults.has(key) ? `${values[key]} *${t('setup.defaultMark')}*` : values[key],
    inline: key !== 'welcomeChannelId' && key !== 'tripsChannelId',
  }));
  fields.push(...serverFields(context, view));
  if (view.warnings.length > 0) {
    fields.push({
      name: t('setup.warnings'),
      value: view.warnings.map((warning) => `• ${t(warning.key, warning.params)}`).join('\n'),
    });
  }

  const description =
    view.changed.length > 0
      ? t('setup.saved', {
          fields: view.changed
            .map((key) => SERVER_LABELS[key] ?? FIELD_LABELS[key as SettingKey])
            .filter((label): label is MessageKey => label !== undefined)
            .map((label) => t(label))
            .join(', '),
        })
      : t('setup.current');
  return { color: EMBED_COLOR, title: t('setup.title'), description, fields };
}

/** The server's quiet hours for pings and Discord's onboarding question. */
function serverFields(context: HandlerContext, view: SettingsView): APIEmbedField[] {
  const { settings } = view;
  const t = context.t;
  const onboarding = !settings.onboarding
    ? t('setup.value.onboardingOff')
    : view.townCount === 0
      ? t('setup.value.onboardingWaiting')
      : t('setup.value.onboardingOn', { count: view.townCount, title: t('onboarding.question') });
  return [
    {
      name: t('setup.field.quietHours'),
      value: settings.quietHours
        ? t('setup.value.quietHours', { range: settings.quietHours })
        : t('setup.value.quietHoursNone'),
      inline: true,
    },
    { name: t('setup.field.onboarding'), value: onboarding, inline: true },
  ];
}
