export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];

/** A catalog section: French is the reference; English must have exactly the same keys. */
export type Section<Keys extends string> = { fr: Record<Keys, string>; en: Record<Keys, string> };

export function section<const T extends Record<string, string>>(
  fr: T,
  en: Record<keyof T, string>,
): Section<keyof T & string> {
  return { fr, en };
}
