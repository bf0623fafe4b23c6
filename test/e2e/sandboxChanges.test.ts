import { describe, expect, it } from 'vitest';
import { SandboxSession } from '../../src/sandbox/session.js';
import { useWorld } from '../support/e2e.js';

/** The sandbox as a newcomer reads it: after a step, an edited announcement shows only what changed on it. */
const LANGUAGES = [
  { name: 'French', locale: 'fr', lang: '', when: '4 décembre midi', going: 'Je viens', posted: 'Nouvelle rencontre' },
  { name: 'English', locale: 'en-US', lang: ' en', when: 'December 4 noon', going: 'Going', posted: 'New meetup' },
] as const;

describe.each(LANGUAGES)('the sandbox prints what changed on the announcement, in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });

  it('GIVEN an announcement WHEN a member clicks going and time moves on THEN the step prints the announcement’s changed lines, not the whole message again', async () => {
    const { world } = context;
    const printed: string[] = [];
    const session = new SandboxSession(world, (text) => printed.push(text));
    await session.run('/town preset region:bas-saint-laurent');
    await session.run(`join Alice${language.lang}`);
    await session.run(`/trip new town:Rimouski when:"${language.when}"`);
    await session.run(`join Bob${language.lang}`);

    printed.length = 0;
    await session.run('click going');
    const change = printed.find((text) => text.includes('(changed)'));
    expect(change, printed.join('\n')).toBeDefined();
    expect(change).toMatch(new RegExp(`- +┃ ${language.going}: 1`));
    expect(change).toMatch(new RegExp(`\\+ +┃ ${language.going}: 2`));
    // Only the changed lines: the message's text, which stays, is not printed again.
    expect(change).not.toContain(language.posted);

    printed.length = 0;
    await session.run('advance 1h');
    expect(printed[0]).toMatch(/^→ it is now \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(printed.join('\n')).not.toContain(`${language.going}: 2`); // nothing changed: nothing reprinted
  });
});
