import { beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { Permission } from '../../src/emulator/permissions.js';
import { type Actor, DEFAULT_START } from '../../src/sandbox/world.js';
import { useWorld, type World } from '../support/e2e.js';

/** What a member reads, per language: fragments of the texts, not message keys. */
const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    when: '4 décembre midi',
    whenLater: '5 décembre 18 h',
    understood: '✅ vendredi 4 décembre 2026, 12 h 00',
    local: 'vendredi 4 décembre 2026, 12 h 00, heure de l’Est',
    localLater: 'samedi 5 décembre 2026, 18 h 00, heure de l’Est',
    created: 'C’est annoncé ! Rencontre **#',
    content: 'Nouvelle rencontre à **Rimouski**',
    going: 'Je viens: 1 / 8 places',
    buttons: ['Je viens', 'Peut-être', 'Je ne peux pas', 'Ajouter à Google Agenda'],
    summary: 'SUMMARY:Rencontre à Rimouski : IA et PME',
    nonexistent: 'n’existe pas le 2026-03-08',
    ambiguous: 'arrive deux fois le 2026-11-01',
    noHour: 'Il manque l’heure',
    budget: 'Annoncée **sans notification**',
    cooldown: 'déjà notifié il y a moins de 60 minutes',
    listTitle: 'Rencontres à venir',
    next: 'Suivant',
    page2: 'Page 2 sur 2',
    notAllowed: 'Seul·e l’hôte de la rencontre',
    edited: 'modifiée',
    changedNotice: 'a changé',
    capacityBelow: 'personne n’est retiré',
    cancelledTitle: '❌ Annulée · Rimouski',
    cancelledNotice: 'est **annulée**',
    cancelledReply: 'annulée',
    rsvpCancelled: 'est annulée : on ne peut plus y répondre',
    showGoing: 'Participant·e·s',
  },
  {
    name: 'English',
    locale: 'en-US',
    when: 'December 4 at noon',
    whenLater: 'December 5 6pm',
    understood: '✅ Friday, December 4, 2026, 12:00 PM',
    local: 'Friday, December 4, 2026, 12:00 PM, Eastern Time',
    localLater: 'Saturday, December 5, 2026, 6:00 PM, Eastern Time',
    created: 'Announced! Meetup **#',
    content: 'New meetup in **Rimouski**',
    going: 'Going: 1 / 8 seats',
    buttons: ['Going', 'Maybe', 'Can’t go', 'Add to Google Calendar'],
    summary: 'SUMMARY:Meetup in Rimouski: IA et PME',
    nonexistent: 'does not exist on 2026-03-08',
    ambiguous: 'happens twice on 2026-11-01',
    noHour: 'The time is missing',
    budget: 'Posted **without notifying anyone**',
    cooldown: 'already notified less than 60 minutes ago',
    listTitle: 'Upcoming meetups',
    next: 'Next',
    page2: 'Page 2 of 2',
    notAllowed: 'Only the host of meetup',
    edited: 'updated',
    changedNotice: 'changed',
    capacityBelow: 'nobody is removed',
    cancelledTitle: '❌ Cancelled · Rimouski',
    cancelledNotice: 'is **cancelled**',
    cancelledReply: 'cancelled',
    rsvpCancelled: 'is cancelled: it no longer takes answers',
    showGoing: 'Going',
  },
] as const;

type Language = (typeof LANGUAGES)[number];

/** A new guild of that language with the Bas-Saint-Laurent towns, announcements going to #voyages. */
async function freshGuild(world: World, language: Language): Promise<void> {
  world.clock.set(DEFAULT_START);
  world.createGuild({ preferredLocale: language.locale });
  // No welcome messages in these tests: they are the onboarding's story.
  world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
  await deployCommands(world.config());
  await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' })).settled();
  await (await world.owner.runs('/setup', { trips_channel: '#voyages' })).settled();
}

function roleId(world: World, name: string): string {
  const role = world.role(name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

/** The bot's announcements in #voyages, oldest first. */
function announcements(world: World): EmuMessage[] {
  return world
    .channel('#voyages')
    .messages()
    .filter((message) => message.authorId === world.emulator.botUser.id && message.embeds.length > 0);
}

function lastAnnouncement(world: World): EmuMessage {
  const message = announcements(world).at(-1);
  if (!message) throw new Error('no announcement');
  return message;
}

function text(world: World, message: EmuMessage): string {
  return world.emulator.text(message.id);
}

function buttons(message: EmuMessage): { label?: string; custom_id?: string; url?: string; disabled?: boolean }[] {
  return (message.components as { components?: Record<string, unknown>[] }[]).flatMap(
    (row) => (row.components ?? []) as { label?: string; custom_id?: string; url?: string; disabled?: boolean }[],
  );
}

async function announce(
  actor: Actor,
  language: Language,
  options: Record<string, string | number> = {},
): Promise<Awaited<ReturnType<Actor['runs']>>> {
  const result = await actor.runs(
    '/trip new',
    { town: 'Rimouski', when: language.when, ...options },
    { locale: language.locale },
  );
  return result.settled();
}

describe.each(LANGUAGES)('trips in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  it('GIVEN members of Rimouski WHEN a member announces a trip there THEN one announcement pings exactly the Rimouski role, shows the time three ways, offers the buttons, a calendar link and an .ics, and mirrors a Discord event', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const reply = await announce(host, language, { topic: 'IA et PME', venue: 'Café du Port', capacity: 8 });

    expect(reply.ephemeral).toBe(true);
    expect(reply.text()).toContain(language.created);
    expect(reply.original()).toPingNobody();
    const message = lastAnnouncement(world);
    const rimouski = roleId(world, 'Rimouski');
    expect(message.pinged).toEqual({ users: [], roles: [rimouski], everyone: false });
    expect(message.allowedMentions).toEqual({ parse: [], roles: [rimouski], users: [] });
    expect(message.content).toContain(`<@&${rimouski}>`);
    expect(message.content).toContain(language.content);
    const shown = text(world, message);
    expect(message.embeds[0]?.fields).toContainEqual(
      expect.objectContaining({ value: expect.stringContaining('<t:1796403600:F>') }),
    );
    expect(message.embeds[0]?.fields).toContainEqual(
      expect.objectContaining({ value: expect.stringContaining('<t:1796403600:R>') }),
    );
    expect(shown).toContain(language.local);
    expect(shown).toContain('Café du Port');
    expect(shown).toContain('IA et PME');
    expect(shown).toContain(`@Hélène`);
    expect(shown).toContain(language.going);

    const [going, maybe, no, calendar] = buttons(message);
    expect([going, maybe, no, calendar].map((button) => button?.label)).toEqual(language.buttons);
    const tripId = Number(/rsvp:(\d+):going/.exec(going?.custom_id ?? '')?.[1]);
    expect([going, maybe, no].map((button) => button?.custom_id)).toEqual([
      `rsvp:${tripId}:going`,
      `rsvp:${tripId}:maybe`,
      `rsvp:${tripId}:no`,
    ]);
    expect(calendar?.url).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?action=TEMPLATE&text=.+&dates=20261204T170000Z\/20261204T183000Z&.*location=Caf%C3%A9%20du%20Port%2C%20Rimouski/,
    );
    const [ics] = message.attachments;
    expect(ics?.filename).toBe(`escale-trip-${tripId}.ics`);
    expect(ics?.text).toContain(`\r\nUID:trip-${tripId}@escale\r\n`);
    expect(ics?.text).toContain('\r\nDTSTART:20261204T170000Z\r\nDTEND:20261204T183000Z\r\n');
    expect(ics?.text).toContain('\r\nLOCATION:Café du Port\\, Rimouski\r\n');
    expect(ics?.text).toContain(language.summary);

    const [event] = world.emulator.scheduledEvents(world.guild.id);
    expect(event).toMatchObject({
      entityType: 3,
      location: 'Café du Port, Rimouski',
      scheduledStartTime: new Date('2026-12-04T17:00:00Z'),
      scheduledEndTime: new Date('2026-12-04T18:30:00Z'),
    });
  });

  it('GIVEN a member who types @everyone, a role and a user in the topic and venue WHEN the trip is announced THEN only the Rimouski role is pinged and the typed mentions are inert', async () => {
    const { world } = context;
    const alice = world.join('Alice', { locale: language.locale });
    const matane = roleId(world, 'Matane');
    await announce(world.owner, language, {
      topic: `@everyone @here <@&${matane}> <@${alice.id}> **gras**`,
      venue: `<@&${world.guild.id}> @everyone`,
    });
    const message = lastAnnouncement(world);
    expect(message.pinged).toEqual({ users: [], roles: [roleId(world, 'Rimouski')], everyone: false });
    expect(message.allowedMentions).toEqual({ parse: [], roles: [roleId(world, 'Rimouski')], users: [] });
    expect(message.content).not.toContain('@everyone');
    const embed = JSON.stringify(message.embeds);
    expect(embed).not.toMatch(/@everyone/);
    expect(embed).not.toContain(`<@&${matane}>`);
    expect(embed).toContain('\\\\*\\\\*gras\\\\*\\\\*');
    const [event] = world.emulator.scheduledEvents(world.guild.id);
    expect(event?.description ?? '').not.toMatch(/@everyone/);
  });

  it('GIVEN reach nearby, then region WHEN announced THEN the towns within an hour, then every town, are pinged, and nothing else', async () => {
    const { world } = context;
    await announce(world.owner, language, { reach: 'nearby' });
    expect(new Set(lastAnnouncement(world).pinged.roles)).toEqual(
      new Set(['Rimouski', 'Mont-Joli', 'Trois-Pistoles'].map((name) => roleId(world, name))),
    );
    // The whole region needs Manage Events, and the nearby towns just pinged cool down for an hour, whoever
    // announces (test/e2e/hardening.announce.test.ts).
    await world.advance('61m');
    const bob = world.join('Bob', { locale: language.locale, permissions: Permission.ManageEvents });
    await announce(bob, language, { reach: 'region', town: 'Amqui' });
    const region = lastAnnouncement(world);
    expect(region.pinged.roles).toHaveLength(10);
    expect(region.pinged.everyone).toBe(false);
    expect(region.allowedMentions?.roles).toHaveLength(10);
  });

  it('GIVEN "when" being typed WHEN autocompleted THEN the member sees how it is understood, or what is wrong', async () => {
    const { world } = context;
    const alice = world.join('Alice', { locale: language.locale });
    const choices = await alice.autocompletes('/trip new', { town: 'Rimouski', when: language.when }, 'when', {
      locale: language.locale,
    });
    expect(choices).toEqual([{ name: language.understood, value: language.when }]);
    const towns = await alice.autocompletes('/trip new', { town: 'riv' }, 'town', { locale: language.locale });
    expect(towns.map((choice) => choice.name)).toEqual(['Rivière-du-Loup']);
  });

  it('GIVEN the spring-forward day WHEN a member picks 02:30 THEN autocomplete and command both say that time does not exist, and nothing is posted', async () => {
    const { world } = context;
    world.clock.set('2026-03-01T15:00:00Z');
    const alice = world.join('Alice', { locale: language.locale });
    const [preview] = await alice.autocompletes('/trip new', { when: '2026-03-08 02:30' }, 'when', {
      locale: language.locale,
    });
    expect(preview?.name).toContain('⚠️');
    const result = await announce(alice, language, { when: '2026-03-08 02:30' });
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toContain(language.nonexistent);
    expect(result.text()).toContain('02:30');
    expect(announcements(world)).toHaveLength(0);
    expect((await announce(alice, language, { when: '2026-03-08 03:30' })).text()).toContain(language.created);
  });

  it('GIVEN the fall-back day WHEN a member picks 01:30 THEN it is refused as happening twice; a date without an hour asks for one', async () => {
    const { world } = context;
    world.clock.set('2026-10-25T15:00:00Z');
    const alice = world.join('Alice', { locale: language.locale });
    const ambiguous = await announce(alice, language, { when: '2026-11-01 01:30' });
    expect(ambiguous.text()).toContain(language.ambiguous);
    expect((await announce(alice, language, { when: '2026-11-03' })).text()).toContain(language.noHour);
    expect(announcements(world)).toHaveLength(0);
  });

  it('GIVEN a member who announced 3 pinged trips today WHEN they announce a 4th THEN it is posted without any ping and they are told why; the same town again within the hour is not pinged either', async () => {
    const { world } = context;
    // Manage Events: exempt from the limit of trips a day (test/e2e/hardening.announce.test.ts), not from the pings'.
    const alice = world.join('Alice', { locale: language.locale, permissions: Permission.ManageEvents });
    await announce(alice, language);
    const again = await announce(alice, language, { when: '2026-12-05 12:00' });
    expect(again.text()).toContain(language.cooldown);
    expect(lastAnnouncement(world)).toPingNobody();
    await announce(alice, language, { town: 'Matane' });
    await announce(alice, language, { town: 'Amqui' });
    const fourth = await announce(alice, language, { town: 'Dégelis' });
    expect(fourth.text()).toContain(language.budget);
    expect(lastAnnouncement(world)).toPingNobody();
    expect(lastAnnouncement(world).allowedMentions).toEqual({ parse: [], roles: [], users: [] });
  });

  it('GIVEN 12 upcoming trips WHEN a member lists them and clicks Next THEN they see 10, then the last 2, in the same message', async () => {
    const { world } = context;
    for (let day = 1; day <= 12; day++) {
      const host = world.join(`Host${day}`, { locale: language.locale });
      await announce(host, language, { when: `2026-12-${String(day).padStart(2, '0')} 12:00` });
    }
    const alice = world.join('Alice', { locale: language.locale });
    const list = await alice.runs('/trip list', {}, { locale: language.locale });
    expect(list.ephemeral).toBe(true);
    expect(list.text()).toContain(language.listTitle);
    expect(list.text().match(/\*\*#\d+ · Rimouski\*\*/g)).toHaveLength(10);
    const page = list.original();
    if (!page) throw new Error('no list');
    const next = await alice.clicks(page, language.next, { locale: language.locale });
    expect(next.timedOut).toBe(false);
    expect(next.response()).toContain(language.page2);
    expect(next.response().match(/\*\*#\d+ · Rimouski\*\*/g)).toHaveLength(2);
  });

  it('GIVEN a trip with members going, maybe and waiting WHEN the host moves it THEN the announcement changes in place with a new .ics, and one thread message pings exactly those members', async () => {
    const { world } = context;
    await announce(world.owner, language, { capacity: 2 });
    const message = lastAnnouncement(world);
    const [alice, bob, carol] = ['Alice', 'Bob', 'Carol'].map((name) =>
      world.join(name, { locale: language.locale }),
    ) as [Actor, Actor, Actor];
    await alice.clicks(message, 'going', { locale: language.locale });
    await bob.clicks(message, 'going', { locale: language.locale });
    await carol.clicks(message, 'maybe', { locale: language.locale });
    const tripId = /rsvp:(\d+):/.exec(buttons(message)[0]?.custom_id ?? '')?.[1] ?? '';

    const stranger = world.join('Dan', { locale: language.locale });
    const refused = await stranger.runs('/trip edit', { trip: tripId, topic: 'Piraté' }, { locale: language.locale });
    expect((await refused.settled()).text()).toContain(language.notAllowed);

    const edit = await (
      await world.owner.runs(
        '/trip edit',
        { trip: `#${tripId}`, when: language.whenLater },
        { locale: language.locale },
      )
    ).settled();
    expect(edit.text()).toContain(language.edited);
    await world.settle(() => text(world, message).includes(language.localLater));
    expect(lastAnnouncement(world).id).toBe(message.id);
    expect(announcements(world)).toHaveLength(1);
    expect(message.attachments[0]?.text).toContain('DTSTART:20261205T230000Z');

    const thread = world.threadOf(message);
    const notices = thread?.messages() ?? [];
    expect(notices).toHaveLength(1);
    expect(new Set(notices[0]?.pinged.users)).toEqual(new Set([alice.id, bob.id, carol.id]));
    expect(notices[0]?.pinged.roles).toEqual([]);
    expect(notices[0]?.pinged.everyone).toBe(false);
    expect(text(world, notices[0]!)).toContain(language.changedNotice);
    const [event] = world.emulator.scheduledEvents(world.guild.id);
    expect(event?.scheduledStartTime).toEqual(new Date('2026-12-05T23:00:00Z'));

    const lowered = await (
      await world.owner.runs('/trip edit', { trip: tripId, capacity: 1 }, { locale: language.locale })
    ).settled();
    expect(lowered.text()).toContain(language.capacityBelow);
  });

  it('GIVEN a trip WHEN a moderator with Manage Events cancels it THEN the announcement is marked cancelled with its buttons disabled, the event is cancelled, those coming are told, and /rsvp is refused', async () => {
    const { world } = context;
    await announce(world.owner, language);
    const message = lastAnnouncement(world);
    const alice = world.join('Alice', { locale: language.locale });
    await alice.clicks(message, 'going', { locale: language.locale });
    const tripId = /rsvp:(\d+):/.exec(buttons(message)[0]?.custom_id ?? '')?.[1] ?? '';

    const moderator = world.join('Modo', { locale: language.locale, permissions: Permission.ManageEvents });
    const cancel = await (
      await moderator.runs('/trip cancel', { trip: tripId, reason: 'Tempête' }, { locale: language.locale })
    ).settled();
    expect(cancel.text()).toContain(language.cancelledReply);
    await world.settle(() => text(world, message).includes(language.cancelledTitle));
    expect(buttons(message).every((button) => button.disabled === true)).toBe(true);
    expect(message.attachments).toHaveLength(0);
    expect(text(world, message)).toContain('Tempête');
    expect(world.emulator.scheduledEvents(world.guild.id)[0]?.status).toBe(4);
    const notice = world.threadOf(message)?.last();
    expect(notice?.pinged.users.sort()).toEqual([world.owner.id, alice.id].sort());
    expect(text(world, notice!)).toContain(language.cancelledNotice);

    const late = await alice.runs('/rsvp', { trip: tripId, response: 'going' }, { locale: language.locale });
    expect(late.ephemeral).toBe(true);
    expect(late.text()).toContain(language.rsvpCancelled);
  });

  it('GIVEN a trip WHEN a member asks to see it THEN they get its details and who is coming, privately', async () => {
    const { world } = context;
    await announce(world.owner, language);
    const alice = world.join('Alice', { locale: language.locale });
    await alice.clicks(lastAnnouncement(world), 'going', { locale: language.locale });
    const choices = await alice.autocompletes('/trip show', { trip: 'rim' }, 'trip', { locale: language.locale });
    expect(choices).toHaveLength(1);
    const shown = await alice.runs('/trip show', { trip: String(choices[0]?.value) }, { locale: language.locale });
    expect(shown.ephemeral).toBe(true);
    expect(shown.text()).toContain(`${language.showGoing}: @Owner, @Alice`);
    expect(shown.original()).toPingNobody();
  });
});

describe('a server where the bot may not create events', () => {
  const context = useWorld({ preferredLocale: 'fr' });

  it('GIVEN neither Manage Events nor Create Events for the bot WHEN a trip is announced THEN it is posted and answered as usual, without a Discord event', async () => {
    const { world } = context;
    await freshGuild(world, LANGUAGES[0]);
    const everyone = world.emulator.role(world.guild.id);
    const botRole = world.emulator.role(world.guild.botRoleId);
    if (!everyone || !botRole) throw new Error('roles missing');
    everyone.permissions &= ~Permission.CreateEvents;
    botRole.permissions &= ~(Permission.ManageEvents | Permission.CreateEvents);

    const reply = await announce(world.owner, LANGUAGES[0]);
    expect(reply.text()).toContain(LANGUAGES[0].created);
    expect(reply.text()).not.toContain('événement');
    expect(announcements(world)).toHaveLength(1);
    expect(world.emulator.scheduledEvents(world.guild.id)).toHaveLength(0);
  });
});
