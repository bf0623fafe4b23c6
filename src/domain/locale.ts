/** Languages the bot speaks. Discord's `interaction.locale` ("fr", "en-US", …) is mapped to one of these. */
export type Locale = 'fr' | 'en';

export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** "fr", "fr-CA" → fr; "en-US", "en-GB" → en; any other language → `fallback`. */
export function toLocale(discordLocale: string | null | undefined, fallback: Locale = 'en'): Locale {
  const language = discordLocale?.toLowerCase().split('-')[0];
  return language === 'fr' || language === 'en' ? language : fallback;
}
