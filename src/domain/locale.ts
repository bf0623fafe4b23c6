/** Languages the bot speaks. Discord's `interaction.locale` ("fr", "en-US", …) is mapped to one of these. */
export type Locale = 'fr' | 'en';

/**
 * The one Intl locale of each language, for every date, time and number the bot writes: Québec French ("12 h 00")
 * and US English ("12:00 PM").
 */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { fr: 'fr-CA', en: 'en-US' };
