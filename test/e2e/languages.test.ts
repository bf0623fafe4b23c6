import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { useWorld, type World } from '../support/e2e.js';
import '../support/matchers.js';
import {
  advanceTo,
  announce,
  buttonLabels,
  dmsOf,
  freshGuild,
  HOUR,
  LANGUAGES,
  MEETUP_START,
  recapMessages,
  rimouskiMember,
  rsvp,
  threadMessages,
  tripIdOf,
} from './recapSupport.js';

/**
 * A guild and a member who speak different languages. The rule (README, "Languages"): what the member alone reads in
 * answer to what they did (ephemeral replies) follows their Discord language; everything else follows the guild's
 * language (/setup language, else the server's language): the announcement, the thread notices, the recap, the
 * welcome, AND the DMs (reminders, "a seat freed up"), because a DM is sent by the scheduler or for someone else's
 * click, with no interaction of that member to read a language from.
 */
const TEXTS = {
  fr: {
    ...LANGUAGES[0],
    content: 'Nouvelle rencontre à **Rimouski**',
    local: 'vendredi 4 décembre 2026, 12 h 00, heure de l’Est',
    rsvpButtons: ['Je viens', 'Peut-être', 'Je ne peux pas'],
    youAreGoing: 'C’est noté, tu viens !',
    edited: /La rencontre #\d+ à \*\*Rimouski\*\* a changé :/,
    cancelled: /La rencontre #\d+ à \*\*Rimouski\*\*/,
    cancelledTail: 'est **annulée**',
    promotedDm: /^Bonne nouvelle ! Une place s’est libérée pour la rencontre #\d+ à \*\*Rimouski\*\*/,
    welcome: /^Bienvenue <@\d+> !/,
  },
  en: {
    ...LANGUAGES[1],
    content: 'New meetup in **Rimouski**',
    local: 'Friday, December 4, 2026, 12:00 PM, Eastern Time',
    rsvpButtons: ['Going', 'Maybe', 'Can’t go'],
    youAreGoing: 'You’re going!',
    edited: /Meetup #\d+ in \*\*Rimouski\*\* changed:/,
    cancelled: /Meetup #\d+ in \*\*Rimouski\*\*/,
    cancelledTail: 'is **cancelled**',
    promotedDm: /^Good news! A seat freed up for meetup #\d+ in \*\*Rimouski\*\*/,
    welcome: /^Welcome <@\d+>!/,
  },
} as const;

const PAIRS = [
  { name: 'a French guild and English-speaking members', guild: TEXTS.fr, member: TEXTS.en },
  { name: 'an English guild and French-speaking members', guild: TEXTS.en, member: TEXTS.fr },
] as const;

/** The recap is due 30 min after the 90-minute meetup. */
const RECAP_AT = new Date(MEETUP_START.getTime() + 2 * HOUR);

function shown(world: World, message: EmuMessage): string {
  return world.emulator.text(message.id);
}

describe.each(PAIRS)('$name', ({ guild, member }) => {
  const context = useWorld({ preferredLocale: guild.locale });
  beforeEach(async () => {
    await freshGuild(context.world, guild);
  });

  it(`GIVEN ${guild.name === 'French' ? 'a French' : 'an English'} guild WHEN a member whose Discord is in ${member.name} announces a trip, typing the date in ${member.name} THEN they are answered in ${member.name} and the announcement is in ${guild.name}, wall clock included`, async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: member.locale });
    // announce() checks the ephemeral confirmation is in the member's language.
    const announcement = await announce(world, host, member);
    expect(announcement.content).toContain(guild.content);
    expect(shown(world, announcement)).toContain(guild.local);
    expect(buttonLabels(announcement).slice(0, 3)).toEqual(guild.rsvpButtons);

    const alice = rimouskiMember(world, 'Alice', member);
    const click = await rsvp(alice, announcement, 'going', member.locale);
    expect(click.ephemeral).toBe(true);
    expect(click.text()).toContain(member.youAreGoing);
  });

  it(`GIVEN members whose Discord is in ${member.name} going to a trip of ${guild.name === 'French' ? 'a French' : 'an English'} guild WHEN reminded, then after the meetup THEN reminder DMs follow the guild's language (${guild.name}), not the member's, and so does the recap thread`, async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: member.locale });
    const alice = rimouskiMember(world, 'Alice', member);
    const announcement = await announce(world, host, member);
    await rsvp(alice, announcement, 'going', member.locale);

    await advanceTo(world, new Date(MEETUP_START.getTime() - 24 * HOUR));
    const [reminder] = dmsOf(world, alice);
    expect(reminder?.content).toContain(guild.remindHeading);
    expect(reminder?.content).toContain(guild.remindVenue);
    expect(reminder?.content).toContain(guild.local); // the community's clock, its zone by name
    expect(dmsOf(world, host)[0]?.content).toContain(guild.remindHeading);

    await advanceTo(world, RECAP_AT);
    const [recap] = recapMessages(world, announcement);
    expect(recap?.content).toContain(guild.core);
    expect(recap?.content).toContain(guild.invite);
    expect(buttonLabels(recap!)).toEqual(guild.buttons);
    expect(world.threadOf(announcement)?.channel.name).toBe(guild.threadName);
  });

  it(`GIVEN a full trip of ${guild.name === 'French' ? 'a French' : 'an English'} guild and members whose Discord is in ${member.name} WHEN the host edits it, a seat frees up and it is cancelled THEN the thread notices and the promoted member's DM are in ${guild.name}`, async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: member.locale });
    const alice = rimouskiMember(world, 'Alice', member);
    const bob = rimouskiMember(world, 'Bob', member);
    const announcement = await announce(world, host, member, { capacity: 2 });
    const tripId = tripIdOf(announcement);
    await rsvp(alice, announcement, 'going', member.locale);
    await rsvp(bob, announcement, 'going', member.locale);

    const edit = await host.runs('/trip edit', { trip: String(tripId), topic: 'Robotique' }, { locale: member.locale });
    await edit.settled();
    await world.settle(() => threadMessages(world, announcement).length >= 1);
    expect(threadMessages(world, announcement)[0]?.content).toMatch(guild.edited);

    // Hélène (host, going) leaves: Bob, first on the waitlist, takes her seat and is told by DM.
    await rsvp(host, announcement, 'no', member.locale);
    await world.settle(() => dmsOf(world, bob).length >= 1);
    expect(dmsOf(world, bob)[0]?.content).toMatch(guild.promotedDm);

    const cancel = await host.runs('/trip cancel', { trip: String(tripId) }, { locale: member.locale });
    await cancel.settled();
    await world.settle(() =>
      threadMessages(world, announcement).some((message) => message.content.includes(guild.cancelledTail)),
    );
    const notice = threadMessages(world, announcement).at(-1);
    expect(notice?.content).toMatch(guild.cancelled);
    expect(notice?.content).toContain(guild.cancelledTail);
  });

  it(`GIVEN ${guild.name === 'French' ? 'a French' : 'an English'} guild with a welcome channel WHEN a member whose Discord is in ${member.name} joins THEN the welcome is in ${guild.name}`, async () => {
    const { world } = context;
    await (await world.owner.runs('/setup', { welcome_channel: '#bienvenue' })).settled();
    const newcomer = world.join('Zoé', { locale: member.locale });
    const welcomeOf = () =>
      world
        .channel('#bienvenue')
        .messages()
        .find((message) => message.authorId === world.emulator.botUser.id && message.content.includes(newcomer.id));
    await world.settle(() => welcomeOf() !== undefined);
    expect(welcomeOf()?.content).toMatch(guild.welcome);
    expect(welcomeOf()?.pinged).toEqual({ users: [newcomer.id], roles: [], everyone: false });
  });
});
