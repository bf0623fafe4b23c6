import { beforeEach, describe, expect, it } from 'vitest';
import { useWorld } from '../support/e2e.js';
import '../support/matchers.js';
import {
  advanceTo,
  announce,
  dmsOf,
  freshGuild,
  HOUR,
  LANGUAGES,
  MEETUP_START,
  rimouskiMember,
  rsvp,
  threadMessages,
} from './recapSupport.js';

/** /preferences: what a member sees, and how reminders follow `reminders` and `language`. */
const TEXTS = {
  fr: {
    title: 'Tes préférences sur ce serveur',
    defaults: ['⏰ Rappels : en message privé (par défaut)', '🌙 Heures calmes : aucune (par défaut)'],
    language: '🗣️ Langue : celle de ton Discord (par défaut)',
    saved: '✅ C’est noté.',
    thread: '⏰ Rappels : une mention dans le fil de la rencontre',
    chosen: 'Tu as choisi tes rappels ici plutôt qu’en message privé',
    closedDms: 'Je n’ai pas pu vous l’écrire en message privé',
    other: { code: 'en', title: 'Your preferences on this server', reminder: 'Reminder: meetup #' },
  },
  en: {
    title: 'Your preferences on this server',
    defaults: ['⏰ Reminders: by direct message (default)', '🌙 Quiet hours: none (default)'],
    language: '🗣️ Language: your Discord’s (default)',
    saved: '✅ Saved.',
    thread: '⏰ Reminders: a mention in the meetup’s thread',
    chosen: 'You chose to get your reminders here rather than by direct message',
    closedDms: 'I could not tell you by direct message',
    other: { code: 'fr', title: 'Tes préférences sur ce serveur', reminder: 'Rappel : la rencontre #' },
  },
} as const;

describe.each(LANGUAGES)('/preferences in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const texts = language.locale === 'fr' ? TEXTS.fr : TEXTS.en;
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  it('GIVEN a member who never chose WHEN they run /preferences with no option THEN they privately read the defaults', async () => {
    const alice = rimouskiMember(context.world, 'Alice', language);
    const result = await (await alice.runs('/preferences', {}, { locale: language.locale })).settled();
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toContain(texts.title);
    for (const line of texts.defaults) expect(result.text()).toContain(line);
    expect(result.text()).toContain(texts.language);
  });

  it('GIVEN one member with reminders:thread, one with reminders:off and one with the default WHEN 24 h before THEN the first is mentioned in the thread and gets no DM, the second gets nothing, the third a DM', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const bob = rimouskiMember(world, 'Bob', language);
    const carol = rimouskiMember(world, 'Carol', language);
    const chose = await (
      await alice.runs('/preferences', { reminders: 'thread' }, { locale: language.locale })
    ).settled();
    expect(chose.ephemeral).toBe(true);
    expect(chose.text()).toContain(texts.saved);
    expect(chose.text()).toContain(texts.thread);
    await (await bob.runs('/preferences', { reminders: 'off' }, { locale: language.locale })).settled();
    const announcement = await announce(world, host, language);
    for (const member of [alice, bob, carol]) await rsvp(member, announcement, 'going', language.locale);

    await advanceTo(world, new Date(MEETUP_START.getTime() - 24 * HOUR));

    expect(dmsOf(world, alice)).toHaveLength(0);
    expect(dmsOf(world, bob)).toHaveLength(0);
    expect(dmsOf(world, carol)).toHaveLength(1);
    const thread = threadMessages(world, announcement);
    expect(thread).toHaveLength(1);
    expect(thread[0]?.content).toContain(`<@${alice.id}>`);
    expect(thread[0]?.content).toContain(texts.chosen);
    expect(thread[0]?.content).not.toContain(texts.closedDms);
    expect(thread[0]?.content).not.toContain(`<@${bob.id}>`);
    expect(thread[0]?.allowedMentions).toEqual({ parse: [], users: [alice.id] });

    await advanceTo(world, new Date(MEETUP_START.getTime() - HOUR));
    expect(dmsOf(world, alice)).toHaveLength(0);
    expect(dmsOf(world, bob)).toHaveLength(0);
    expect(dmsOf(world, carol)).toHaveLength(2);
    expect(threadMessages(world, announcement)).toHaveLength(2);
    expect(threadMessages(world, announcement).some((message) => message.content.includes(`<@${bob.id}>`))).toBe(false);
  });

  it('GIVEN a member who chose the other language WHEN they run a command and get a reminder THEN both are in the language they chose, not their Discord’s', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const chose = await (
      await alice.runs('/preferences', { language: texts.other.code }, { locale: language.locale })
    ).settled();
    expect(chose.text()).toContain(texts.other.title);
    const again = await (await alice.runs('/preferences', {}, { locale: language.locale })).settled();
    expect(again.text()).toContain(texts.other.title);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);

    await advanceTo(world, new Date(MEETUP_START.getTime() - 24 * HOUR));

    const [reminder] = dmsOf(world, alice);
    expect(reminder?.content).toContain(texts.other.reminder);
    expect(reminder).toPingNobody();
    const hostReminder = dmsOf(world, host).at(-1);
    expect(hostReminder?.content).toContain(language.remindHeading);
  });
});
