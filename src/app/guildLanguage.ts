import type { GuildSettingsRow } from '../db/repositories/guildSettings.js';
import { type Language, languageFromLocale } from '../i18n/index.js';

/**
 * Public posts speak the guild's language: the one chosen in /setup, else French when the guild's preferred
 * locale is French, else English.
 */
export function guildLanguage(settings: Pick<GuildSettingsRow, 'language'>, preferredLocale: string | null): Language {
  if (settings.language === 'fr' || settings.language === 'en') return settings.language;
  return languageFromLocale(preferredLocale);
}
