import { describe, expect, it } from 'vitest';
import { LanguageChoices, memberAnswerLanguage } from '../../src/app/preferences.js';
import { updateMemberPreferences } from '../../src/db/repositories/memberPreferences.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const CHLOE = '200000000000000003';
const NOW = new Date('2026-11-25T15:00:00Z');

describe.each(testDatabaseKinds())('the language of answers, kept in the process, on %s', (kind) => {
  const database = useTestDatabase(kind);
  let now = NOW;
  const deps = () => ({ db: database.db, clock: { now: () => now } });

  async function choose(userId: string, language: 'auto' | 'fr' | 'en', guildId = GUILD) {
    await updateMemberPreferences(database.db, { guildId, userId, language, now });
  }

  it('GIVEN members who chose English and French in /preferences WHEN each of them and a member who never chose interacts THEN each is answered in their choice, the others in their Discord’s language', async () => {
    await choose(ALICE, 'en');
    await choose(BOB, 'fr');
    await choose(CHLOE, 'en', OTHER_GUILD);
    const choices = new LanguageChoices();
    expect(await memberAnswerLanguage(deps(), choices, GUILD, ALICE, 'fr')).toBe('en');
    expect(await memberAnswerLanguage(deps(), choices, GUILD, BOB, 'en')).toBe('fr');
    expect(await memberAnswerLanguage(deps(), choices, GUILD, CHLOE, 'fr')).toBe('fr');
    expect(await memberAnswerLanguage(deps(), choices, OTHER_GUILD, CHLOE, 'fr')).toBe('en');
  });

  it('GIVEN the guild’s choices were read WHEN a member changes theirs through /preferences (which tells the cache) THEN the next answer follows it, and "auto" goes back to their Discord’s language', async () => {
    const choices = new LanguageChoices();
    expect(await memberAnswerLanguage(deps(), choices, GUILD, ALICE, 'fr')).toBe('fr');
    await choose(ALICE, 'en');
    choices.remember(GUILD, ALICE, 'en', now.getTime());
    expect(await memberAnswerLanguage(deps(), choices, GUILD, ALICE, 'fr')).toBe('en');
    await choose(ALICE, 'auto');
    choices.remember(GUILD, ALICE, 'auto', now.getTime());
    expect(await memberAnswerLanguage(deps(), choices, GUILD, ALICE, 'fr')).toBe('fr');
  });

  it('GIVEN a choice saved by another process WHEN the guild’s choices are older than ten minutes THEN they are read again and the choice is followed', async () => {
    const choices = new LanguageChoices();
    expect(await memberAnswerLanguage(deps(), choices, GUILD, BOB, 'fr')).toBe('fr');
    await choose(BOB, 'en');
    expect(await memberAnswerLanguage(deps(), choices, GUILD, BOB, 'fr')).toBe('fr');
    now = new Date(NOW.getTime() + 10 * 60_000 + 1);
    expect(await memberAnswerLanguage(deps(), choices, GUILD, BOB, 'fr')).toBe('en');
    now = NOW;
  });

  it('GIVEN a guild with more choices than the process keeps WHEN its members interact THEN each is still answered in their choice (read member by member)', async () => {
    await choose(ALICE, 'en');
    await choose(BOB, 'en');
    await choose(CHLOE, 'fr');
    const choices = new LanguageChoices({ maxChoicesPerGuild: 2 });
    expect(await memberAnswerLanguage(deps(), choices, GUILD, ALICE, 'fr')).toBe('en');
    expect(await memberAnswerLanguage(deps(), choices, GUILD, BOB, 'fr')).toBe('en');
    expect(await memberAnswerLanguage(deps(), choices, GUILD, CHLOE, 'en')).toBe('fr');
    expect(await memberAnswerLanguage(deps(), choices, GUILD, '200000000000000009', 'en')).toBe('en');
  });
});
