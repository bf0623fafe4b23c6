import { INTL_LOCALE, type Locale } from './locale.js';

/**
 * The generic name of a time zone in a language, as Intl gives it (`timeZoneName: 'longGeneric'`): "heure de l’Est" /
 * "Eastern Time" for America/Toronto, "heure de l’Europe centrale" / "Central European Time" for Europe/Paris. It does
 * not change with daylight saving time. Zones without a generic name (UTC) read "UTC". Non-breaking spaces are turned
 * into plain ones, as in whenFormat.
 */
const names = new Map<string, string>();
/** A recent instant: at the epoch, zones that had no daylight saving time then read their standard name. */
const RECENT = Date.UTC(2026, 0, 15);

export function zoneName(timeZone: string, locale: Locale): string {
  const key = `${locale}|${timeZone}`;
  const cached = names.get(key);
  if (cached !== undefined) return cached;
  let name = timeZone;
  try {
    const part = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(RECENT)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (part) name = /^(GMT|UTC)([+-]00:00)?$/.test(part) ? 'UTC' : part.replace(/[\u00A0\u202F]/g, ' ');
  } catch {
    // An unknown zone keeps its IANA name.
  }
  names.set(key, name);
  return name;
}
