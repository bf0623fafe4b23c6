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
  tripIdOf,
} from './recapSupport.js';

describe.each(LANGUAGES)('reminders in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  it('GIVEN members going, one with closed DMs, one maybe and one not coming WHEN 24 h then 1 h before THEN those going get a DM each time, and the closed-DM member is mentioned alone in the announcement thread each time', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const bob = rimouskiMember(world, 'Bob', language, true);
    const carol = rimouskiMember(world, 'Carol', language);
    const dave = rimouskiMember(world, 'Dave', language);
    const announcement = await announce(world, host, language);
    const tripId = tripIdOf(announcement);
    await rsvp(alice, announcement, 'going', language.locale);
    await rsvp(bob, announcement, 'going', language.locale);
    await rsvp(carol, announcement, 'maybe', language.locale);
    await rsvp(dave, announcement, 'no', language.locale);

    await advanceTo(world, new Date(MEETUP_START.getTime() - 24 * HOUR - 60_000));
    expect(dmsOf(world, alice)).toHaveLength(0);

    await advanceTo(world, new Date(MEETUP_START.getTime() - 24 * HOUR));
    const [first] = dmsOf(world, alice);
    const startSeconds = MEETUP_START.getTime() / 1000;
    expect(first?.content).toContain(`${language.remindHeading}${tripId}`);
    expect(first?.content).toContain('**Rimouski**');
    expect(first?.content).toContain(`<t:${startSeconds}:R>`);
    expect(first?.content).toContain(`<t:${startSeconds}:F>`);
    expect(first?.content).toContain(language.remindVenue);
    expect(first?.content).toContain(language.remindTopic);
    expect(first?.content).toContain(
      `https://discord.com/channels/${world.guild.id}/${announcement.channelId}/${announcement.id}`,
    );
    expect(first).toPingNobody();
    expect(first?.allowedMentions).toEqual({ parse: [], users: [] });
    expect(dmsOf(world, host)).toHaveLength(1);
    expect(dmsOf(world, carol)).toHaveLength(0);
    expect(dmsOf(world, dave)).toHaveLength(0);
    expect(dmsOf(world, bob)).toHaveLength(0);
    const [fallback] = threadMessages(world, announcement);
    expect(fallback?.content).toContain(language.remindThread);
    expect(fallback?.pinged).toEqual({ users: [bob.id], roles: [], everyone: false });
    expect(fallback?.allowedMentions).toEqual({ parse: [], users: [bob.id] });

    await advanceTo(world, new Date(MEETUP_START.getTime() - HOUR));
    expect(dmsOf(world, alice)).toHaveLength(2);
    expect(dmsOf(world, host)).toHaveLength(2);
    expect(dmsOf(world, alice)[1]?.content).toContain(`<t:${startSeconds}:R>`);
    const thread = threadMessages(world, announcement);
    expect(thread).toHaveLength(2);
    expect(thread[1]?.pinged.users).toEqual([bob.id]);

    // Nothing more, however often the scheduler looks again.
    await advanceTo(world, new Date(MEETUP_START.getTime() + 10 * 60_000));
    expect(dmsOf(world, alice)).toHaveLength(2);
    expect(threadMessages(world, announcement)).toHaveLength(2);
  });

  it('GIVEN the guild reminds "maybe" too and only 2 h before WHEN that time comes THEN members going and maybe get exactly one DM', async () => {
    const { world } = context;
    await (await world.owner.runs('/setup', { reminders: '2h', remind_maybe: true })).settled();
    const host = world.join('Hélène', { locale: language.locale });
    const carol = rimouskiMember(world, 'Carol', language);
    const announcement = await announce(world, host, language);
    await rsvp(carol, announcement, 'maybe', language.locale);
    await advanceTo(world, new Date(MEETUP_START.getTime() - 24 * HOUR));
    expect(dmsOf(world, carol)).toHaveLength(0);
    await advanceTo(world, new Date(MEETUP_START.getTime() - 2 * HOUR));
    expect(dmsOf(world, carol)).toHaveLength(1);
    // Besides the host's heads-up (nobody else is going yet: test/e2e/announcementLifeDms.test.ts).
    expect(dmsOf(world, host).filter((dm) => dm.content.includes(language.remindHeading))).toHaveLength(1);
    await advanceTo(world, new Date(MEETUP_START.getTime() - 30 * 60_000));
    expect(dmsOf(world, carol)).toHaveLength(1);
  });

  it('GIVEN a trip moved one day later WHEN the old reminder times pass THEN nothing is sent, and the reminders come before the new time', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);
    const edited = await host.runs(
      '/trip edit',
      { trip: String(tripIdOf(announcement)), when: language.whenLater },
      { locale: language.locale },
    );
    await edited.settled();
    const newStart = new Date('2026-12-05T23:00:00Z');
    await advanceTo(world, new Date(MEETUP_START.getTime() - 30 * 60_000));
    expect(dmsOf(world, alice)).toHaveLength(0);
    await advanceTo(world, new Date(newStart.getTime() - 24 * HOUR));
    expect(dmsOf(world, alice)).toHaveLength(1);
    expect(dmsOf(world, alice)[0]?.content).toContain(`<t:${newStart.getTime() / 1000}:R>`);
    await advanceTo(world, new Date(newStart.getTime() - HOUR));
    expect(dmsOf(world, alice)).toHaveLength(2);
  });

  it('GIVEN a cancelled trip WHEN its reminder times pass THEN nobody is reminded', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);
    await (
      await host.runs('/trip cancel', { trip: String(tripIdOf(announcement)) }, { locale: language.locale })
    ).settled();
    await advanceTo(world, new Date(MEETUP_START.getTime() + 3 * HOUR));
    expect(dmsOf(world, alice)).toHaveLength(0);
    expect(dmsOf(world, host)).toHaveLength(0);
  });

  it('GIVEN the bot was down through both reminder times WHEN it comes back before the start THEN only the closest reminder is sent; after the start, none', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);
    // The scheduler only looks when told (advance): jumping the clock is the bot being down meanwhile.
    world.clock.set(new Date(MEETUP_START.getTime() - 30 * 60_000));
    await world.bot.scheduler.runDue();
    expect(dmsOf(world, alice)).toHaveLength(1);

    const late = await announce(world, host, language, { when: language.whenLater });
    await rsvp(alice, late, 'going', language.locale);
    world.clock.set(new Date('2026-12-05T23:05:00Z'));
    await world.bot.scheduler.runDue();
    expect(dmsOf(world, alice)).toHaveLength(1);
  });
});
