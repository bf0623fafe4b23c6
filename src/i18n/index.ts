import { common } from './catalog/common.js';
import { hardening } from './catalog/hardening.js';
import { itinerary } from './catalog/itinerary.js';
import { life } from './catalog/life.js';
import { preferences } from './catalog/preferences.js';
import { recap } from './catalog/recap.js';
import { reminder } from './catalog/reminder.js';
import { ride } from './catalog/ride.js';
import { rsvp } from './catalog/rsvp.js';
import { server } from './catalog/server.js';
import { setup } from './catalog/setup.js';
import { town } from './catalog/town.js';
import { trip } from './catalog/trip.js';
import { web } from './catalog/web.js';
import { welcome } from './catalog/welcome.js';
import type { Language } from './types.js';

export type { Language } from './types.js';
export { LANGUAGES } from './types.js';

/**
 * Every catalog section is listed here once. A key used anywhere must exist in both languages: the types
 * make a missing English text a compile error.
 */
const sections = [
  common,
  setup,
  town,
  welcome,
  trip,
  itinerary,
  rsvp,
  reminder,
  recap,
  web,
  ride,
  hardening,
  life,
  preferences,
  server,
] as const;

type SectionKeys<S> = S extends { fr: Record<infer K, string> } ? K : never;
export type MessageKey = SectionKeys<(typeof sections)[number]>;
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Language, Record<string, string>> = {
  fr: Object.assign({}, ...sections.map((entry) => entry.fr)),
  en: Object.assign({}, ...sections.map((entry) => entry.en)),
};

export function t(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[language][key] ?? catalogs.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : match,
  );
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogs.fr, key);
}

/** Discord locales are like 'fr', 'en-US', 'en-GB'; anything French reads French, the rest English. */
export function languageFromLocale(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
