import { beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, DEFAULT_START } from '../../src/sandbox/world.js';
import { useWorld, type World } from '../support/e2e.js';

/** What members read, per language: fragments of the texts, not message keys. */
const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    when: '4 décembre midi',
    offerSaved: (seats: number, from: string) => `C’est noté : ${seats} place(s) depuis ${from} vers`,
    noneYet: 'Aucune demande ne correspond pour l’instant',
    offerProposed: (count: number) => `${count} demande(s) correspondent`,
    needProposed: (from: string) => `passe par ${from} : je lui ai proposé de t’emmener`,
    needWaiting: (from: string) => `Aucune offre ne passe par ${from} pour l’instant`,
    proposal: (from: string) => `cherche une place depuis **${from}**`,
    accepted: 'Tu emmènes',
    riderAccepted: 't’emmène à',
    threadIntro: 'Ramassage, dans l’ordre de la route : Trois-Pistoles',
    pickups: 'Ramassage : Rivière-du-Loup → Trois-Pistoles',
    declined: 'C’est noté : tu n’emmènes pas',
    riderDeclined: 'ne peut pas t’emmener',
    driverCancelled: 'ne conduit plus vers',
    matchedLater: 'Bonne nouvelle : une place vers',
    stopCancelled: 'est annulée : votre covoiturage n’a plus lieu',
    cancelled: 'Ton offre de covoiturage vers',
    badSeats: 'Le nombre de places doit être entre 1 et 8 (reçu : 9)',
    badSeatsZero: 'Le nombre de places doit être entre 1 et 8 (reçu : 0)',
    badDetour: 'Le détour doit être entre 0 et 60 minutes (reçu : -5)',
    badDetourHigh: 'Le détour doit être entre 0 et 60 minutes (reçu : 200)',
    unknownTown: 'Je ne trouve pas de ville « Gotham »',
    alreadyOffered: 'Tu offres déjà un covoiturage vers',
    notGoing: 'réponds d’abord « J’y vais »',
    notYours: 'Cette proposition de covoiturage s’adresse à quelqu’un d’autre.',
    stopCancelledError: 'est annulée : plus de covoiturage pour elle',
    list: 'depuis Rivière-du-Loup · 0/2 place(s) libre(s) · détour ≤ 15 min',
    listedNeed: '@Eve · depuis Matane',
    ridesButton: 'Covoiturage',
    summary: (seats: number, needs: number) => `🚗 ${seats} place(s) offerte(s) · ${needs} demande(s)`,
    historyRides: '🚗 2 trajet(s) partagé(s)',
    // Trois-Pistoles 60 km and Rivière-du-Loup 101 km from Rimouski in a straight line, × 1.2 on the road.
    recapRides: '🚗 2 trajet(s) partagé(s), environ 190 km évités.',
    riderCancelled: 'ne fait plus le trajet vers',
    oneSeatFree: '1/1 place(s) libre(s)',
    partyDm: 'Écrivez-vous pour les détails',
  },
  {
    name: 'English',
    locale: 'en-US',
    when: 'December 4 at noon',
    offerSaved: (seats: number, from: string) => `Noted: ${seats} seat(s) from ${from} to`,
    noneYet: 'No request fits yet',
    offerProposed: (count: number) => `${count} request(s) fit`,
    needProposed: (from: string) => `goes through ${from}: I asked them to take you`,
    needWaiting: (from: string) => `No offer goes through ${from} yet`,
    proposal: (from: string) => `is looking for a seat from **${from}**`,
    accepted: 'You’re taking',
    riderAccepted: 'is taking you to',
    threadIntro: 'Pick-ups, in route order: Trois-Pistoles',
    pickups: 'Pick-ups: Rivière-du-Loup → Trois-Pistoles',
    declined: 'Noted: you’re not taking',
    riderDeclined: 'can’t take you to',
    driverCancelled: 'no longer drives to',
    matchedLater: 'Good news: a ride to',
    stopCancelled: 'is cancelled: your ride no longer takes place',
    cancelled: 'Your ride offer to',
    badSeats: 'Seats must be between 1 and 8 (got 9)',
    badSeatsZero: 'Seats must be between 1 and 8 (got 0)',
    badDetour: 'The detour must be between 0 and 60 minutes (got -5)',
    badDetourHigh: 'The detour must be between 0 and 60 minutes (got 200)',
    unknownTown: 'I can’t find a town called “Gotham”',
    alreadyOffered: 'You already offer a ride to',
    notGoing: 'answer “Going” first',
    notYours: 'This ride proposal is meant for someone else.',
    stopCancelledError: 'is cancelled: no more rides to it',
    list: 'from Rivière-du-Loup · 0/2 seat(s) free · detour ≤ 15 min',
    listedNeed: '@Eve · from Matane',
    ridesButton: 'Rides',
    summary: (seats: number, needs: number) => `🚗 ${seats} seat(s) offered · ${needs} request(s)`,
    historyRides: '🚗 2 shared ride(s)',
    recapRides: '🚗 2 shared ride(s), about 190 km not driven.',
    riderCancelled: 'no longer rides to',
    oneSeatFree: '1/1 seat(s) free',
    partyDm: 'Write to each other for the details',
  },
] as const;

type Language = (typeof LANGUAGES)[number];

async function freshGuild(world: World, locale: string): Promise<void> {
  world.clock.set(DEFAULT_START);
  world.createGuild({ preferredLocale: locale });
  world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
  await deployCommands(world.config());
  await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' })).settled();
}

/** The owner announces a meetup in Rimouski; returns its number and announcement. */
async function announceRimouski(world: World, language: Language): Promise<{ trip: string; message: EmuMessage }> {
  const created = await (
    await world.owner.runs('/trip new', { town: 'Rimouski', when: language.when }, { locale: language.locale })
  ).settled();
  const id = /#(\d+)/.exec(created.text())?.[1];
  if (!id) throw new Error(`no trip number in: ${created.text()}`);
  const message = world
    .channel('#general')
    .messages()
    .filter((candidate) => candidate.embeds.length > 0)
    .at(-1);
  if (!message) throw new Error('no announcement');
  return { trip: `#${id}`, message };
}

/** A member who joins and answers "going" on the announcement. */
async function goingMember(world: World, name: string, message: EmuMessage, locale: string): Promise<Actor> {
  const member = world.join(name, { locale });
  const answer = await member.clicks(message, 'going', { locale });
  expect(answer.timedOut).toBe(false);
  return member;
}

/** The buttons left on a message, as its recipient sees it now. */
function proposalButtons(world: World, message: EmuMessage): unknown[] {
  const now = world.emulator.message(message.id) ?? message;
  return now.components.flatMap((row) => ((row as { components?: unknown[] }).components ?? []) as unknown[]);
}

function dmTexts(world: World, member: Actor): string[] {
  return member.dms().map((message) => world.emulator.text(message.id));
}

/** The proposal DM of the driver about a rider town. */
function proposalFor(world: World, driver: Actor, from: string, language: Language): EmuMessage {
  const found = driver
    .dms()
    .filter((message) => message.components.length > 0)
    .find((message) => message.content.includes(language.proposal(from)));
  if (!found)
    throw new Error(`no proposal from ${from} in ${driver.name}'s DMs: ${dmTexts(world, driver).join(' | ')}`);
  return found;
}

function privateThreads(world: World) {
  return world.emulator
    .threads()
    .filter((thread) => thread.type === 12 && !thread.deleted && thread.guildId === world.guild.id);
}

describe.each(LANGUAGES)('Rides along the route in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  beforeEach(async () => {
    await freshGuild(context.world, language.locale);
  });

  it('GIVEN an offer Rivière-du-Loup → Rimouski (2 seats, detour 15) WHEN needs arrive from five towns THEN Trois-Pistoles and Rivière-du-Loup are proposed, the others wait, accepting opens a private thread with exactly the three, and another driver picks up the riders it fits after a cancel', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    const carol = await goingMember(world, 'Carol', message, locale);
    const dave = await goingMember(world, 'Dave', message, locale);
    const eve = await goingMember(world, 'Eve', message, locale);
    const frank = await goingMember(world, 'Frank', message, locale);

    const offer = await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2, detour: 15 }, { locale });
    expect(offer.ephemeral).toBe(true);
    expect(offer.text()).toContain(language.offerSaved(2, 'Rivière-du-Loup'));
    expect(offer.text()).toContain(language.noneYet);

    const fromPistoles = await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    expect(fromPistoles.text()).toContain(language.needProposed('Trois-Pistoles'));
    expect(fromPistoles.original()).toPingNobody();
    const fromLoup = await carol.runs('/ride need', { trip, from: 'riviere du loup' }, { locale });
    expect(fromLoup.text()).toContain(language.needProposed('Rivière-du-Loup'));
    const fromTemiscouata = await dave.runs('/ride need', { trip, from: 'Témiscouata' }, { locale });
    expect(fromTemiscouata.text()).toContain(language.needWaiting('Témiscouata-sur-le-Lac'));
    const fromMatane = await eve.runs('/ride need', { trip, from: 'Matane' }, { locale });
    expect(fromMatane.text()).toContain(language.needWaiting('Matane'));
    // A third need that fits: both seats are held by the proposals, it waits.
    const third = await frank.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    expect(third.text()).toContain(language.needWaiting('Trois-Pistoles'));

    const proposals = alice.dms().filter((dm) => dm.components.length > 0);
    expect(proposals).toHaveLength(2);
    const list = await eve.runs('/ride list', { trip }, { locale });
    expect(list.text()).toContain(language.list);
    // /trip show lists the stop's rides too: the offer with its seats left, and the needs.
    const shown = await eve.runs('/trip show', { trip }, { locale });
    expect(shown.text()).toContain(language.list);
    expect(shown.text()).toContain(language.listedNeed);

    // Someone else's click, then the driver's.
    const stranger = await bob.clicks(proposalFor(world, alice, 'Trois-Pistoles', language), 'accept', { locale });
    expect(stranger.text()).toContain(language.notYours);
    const accept = await alice.clicks(proposalFor(world, alice, 'Trois-Pistoles', language), 'accept', { locale });
    expect(accept.timedOut).toBe(false);
    await alice.clicks(proposalFor(world, alice, 'Rivière-du-Loup', language), 'accept', { locale });
    await world.settle(() => (privateThreads(world)[0]?.thread?.memberIds.size ?? 0) >= 4);

    const [thread] = privateThreads(world);
    expect(thread).toBeDefined();
    expect(thread!.name).toBe('🚗 Alice · Rivière-du-Loup → Rimouski');
    const memberIds = [...thread!.thread!.memberIds].filter((id) => id !== world.bot.services.client.user?.id);
    expect(memberIds.sort()).toEqual([alice.id, bob.id, carol.id].sort());
    const threadText = world.channelById(thread!.id).render();
    expect(threadText).toContain(language.threadIntro);
    expect(threadText).toContain(language.pickups);
    expect(dmTexts(world, bob).join('\n')).toContain(language.riderAccepted);

    // The driver cancels: the riders are told; a second offer from Trois-Pistoles takes only those it fits.
    const cancel = await alice.runs('/ride cancel', { trip }, { locale });
    expect(cancel.text()).toContain(language.cancelled);
    await world.settle(() => dmTexts(world, carol).some((text) => text.includes(language.driverCancelled)));
    expect(dmTexts(world, bob).join('\n')).toContain(language.driverCancelled);

    const gina = await goingMember(world, 'Gina', message, locale);
    const second = await gina.runs('/ride offer', { trip, from: 'Trois-Pistoles', seats: 3 }, { locale });
    expect(second.text()).toContain(language.offerProposed(2));
    const ginaProposals = gina.dms().filter((dm) => dm.components.length > 0);
    expect(ginaProposals.map((dm) => world.emulator.text(dm.id)).join('\n')).toContain(bob.name);
    expect(ginaProposals.map((dm) => world.emulator.text(dm.id)).join('\n')).toContain(frank.name);
    expect(dmTexts(world, frank).join('\n')).toContain(language.matchedLater);
    expect(dmTexts(world, carol).join('\n')).not.toContain(language.matchedLater);
  });

  it('GIVEN a ride party WHEN the trip is cancelled THEN the party is told once in its thread, pending proposals lose their buttons and new needs are refused', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    const carol = await goingMember(world, 'Carol', message, locale);
    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2 }, { locale });
    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    await carol.runs('/ride need', { trip, from: 'Rivière-du-Loup' }, { locale });
    await alice.clicks(proposalFor(world, alice, 'Trois-Pistoles', language), 'accept', { locale });
    const pending = proposalFor(world, alice, 'Rivière-du-Loup', language);

    await (await world.owner.runs('/trip cancel', { trip }, { locale })).settled();
    const [thread] = privateThreads(world);
    await world.settle(() => world.channelById(thread!.id).render().includes(language.stopCancelled));
    const said = world
      .channelById(thread!.id)
      .messages()
      .filter((posted) => world.emulator.text(posted.id).includes(language.stopCancelled));
    expect(said).toHaveLength(1);

    // The proposal still waiting for an answer lost its buttons.
    expect(proposalButtons(world, pending)).toEqual([]);
    const again = await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    expect(again.text()).toContain(language.stopCancelledError);
  });

  it('GIVEN an accepted rider WHEN they answer "no" to the meetup THEN their seat is freed and the driver told', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 1 }, { locale });
    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    await alice.clicks(proposalFor(world, alice, 'Trois-Pistoles', language), 'accept', { locale });

    await bob.clicks(message, 'no', { locale });
    await world.settle(() => dmTexts(world, alice).some((text) => text.includes(language.riderCancelled)));
    const list = await alice.runs('/ride list', { trip }, { locale });
    expect(list.text()).toContain(language.oneSeatFree);
    expect(list.text()).not.toContain('Bob');
  });

  it('GIVEN the announcement WHEN a member opens its Rides button and fills the offer form THEN the offer is stored, the announcement shows the seats offered, and a later need is proposed to them', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);

    const panel = await alice.clicks(message, language.ridesButton, { locale });
    expect(panel.ephemeral).toBe(true);
    const opened = await alice.clicks(panel.original()!, 'offer', { locale });
    expect(opened.modal).not.toBeNull();
    const badSeats = await alice.submits(opened, { from: 'Rivière-du-Loup', seats: '9' }, { locale });
    expect(badSeats.text()).toContain(language.badSeats);
    const submitted = await alice.submits(opened, { from: 'Rivière-du-Loup', seats: '2', detour: '20' }, { locale });
    expect(submitted.ephemeral).toBe(true);
    expect(submitted.text()).toContain(language.offerSaved(2, 'Rivière-du-Loup'));
    await world.settle(() => world.emulator.text(message.id).includes(language.summary(2, 0)));

    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    expect(proposalFor(world, alice, 'Trois-Pistoles', language)).toBeDefined();
    const again = await bob.clicks(message, language.ridesButton, { locale });
    expect(again.text()).toContain('Alice');
    expect(again.text()).toContain('Bob');
  });

  it('GIVEN two riders carried to the meetup WHEN its recap is posted THEN it counts the shared rides and the km not driven, and /trip history shows them', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    const carol = await goingMember(world, 'Carol', message, locale);
    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2 }, { locale });
    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    await carol.runs('/ride need', { trip, from: 'Rivière-du-Loup' }, { locale });
    await alice.clicks(proposalFor(world, alice, 'Trois-Pistoles', language), 'accept', { locale });
    await alice.clicks(proposalFor(world, alice, 'Rivière-du-Loup', language), 'accept', { locale });

    // The meetup (4 December, 12:00 in Toronto) ends at 18:30 UTC; its recap follows 30 minutes later.
    await world.advance(new Date('2026-12-04T19:30:00Z').getTime() - world.clock.now().getTime());
    await world.settle(() =>
      (world.threadOf(message)?.messages() ?? []).some((posted) =>
        world.emulator.text(posted.id).includes(language.recapRides),
      ),
    );
    const recap = (world.threadOf(message)?.messages() ?? []).map((posted) => world.emulator.text(posted.id));
    expect(recap.filter((text) => text.includes(language.recapRides))).toHaveLength(1);
    const history = await bob.runs('/trip history', {}, { locale });
    expect(history.text()).toContain(language.historyRides);
  });

  it('GIVEN a driver whose DMs are closed WHEN a need is matched THEN the proposal is in the trip’s thread pinging only the driver, and accepting there works', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = world.join('Alice', { locale, dmClosed: true });
    await alice.clicks(message, 'going', { locale });
    const bob = await goingMember(world, 'Bob', message, locale);
    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2 }, { locale });
    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });

    await world.settle(() => world.threadOf(message) !== undefined);
    const proposal = world
      .threadOf(message)!
      .messages()
      .find((posted) => posted.content.includes(language.proposal('Trois-Pistoles')));
    expect(proposal).toBeDefined();
    expect(proposal).toPing(alice);
    expect(proposal!.pinged.users).toEqual([alice.id]);
    const accepted = await alice.clicks(proposal!, 'accept', { locale });
    expect(accepted.text()).toContain(language.accepted);
    expect(privateThreads(world)).toHaveLength(1);
  });

  it('GIVEN the bot may not create private threads WHEN the driver accepts THEN the driver and the rider each get a DM naming the other', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const botId = world.bot.services.client.user?.id ?? '';
    world.emulator.setChannelOverwrite(world.channel('#general').id, {
      id: botId,
      type: 'member',
      deny: 1n << 36n, // Create Private Threads
    });
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2 }, { locale });
    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    const accepted = await alice.clicks(proposalFor(world, alice, 'Trois-Pistoles', language), 'accept', { locale });
    expect(accepted.timedOut).toBe(false);
    expect(privateThreads(world)).toHaveLength(0);
    await world.settle(() => dmTexts(world, bob).some((text) => text.includes(language.partyDm)));
    expect(dmTexts(world, alice).find((text) => text.includes(language.partyDm))).toContain('Bob');
    expect(dmTexts(world, bob).find((text) => text.includes(language.partyDm))).toContain('Alice');
  });

  it('GIVEN bad input WHEN offering, asking or answering THEN a clear private error and nothing changes', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    const outsider = world.join('Outsider', { locale });

    const cases: [Actor, string, Record<string, string | number>, string][] = [
      [alice, '/ride offer', { trip, from: 'Rivière-du-Loup', seats: 9 }, language.badSeats],
      [alice, '/ride offer', { trip, from: 'Rivière-du-Loup', seats: 0 }, language.badSeatsZero],
      [alice, '/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2, detour: -5 }, language.badDetour],
      [alice, '/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2, detour: 200 }, language.badDetourHigh],
      [alice, '/ride offer', { trip, from: 'Gotham', seats: 2 }, language.unknownTown],
      [outsider, '/ride need', { trip, from: 'Rimouski' }, language.notGoing],
    ];
    for (const [actor, line, options, expected] of cases) {
      const result = await actor.runs(line, options, { locale });
      expect(result.ephemeral).toBe(true);
      expect(result.text()).toContain(expected);
      expect(result.original()).toPingNobody();
    }
    const listed = await bob.runs('/ride list', { trip }, { locale });
    expect(listed.text()).not.toContain('Alice');

    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 2 }, { locale });
    const twice = await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 3 }, { locale });
    expect(twice.text()).toContain(language.alreadyOffered);

    await bob.runs('/ride need', { trip, from: 'Rivière-du-Loup' }, { locale });
    const proposal = proposalFor(world, alice, 'Rivière-du-Loup', language);
    // (A forged or unknown custom id is refused by the use case: see test/integration/rides.test.ts.)
    const declined = await alice.clicks(proposal, 'decline', { locale });
    expect(declined.timedOut).toBe(false);
    expect(declined.text()).toContain(language.declined);
    // The answer replaced the buttons: it cannot be pressed twice.
    expect(proposalButtons(world, proposal)).toEqual([]);
    await world.settle(() => dmTexts(world, bob).some((text) => text.includes(language.riderDeclined)));
  });
});

describe.each(LANGUAGES)('Ride messages in the language each member chose, in a $name server', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const other = LANGUAGES.find((candidate) => candidate.locale !== language.locale) ?? language;
  beforeEach(async () => {
    await freshGuild(context.world, language.locale);
  });

  it('GIVEN a driver and a rider who chose the other language with /preferences WHEN a need is matched and accepted THEN the proposal DM and the rider’s notice are in that language', async () => {
    const { world } = context;
    const { locale } = language;
    const { trip, message } = await announceRimouski(world, language);
    const alice = await goingMember(world, 'Alice', message, locale);
    const bob = await goingMember(world, 'Bob', message, locale);
    for (const member of [alice, bob]) {
      const saved = await (
        await member.runs('/preferences', { language: other.locale.slice(0, 2) }, { locale })
      ).settled();
      expect(saved.ephemeral).toBe(true);
    }

    await alice.runs('/ride offer', { trip, from: 'Rivière-du-Loup', seats: 1 }, { locale });
    await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale });
    const proposal = proposalFor(world, alice, 'Trois-Pistoles', other);
    expect(dmTexts(world, alice).some((text) => text.includes(language.proposal('Trois-Pistoles')))).toBe(false);

    await alice.clicks(proposal, 'accept', { locale });
    await world.settle(() => dmTexts(world, bob).some((text) => text.includes(other.riderAccepted)));
    expect(dmTexts(world, bob).some((text) => text.includes(language.riderAccepted))).toBe(false);
  });
});
