import { describe, expect, it } from 'vitest';
import { toLocale } from '../../src/domain/locale.js';

describe('toLocale', () => {
  it.each([
    ['fr', 'fr'],
    ['fr-CA', 'fr'],
    ['FR', 'fr'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
  ] as const)('GIVEN Discord locale "%s" WHEN mapped THEN %s', (discordLocale, expected) => {
    expect(toLocale(discordLocale)).toBe(expected);
  });

  it('GIVEN a language the bot does not speak WHEN mapped THEN the fallback (English unless told otherwise)', () => {
    expect(toLocale('de')).toBe('en');
    expect(toLocale('es-ES', 'fr')).toBe('fr');
    expect(toLocale(undefined, 'fr')).toBe('fr');
    expect(toLocale(null)).toBe('en');
  });
});
