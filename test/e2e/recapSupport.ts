import { expect } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, DEFAULT_START, type World } from '../../src/sandbox/world.js';

/** Helpers shared by the reminders and recap end-to-end tests (the world of test/support/e2e.ts). */

export const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    when: '4 décembre midi',
    whenLater: '5 décembre 18 h',
    nextWhen: '10 décembre midi',
    remindHeading: 'Rappel : la rencontre #',
    remindVenue: '📍 Lieu : Café du Port',
    remindTopic: '💬 Sujet : IA et PME',
    remindThread: 'Je n’ai pas pu vous l’écrire en message privé',
    threadName: 'Récap · Rimouski · 4 déc.',
    core: 'Voici le noyau de cette rencontre :',
    count: (n: number, m: number) => `👥 **${n}** sur **${m}** membres de Rimouski avaient dit venir`,
    countVisitors: (n: number, local: number, m: number) =>
      `👥 **${n}** avaient dit venir, dont **${local}** sur **${m}** membres de Rimouski`,
    invite: 'Partagez ici vos photos et vos notes',
    buttons: ['J’étais là', 'Annoncer ma prochaine rencontre'],
    thanks: (ordinal: string) => `C’était ta ${ordinal} rencontre`,
    first: '1re',
    already: 'C’était déjà noté',
    created: 'C’est annoncé ! Rencontre **#',
    notesTitle: 'Les notes de l’hôte',
    notesSaved: 'Tes notes sont ajoutées au récap',
    notHost: 'Seul·e l’hôte de la rencontre',
    welcomeBack: '2e rencontre, content de te revoir !',
    historyTitle: 'Rencontres passées',
    historyPage: (page: number, pages: number) => `Page ${page} sur ${pages}`,
    historyYours: (count: number) => `Toi : ${count} rencontre(s)`,
    historyLine: (going: number, attended: number) => `👥 ${going} avaient dit venir · ✅ ${attended} y étaient`,
    unknownTown: 'Matan',
  },
  {
    name: 'English',
    locale: 'en-US',
    when: 'December 4 at noon',
    whenLater: 'December 5 6pm',
    nextWhen: 'December 10 at noon',
    remindHeading: 'Reminder: meetup #',
    remindVenue: '📍 Venue: Café du Port',
    remindTopic: '💬 Topic: IA et PME',
    remindThread: 'I could not tell you by direct message',
    threadName: 'Recap · Rimouski · Dec 4',
    core: 'Here is the core of this meetup:',
    count: (n: number, m: number) => `👥 **${n}** of **${m}** members in Rimouski said they would come`,
    countVisitors: (n: number, local: number, m: number) =>
      `👥 **${n}** said they would come, including **${local}** of the **${m}** members in Rimouski`,
    invite: 'Share your photos and notes from the meetup here!',
    buttons: ['I was there', 'Announce my next trip'],
    thanks: (ordinal: string) => `That was your ${ordinal} meetup`,
    first: '1st',
    already: 'Already noted',
    created: 'Announced! Meetup **#',
    notesTitle: 'The host’s notes',
    notesSaved: 'Your notes were added to the recap',
    notHost: 'Only the host of meetup',
    welcomeBack: '2nd meetup, welcome back!',
    historyTitle: 'Past meetups',
    historyPage: (page: number, pages: number) => `Page ${page} of ${pages}`,
    historyYours: (count: number) => `You: ${count} meetup(s)`,
    historyLine: (going: number, attended: number) => `👥 ${going} said they would come · ✅ ${attended} were there`,
    unknownTown: 'Matan',
  },
] as const;

export type TestLanguage = (typeof LANGUAGES)[number];

/** Friday 2026-12-04 12:00 in Toronto: the meetup of these tests. */
export const MEETUP_START = new Date('2026-12-04T17:00:00Z');
export const HOUR = 3_600_000;

/** A new guild of that language with the Bas-Saint-Laurent towns, announcements going to #voyages. */
export async function freshGuild(world: World, language: TestLanguage): Promise<void> {
  world.clock.set(DEFAULT_START);
  world.createGuild({ preferredLocale: language.locale });
  // No welcome messages in these tests: they are the onboarding's story.
  world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
  await deployCommands(world.config());
  await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' })).settled();
  await (await world.owner.runs('/setup', { trips_channel: '#voyages' })).settled();
}

export function roleId(world: World, name: string): string {
  const role = world.role(name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

/** A member of Rimouski (holding its role). */
export function rimouskiMember(world: World, name: string, language: TestLanguage, dmClosed = false): Actor {
  return world.join(name, { locale: language.locale, roles: [roleId(world, 'Rimouski')], dmClosed });
}

/** The bot's announcements in #voyages, oldest first. */
export function announcements(world: World): EmuMessage[] {
  return world
    .channel('#voyages')
    .messages()
    .filter((message) => message.authorId === world.emulator.botUser.id && message.embeds.length > 0);
}

export function lastAnnouncement(world: World): EmuMessage {
  const message = announcements(world).at(-1);
  if (!message) throw new Error('no announcement');
  return message;
}

export function tripIdOf(announcement: EmuMessage): number {
  // Once the meetup is over the announcement has no buttons left: read them from its first version.
  const components = [announcement.components, ...announcement.history.map((version) => version.components)];
  const match = /"custom_id":"rsvp:(\d+):going"/.exec(JSON.stringify(components));
  if (!match) throw new Error('not an announcement');
  return Number(match[1]);
}

export async function announce(
  world: World,
  actor: Actor,
  language: TestLanguage,
  options: Record<string, string | number> = {},
): Promise<EmuMessage> {
  const result = await actor.runs(
    '/trip new',
    { town: 'Rimouski', when: language.when, topic: 'IA et PME', venue: 'Café du Port', ...options },
    { locale: language.locale },
  );
  await result.settled();
  expect(result.text()).toContain(language.created);
  return lastAnnouncement(world);
}

export async function rsvp(actor: Actor, announcement: EmuMessage, response: 'going' | 'maybe' | 'no', locale: string) {
  const result = await actor.clicks(announcement, response, { locale });
  expect(result.timedOut).toBe(false);
  return result;
}

/** Moves the clock to `instant` and runs what became due. */
export async function advanceTo(world: World, instant: Date | string): Promise<void> {
  const target = new Date(instant).getTime();
  const now = world.clock.now().getTime();
  if (target < now) throw new Error(`cannot go back in time to ${new Date(instant).toISOString()}`);
  await world.advance(target - now);
}

/** DMs the bot sent to this member. */
export function dmsOf(world: World, actor: Actor): EmuMessage[] {
  return actor.dms().filter((message) => message.authorId === world.emulator.botUser.id);
}

/** Messages of the announcement's thread, oldest first (none when there is no thread). */
export function threadMessages(world: World, announcement: EmuMessage): EmuMessage[] {
  return world.threadOf(announcement)?.messages() ?? [];
}

/** The recap messages (those with the "I was there" button) in the announcement's thread. */
export function recapMessages(world: World, announcement: EmuMessage): EmuMessage[] {
  return threadMessages(world, announcement).filter((message) =>
    JSON.stringify(message.components).includes(':attended"'),
  );
}

export function buttonLabels(message: EmuMessage): string[] {
  return (message.components as { components?: { label?: string }[] }[]).flatMap((row) =>
    (row.components ?? []).map((button) => button.label ?? ''),
  );
}
