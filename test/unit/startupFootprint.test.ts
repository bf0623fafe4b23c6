import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 15: an Intl formatter, collator or segmenter built when the bot's modules load pulls ICU's data into the
 * process (~6 MiB for the first time zone, ~2 MiB for a French collator), in a bot that has shown no date and sorted
 * nothing yet. They are built at first use instead; this guards the idle bot's resident memory.
 */
const INTL_CONSTRUCTORS = [
  'DateTimeFormat',
  'Collator',
  'Segmenter',
  'NumberFormat',
  'PluralRules',
  'RelativeTimeFormat',
  'ListFormat',
  'DisplayNames',
] as const;

type IntlConstructorName = (typeof INTL_CONSTRUCTORS)[number];
const originals = new Map<IntlConstructorName, unknown>();

function countIntlObjects(built: string[]): void {
  const intl = Intl as unknown as Record<IntlConstructorName, object>;
  for (const name of INTL_CONSTRUCTORS) {
    const original = intl[name];
    originals.set(name, original);
    intl[name] = new Proxy(original, {
      construct(target, args, newTarget) {
        built.push(`${name}(${JSON.stringify(args)})`);
        return Reflect.construct(target as new (...values: unknown[]) => object, args, newTarget);
      },
    });
  }
}

afterEach(() => {
  for (const [name, original] of originals) (Intl as unknown as Record<string, unknown>)[name] = original;
});

describe('what loading the bot costs', () => {
  it('GIVEN a fresh process WHEN the modules `npm start` runs are loaded THEN no Intl object is built (ICU data waits for the first date or sort)', async () => {
    const built: string[] = [];
    countIntlObjects(built);

    await import('../../src/bot.js');
    await import('../../src/config.js');

    expect(built).toEqual([]);
  });

  it('GIVEN the loaded modules WHEN a time in a zone is first computed THEN the formatter is built then, and the answer is right', async () => {
    const built: string[] = [];
    countIntlObjects(built);
    const { offsetMinutesAt } = await import('../../src/domain/zonedTime.js');

    expect(offsetMinutesAt('America/Toronto', new Date('2026-12-04T12:00:00Z'))).toBe(-300);
    expect(built.some((call) => call.startsWith('DateTimeFormat'))).toBe(true);
  });
});
