import { beforeEach, describe, expect, it } from 'vitest';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, useWorld, type World } from '../support/e2e.js';
import '../support/matchers.js';
import {
  advanceTo,
  announce,
  announcements,
  dmsOf,
  freshGuild,
  HOUR,
  LANGUAGES,
  MEETUP_START,
  rimouskiMember,
  roleId,
  rsvp,
} from './recapSupport.js';

/**
 * The private side of an announcement's life (issue 16 item 5): the host's heads-up 24 h before a stop nobody else
 * is going to, whose button tells the nearby towns once; and the reminder DM's buttons, "Add to my calendar" and
 * "I can't come anymore" (the seat freed, the waitlist promoted).
 */
const TEXTS = {
  fr: {
    headsUp: 'et personne d’autre n’a encore dit venir',
    widenLabel: 'Prévenir les villes voisines',
    widened: 'C’est fait :',
    widenPing: 'cherche encore du monde',
    already: 'ont déjà été prévenues',
    quiet: 'Ce sont les heures calmes du serveur',
    calendar: 'Ajouter à mon agenda',
    leave: 'Je ne peux plus venir',
    left: 'C’est noté : tu ne viens plus',
    notGoing: 'Tu n’es pas inscrit·e',
    started: 'a déjà commencé : il est trop tard',
    promoted: 'Une place s’est libérée',
    full: '2 / 2 places',
    waiting: 'en liste d’attente',
  },
  'en-US': {
    headsUp: 'and nobody else has said they’re coming yet',
    widenLabel: 'Widen to nearby towns',
    widened: 'Done:',
    widenPing: 'is still looking for people',
    already: 'were already told',
    quiet: 'These are the server’s quiet hours',
    calendar: 'Add to my calendar',
    leave: 'I can’t come anymore',
    left: 'Noted: you are no longer coming',
    notGoing: 'You are not signed up',
    started: 'has already started: it is too late',
    promoted: 'A seat freed up',
    full: '2 / 2 seats',
    waiting: 'on the waitlist',
  },
} as const;

const DAY_BEFORE = new Date(MEETUP_START.getTime() - 24 * HOUR);

type Button = { label?: string; custom_id?: string; url?: string; style?: number };

function buttonsOf(message: EmuMessage | undefined): Button[] {
  return ((message?.components ?? []) as { components?: Button[] }[]).flatMap((row) => row.components ?? []);
}

function dmWithButton(world: World, actor: Actor, prefix: string): EmuMessage | undefined {
  return dmsOf(world, actor).find((message) =>
    buttonsOf(message).some((button) => button.custom_id?.startsWith(prefix)),
  );
}

/** The bot's messages in #voyages that are not announcements (the replies that ping towns). */
function replies(world: World): EmuMessage[] {
  return world
    .channel('#voyages')
    .messages()
    .filter((message) => message.authorId === world.emulator.botUser.id && message.embeds.length === 0);
}

describe.each(LANGUAGES)('heads-up and reminder buttons in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const texts = TEXTS[language.locale];
  let host: Actor;
  beforeEach(async () => {
    await freshGuild(context.world, language);
    host = context.world.join('Hélène', { locale: language.locale });
  });

  it('GIVEN a meetup nobody but its host is going to WHEN 24 h remain THEN the host gets a private heads-up whose button tells the nearby towns once, in one reply to the announcement pinging exactly those roles; pressed again it is refused', async () => {
    const { world } = context;
    const announcement = await announce(world, host, language);
    expect(announcement.pinged.roles).toEqual([roleId(world, 'Rimouski')]);

    await advanceTo(world, new Date(DAY_BEFORE.getTime() - 60_000));
    expect(dmWithButton(world, host, 'headsup:')).toBeUndefined();
    await advanceTo(world, DAY_BEFORE);
    const headsUp = dmWithButton(world, host, 'headsup:');
    expect(headsUp?.content).toContain(texts.headsUp);
    expect(headsUp).toPingNobody();
    expect(buttonsOf(headsUp).map((button) => button.label)).toEqual([texts.widenLabel]);

    const widen = await host.clicks(headsUp!, texts.widenLabel, { locale: language.locale });
    await widen.settled();
    expect(widen.ephemeral).toBe(true);
    expect(widen.text()).toContain(texts.widened);
    const [ping] = replies(world);
    expect(replies(world)).toHaveLength(1);
    expect(ping?.content).toContain(texts.widenPing);
    const told = ping?.pinged.roles ?? [];
    expect(told.length).toBeGreaterThan(0);
    expect(told).not.toContain(roleId(world, 'Rimouski'));
    expect(ping?.allowedMentions).toMatchObject({ parse: [], roles: told, users: [] });
    expect(ping?.pinged.users).toEqual([]);
    expect(ping?.pinged.everyone).toBe(false);
    // Each town told is one the DM named, and the host's answer names them all.
    for (const role of told) {
      const name = world.emulator.roles(world.guild.id).find((candidate) => candidate.id === role)?.name;
      expect(headsUp?.content).toContain(name);
      expect(widen.text()).toContain(`@${name}`);
    }

    const again = await host.clicks(headsUp!, texts.widenLabel, { locale: language.locale });
    await again.settled();
    expect(again.ephemeral).toBe(true);
    expect(again.text()).toContain(texts.already);
    expect(replies(world)).toHaveLength(1);
  });

  it('GIVEN the server keeps quiet hours 11:00–13:00 WHEN the host presses "widen" at noon THEN nobody is pinged and they are told when; pressed after 13:00 it tells the nearby towns', async () => {
    const { world } = context;
    await announce(world, host, language);
    await (await world.owner.runs('/setup', { quiet_hours: '11:00-13:00' }, { locale: language.locale })).settled();

    await advanceTo(world, DAY_BEFORE);
    const headsUp = dmWithButton(world, host, 'headsup:');
    expect(headsUp?.content).toContain(texts.headsUp);
    const early = await host.clicks(headsUp!, texts.widenLabel, { locale: language.locale });
    await early.settled();
    expect(early.ephemeral).toBe(true);
    expect(early.text()).toContain(texts.quiet);
    expect(early.text()).toContain('18:00'); // 13:00 in Toronto, a Discord timestamp (the emulator renders UTC)
    expect(replies(world)).toHaveLength(0);

    await advanceTo(world, new Date(DAY_BEFORE.getTime() + HOUR + 60_000));
    const later = await host.clicks(headsUp!, texts.widenLabel, { locale: language.locale });
    await later.settled();
    expect(later.text()).toContain(texts.widened);
    expect(replies(world)).toHaveLength(1);
    expect(replies(world)[0]?.pinged.roles.length).toBeGreaterThan(0);
  });

  it('GIVEN Alice is going too WHEN 24 h remain THEN the host gets the reminder but no heads-up', async () => {
    const { world } = context;
    const alice = rimouskiMember(world, 'Alice', language);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);

    await advanceTo(world, DAY_BEFORE);
    expect(dmsOf(world, host)).toHaveLength(1);
    expect(dmWithButton(world, host, 'headsup:')).toBeUndefined();
    expect(dmWithButton(world, host, 'leave:')).toBeDefined();
  });

  it('GIVEN a full meetup with Bob waitlisted WHEN Alice presses "I can\'t come anymore" in her reminder THEN her seat goes to Bob, who is told; pressed again, or by Bob after the start, it is refused and nothing changes', async () => {
    const { world } = context;
    const alice = rimouskiMember(world, 'Alice', language);
    const bob = rimouskiMember(world, 'Bob', language);
    const announcement = await announce(world, host, language, { capacity: 2 });
    await rsvp(alice, announcement, 'going', language.locale);
    await rsvp(bob, announcement, 'going', language.locale);

    await advanceTo(world, DAY_BEFORE);
    const reminder = dmWithButton(world, alice, 'leave:');
    const [calendar, leave] = buttonsOf(reminder);
    expect(calendar?.label).toBe(texts.calendar);
    expect(calendar?.url).toMatch(/^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=/);
    expect(calendar?.url).toContain('&dates=20261204T170000Z/20261204T183000Z');
    expect(leave?.label).toBe(texts.leave);
    expect(leave?.custom_id).toMatch(new RegExp(`^leave:${world.guild.id}:\\d+$`));
    expect(dmsOf(world, bob)).toHaveLength(0);

    const left = await alice.clicks(reminder!, texts.leave, { locale: language.locale });
    await left.settled();
    expect(left.ephemeral).toBe(true);
    expect(left.text()).toContain(texts.left);
    await world.settle(() => dmsOf(world, bob).some((message) => message.content.includes(texts.promoted)));
    // Redrawn after Bob's promotion: full, and nobody waiting any more (it read "2 / 2" before, with Bob waiting).
    await world.settle(() => {
      const text = world.emulator.text(announcement.id);
      return text.includes(texts.full) && !text.includes(texts.waiting);
    });
    const seats = world.emulator.text(announcement.id);

    const twice = await alice.clicks(reminder!, texts.leave, { locale: language.locale });
    expect(twice.ephemeral).toBe(true);
    expect(twice.text()).toContain(texts.notGoing);

    await advanceTo(world, new Date(MEETUP_START.getTime() - HOUR));
    const bobReminder = dmWithButton(world, bob, 'leave:');
    expect(bobReminder).toBeDefined();
    await advanceTo(world, new Date(MEETUP_START.getTime() + 60_000));
    const late = await bob.clicks(bobReminder!, texts.leave, { locale: language.locale });
    expect(late.ephemeral).toBe(true);
    expect(late.text()).toContain(texts.started);
    expect(world.emulator.text(announcement.id)).toBe(seats);
    expect(announcements(world)).toHaveLength(1);
  });
});
