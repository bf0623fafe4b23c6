import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, DEFAULT_START } from '../../src/sandbox/world.js';
import { useWorld, type World } from '../support/e2e.js';

/** What a member reads, per language: fragments of the texts, not message keys. */
const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    when: '4 décembre midi',
    going: 'C’est noté, tu viens ! · 2/3 places prises',
    goingGuests: 'C’est noté, tu viens avec 1 invité·e(s) ! · 3/3 places prises',
    waitlisted: 'tu es n° 1 sur la liste d’attente',
    unchanged: 'C’était déjà ta réponse.',
    maybe: 'C’est noté : peut-être.',
    no: 'C’est noté : tu ne viens pas.',
    counts: (going: number, capacity: number) => `Je viens: ${going} / ${capacity} places`,
    full: (capacity: number) => `Je viens: ${capacity} / ${capacity} places · complet`,
    waitlist: (count: number) => `${count} en liste d’attente`,
    maybeCount: 'Peut-être: 1',
    promotedDm: 'Une place s’est libérée pour la rencontre',
    promotedThread: 'Une place s’est libérée : vous êtes maintenant inscrit·e·s',
    unknownTrip: 'Cette rencontre n’existe pas (ou plus) sur ce serveur.',
    badResponse: 'Réponse inconnue.',
    stale: 'Ce bouton n’est plus valide.',
    past: 'est terminée : on ne peut plus y répondre',
  },
  {
    name: 'English',
    locale: 'en-US',
    when: 'December 4 at noon',
    going: 'You’re going! · 2/3 seats taken',
    goingGuests: 'You’re going with 1 guest(s)! · 3/3 seats taken',
    waitlisted: 'you’re #1 on the waitlist',
    unchanged: 'That was already your answer.',
    maybe: 'Noted: maybe.',
    no: 'Noted: you can’t go.',
    counts: (going: number, capacity: number) => `Going: ${going} / ${capacity} seats`,
    full: (capacity: number) => `Going: ${capacity} / ${capacity} seats · full`,
    waitlist: (count: number) => `${count} on the waitlist`,
    maybeCount: 'Maybe: 1',
    promotedDm: 'A seat freed up for meetup',
    promotedThread: 'A seat freed up: you are now going',
    unknownTrip: 'This meetup does not exist (any more) on this server.',
    badResponse: 'Unknown answer.',
    stale: 'This button is no longer valid.',
    past: 'is over: it no longer takes answers',
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

/** The owner announces a trip in #general and the announcement is returned with its trip id. */
async function announceTrip(
  world: World,
  language: Pick<Language, 'locale' | 'when'>,
  capacity?: number,
): Promise<{ message: EmuMessage; tripId: string }> {
  const options: Record<string, string | number> = { town: 'Rimouski', when: language.when };
  if (capacity !== undefined) options.capacity = capacity;
  await (await world.owner.runs('/trip new', options, { locale: language.locale })).settled();
  const message = world
    .channel('#general')
    .messages()
    .filter((candidate) => candidate.embeds.length > 0)
    .at(-1);
  if (!message) throw new Error('no announcement');
  const row = (message.components[0]?.components ?? []) as { custom_id?: string }[];
  const customId = String(row[0]?.custom_id);
  return { message, tripId: customId.split(':')[1] ?? '' };
}

function shown(world: World, message: EmuMessage): string {
  return world.emulator.text(message.id);
}

function members(world: World, count: number, locale: string, prefix = 'Member'): Actor[] {
  return Array.from({ length: count }, (_, index) => world.join(`${prefix}${index + 1}`, { locale }));
}

describe.each(LANGUAGES)('RSVPs in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  beforeEach(async () => {
    await freshGuild(context.world, language.locale);
  });

  it('GIVEN a trip of 3 seats WHEN members answer with the buttons and /rsvp THEN each gets a private confirmation with the seats, and the announcement’s counts follow', async () => {
    const { world } = context;
    const { message, tripId } = await announceTrip(world, language, 3);
    const [alice, bob, carol] = members(world, 3, language.locale);

    const going = await alice!.clicks(message, 'going', { locale: language.locale });
    expect(going.timedOut).toBe(false);
    expect(going.ephemeral).toBe(true);
    expect(going.text()).toContain(language.going);
    expect(going.original()).toPingNobody();
    await world.settle(() => shown(world, message).includes(language.counts(2, 3)));

    const again = await alice!.clicks(message, 'going', { locale: language.locale });
    expect(again.text()).toContain(language.unchanged);
    expect(again.text()).toContain(language.going);

    const withGuest = await alice!.runs(
      '/rsvp',
      { trip: `#${tripId}`, response: 'going', guests: 1 },
      { locale: language.locale },
    );
    expect(withGuest.text()).toContain(language.goingGuests);
    const partyOfThree = await bob!.runs(
      '/rsvp',
      { trip: tripId, response: 'going', guests: 2 },
      { locale: language.locale },
    );
    expect(partyOfThree.text()).toContain(language.waitlisted);
    expect((await carol!.clicks(message, 'maybe', { locale: language.locale })).text()).toContain(language.maybe);
    await world.settle(
      () =>
        shown(world, message).includes(language.full(3)) &&
        shown(world, message).includes(language.waitlist(1)) &&
        shown(world, message).includes(language.maybeCount),
    );
    expect((await carol!.clicks(message, 'no', { locale: language.locale })).text()).toContain(language.no);
  });

  it('GIVEN a full trip and a member waiting WHEN someone going leaves THEN the waiting member gets the seat and a direct message', async () => {
    const { world } = context;
    const { message } = await announceTrip(world, language, 2);
    const [alice, bob] = members(world, 2, language.locale);
    await alice!.clicks(message, 'going', { locale: language.locale });
    const waiting = await bob!.clicks(message, 'going', { locale: language.locale });
    expect(waiting.text()).toContain(language.waitlisted);
    await world.settle(() => shown(world, message).includes(language.waitlist(1)));

    await alice!.clicks(message, 'no', { locale: language.locale });
    await world.settle(() => bob!.dms().length > 0);
    expect(bob!.dms()[0]?.content).toContain(language.promotedDm);
    expect(bob!.dms()[0]?.content).toContain('Rimouski');
    await world.settle(() => !shown(world, message).includes(language.waitlist(1)));
    expect(shown(world, message)).toContain(language.full(2));
  });

  it('GIVEN a waiting member whose DMs are closed WHEN a seat frees up THEN one message in the announcement’s thread pings exactly them', async () => {
    const { world } = context;
    const { message } = await announceTrip(world, language, 2);
    const alice = world.join('Alice', { locale: language.locale });
    const bob = world.join('Bob', { locale: language.locale, dmClosed: true });
    await alice.clicks(message, 'going', { locale: language.locale });
    await bob.clicks(message, 'going', { locale: language.locale });
    await alice.clicks(message, 'no', { locale: language.locale });

    await world.settle(() => (world.threadOf(message)?.messages().length ?? 0) > 0);
    const notices = world.threadOf(message)?.messages() ?? [];
    expect(notices).toHaveLength(1);
    expect(notices[0]?.pinged).toEqual({ users: [bob.id], roles: [], everyone: false });
    expect(notices[0]?.allowedMentions).toEqual({ parse: [], users: [bob.id] });
    expect(world.emulator.text(notices[0]!.id)).toContain(language.promotedThread);
    expect(bob.dms()).toHaveLength(0);
  });

  it('GIVEN forged or stale custom ids WHEN clicked THEN each gets a clear private error, nothing changes and the bot keeps answering', async () => {
    const { world } = context;
    const { tripId: otherGuildTrip } = await announceTrip(world, language, 5);
    await freshGuild(world, language.locale);
    const { message, tripId } = await announceTrip(world, language, 5);
    const before = shown(world, message);
    const forged = [
      [`rsvp:abc:going`, language.unknownTrip],
      [`rsvp:99999999999:going`, language.unknownTrip],
      [`rsvp:${otherGuildTrip}:going`, language.unknownTrip],
      [`rsvp:${tripId}:yes`, language.badResponse],
      [`rsvp:${tripId}`, language.badResponse],
      [`rsvp:${tripId}:going:extra`, language.stale],
      [`unknownprefix:${tripId}`, language.stale],
    ] as const;
    const original = message.components;
    // A tampered client: the same message, carrying buttons the bot never made.
    message.components = [
      {
        type: 1,
        components: forged.map(([customId], index) => ({
          type: 2,
          style: 2,
          label: `forged ${index}`,
          custom_id: customId,
        })),
      },
    ];
    const alice = world.join('Alice', { locale: language.locale });
    for (const [customId, error] of forged) {
      const result = await alice.clicks(message, customId, { locale: language.locale });
      expect(result.timedOut, customId).toBe(false);
      expect(result.ephemeral, customId).toBe(true);
      expect(result.text(), customId).toContain(error);
    }
    message.components = original;
    expect(shown(world, message)).toBe(before);
    expect((await alice.clicks(message, 'going', { locale: language.locale })).text()).toContain('2/5');
  });

  it('GIVEN a trip that ended WHEN a member clicks "going" THEN they are told it is over', async () => {
    const { world } = context;
    const { message } = await announceTrip(world, language);
    const alice = world.join('Alice', { locale: language.locale });
    world.clock.set('2026-12-04T19:00:00Z');
    const result = await alice.clicks(message, 'going', { locale: language.locale });
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toContain(language.past);
  });
});

describe('a burst of clicks', () => {
  const context = useWorld({ preferredLocale: 'fr' });

  it('GIVEN a trip of 50 seats WHEN 200 members click "going" at once THEN every click is answered in time, exactly 50 go, 150 wait, and the announcement ends on the exact counts', async () => {
    const { world } = context;
    await freshGuild(world, 'fr');
    // The crowd joins first: the bot has handled their arrival before the trip is even announced.
    const crowd = members(world, 200, 'fr', 'Fan');
    const { message } = await announceTrip(world, { locale: 'fr', when: '4 décembre midi' }, 50);
    const results = await Promise.all(crowd.map((actor) => actor.clicks(message, 'going')));

    expect(results.filter((result) => result.timedOut)).toHaveLength(0);
    expect(Math.max(...results.map((result) => result.latencyMs ?? Number.POSITIVE_INFINITY))).toBeLessThan(3_000);
    const texts = results.map((result) => result.text());
    expect(texts.filter((reply) => reply.includes('tu viens'))).toHaveLength(49);
    expect(texts.filter((reply) => reply.includes('liste d’attente'))).toHaveLength(151);
    await world.settle(
      () =>
        shown(world, message).includes('Je viens: 50 / 50 places · complet') &&
        shown(world, message).includes('151 en liste d’attente'),
      15_000,
    );
    // Coalesced: far fewer edits than clicks.
    expect(message.history.length).toBeLessThan(40);
  });
});

describe('buttons after a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'escale-rsvp-'));
  const context = useWorld({ preferredLocale: 'en-US', dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('GIVEN an announcement posted before the bot restarted WHEN a member clicks "going" THEN the answer is recorded and the counts updated', async () => {
    const { world } = context;
    await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' })).settled();
    const { message } = await announceTrip(world, { locale: 'en-US', when: 'December 4 at noon' }, 3);
    await world.restartBot();
    const alice = world.join('Alice', { locale: 'en-US' });
    const result = await alice.clicks(message, 'going', { locale: 'en-US' });
    expect(result.text()).toContain('You’re going! · 2/3 seats taken');
    await world.settle(() => shown(world, message).includes('Going: 2 / 3 seats'));
  });
});
