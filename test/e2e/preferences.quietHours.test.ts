import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { jobs } from '../../src/db/schema.js';
import { useWorld, type World } from '../support/e2e.js';
import '../support/matchers.js';
import { advanceTo, announce, dmsOf, freshGuild, LANGUAGES, rimouskiMember, rsvp, tripIdOf } from './recapSupport.js';

/**
 * Quiet hours hold reminder DMs. The example ("delay a reminder to 07:00 and bring one forward when the stop
 * starts at 07:30") reads two ways; both are told here, in the guild's zone (America/Toronto, UTC−5 in December):
 * - quiet 22:00–07:00, stop Friday 07:30: the 1 h reminder (06:30) waits to 07:00;
 * - quiet 22:00–08:00, stop Friday 07:30: the 1 h reminder would fall in quiet hours that end after the start, so it
 *   goes Thursday at 21:59, the last minute before they begin, saying so.
 */
const WHEN = { fr: '4 décembre 7h30', en: 'December 4 7:30am' } as const;
const NOTES = {
  fr: {
    promoted: 'Une place s’est libérée pour la rencontre',
    waited: 'Ce message a attendu la fin de tes heures calmes',
    before: 'plutôt que pendant tes heures calmes (22:00 à 08:00)',
  },
  en: {
    promoted: 'A seat freed up for meetup',
    waited: 'This message waited for the end of your quiet hours',
    before: 'rather than during your quiet hours (22:00 to 08:00)',
  },
} as const;

/** Waits until the bot held a promotion notice for the member (a durable job), at most 5 s. */
async function heldPromotionOf(world: World, userId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const held = await world.bot.deps.db.select().from(jobs).where(eq(jobs.kind, 'promotion-dm'));
    if (held.some((job) => (job.payload as { userId?: string }).userId === userId)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no promotion notice was held');
}

/** Toronto wall clock in December → UTC. */
const toronto = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 5, minute));

describe.each(LANGUAGES)('quiet hours in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const code = language.locale === 'fr' ? 'fr' : 'en';
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  async function setUp(quietHours: string) {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const saved = await (
      await alice.runs('/preferences', { quiet_hours: quietHours }, { locale: language.locale })
    ).settled();
    expect(saved.ephemeral).toBe(true);
    const announcement = await announce(world, host, language, { when: WHEN[code] });
    await rsvp(alice, announcement, 'going', language.locale);
    return { world, host, alice };
  }

  it('GIVEN quiet hours 22:00–07:00 and a stop Friday at 07:30 WHEN the 1 h reminder falls due at 06:30 THEN it waits to 07:00 and says it waited; the 24 h one (07:30 Thursday) goes on time', async () => {
    const { world, host, alice } = await setUp(code === 'fr' ? '22h à 7h' : '10pm to 7am');

    await advanceTo(world, toronto(3, 7, 30));
    expect(dmsOf(world, alice)).toHaveLength(1);
    expect(dmsOf(world, alice)[0]?.content).not.toContain(NOTES[code].waited);

    await advanceTo(world, toronto(4, 6, 30));
    expect(dmsOf(world, alice)).toHaveLength(1);
    expect(dmsOf(world, host)).toHaveLength(2);
    await advanceTo(world, toronto(4, 6, 59));
    expect(dmsOf(world, alice)).toHaveLength(1);

    await advanceTo(world, toronto(4, 7, 0));
    const held = dmsOf(world, alice);
    expect(held).toHaveLength(2);
    expect(held[1]?.content).toContain(language.remindHeading);
    expect(held[1]?.content).toContain(NOTES[code].waited);
    expect(held[1]).toPingNobody();

    await advanceTo(world, toronto(4, 7, 29));
    expect(dmsOf(world, alice)).toHaveLength(2);
  });

  it('GIVEN quiet hours 22:00–08:00 and a stop Friday at 07:30 WHEN Thursday evening comes THEN the 1 h reminder goes at 21:59 saying why, and nothing more at 06:30; the 24 h one (07:30 Thursday, still quiet) waits to 08:00', async () => {
    const { world, alice } = await setUp('22:00-08:00');

    await advanceTo(world, toronto(3, 7, 30));
    expect(dmsOf(world, alice)).toHaveLength(0);
    await advanceTo(world, toronto(3, 8, 0));
    expect(dmsOf(world, alice)).toHaveLength(1);
    expect(dmsOf(world, alice)[0]?.content).toContain(NOTES[code].waited);

    // The planner runs each hour; the bot is up through the evening.
    for (const hour of [12, 18, 21]) await advanceTo(world, toronto(3, hour, 0));
    await advanceTo(world, toronto(3, 21, 58));
    expect(dmsOf(world, alice)).toHaveLength(1);

    await advanceTo(world, toronto(3, 21, 59));
    const early = dmsOf(world, alice);
    expect(early).toHaveLength(2);
    expect(early[1]?.content).toContain(language.remindHeading);
    expect(early[1]?.content).toContain(NOTES[code].before);
    expect(early[1]).toPingNobody();

    await advanceTo(world, toronto(4, 6, 30));
    await advanceTo(world, toronto(4, 7, 29));
    expect(dmsOf(world, alice)).toHaveLength(2);
  });

  it('GIVEN a waitlisted member quiet from 22:00 to 07:00 WHEN a seat frees up at 23:00 THEN they are going at once but hear of it at 07:00, not before', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const carol = rimouskiMember(world, 'Carol', language);
    await (await alice.runs('/preferences', { quiet_hours: '22:00-07:00' }, { locale: language.locale })).settled();
    const announcement = await announce(world, host, language, { capacity: 2 });
    await rsvp(carol, announcement, 'going', language.locale);
    await rsvp(alice, announcement, 'going', language.locale);

    await advanceTo(world, toronto(3, 23, 0));
    const before = dmsOf(world, alice).length;
    await rsvp(carol, announcement, 'no', language.locale);
    // What follows an answer runs after the member's reply: wait for the held notice before moving the clock.
    await heldPromotionOf(world, alice.id);
    await advanceTo(world, toronto(3, 23, 30));
    await advanceTo(world, toronto(4, 6, 59));
    expect(dmsOf(world, alice)).toHaveLength(before);

    await advanceTo(world, toronto(4, 7, 0));
    const told = dmsOf(world, alice).slice(before);
    expect(told).toHaveLength(1);
    expect(told[0]?.content).toContain(NOTES[code].promoted);
    expect(told[0]?.content).toContain(NOTES[code].waited);
  });

  it('GIVEN a driver quiet from 22:00 to 07:00 WHEN a rider along their route asks at 23:00 THEN the ride proposal reaches the driver at 07:00, with its buttons, not before', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const bob = rimouskiMember(world, 'Bob', language);
    await (await alice.runs('/preferences', { quiet_hours: '22:00-07:00' }, { locale: language.locale })).settled();
    const announcement = await announce(world, host, language);
    const trip = String(tripIdOf(announcement));
    await rsvp(alice, announcement, 'going', language.locale);
    await rsvp(bob, announcement, 'going', language.locale);

    await advanceTo(world, toronto(3, 23, 0));
    // The proposal names the rider's town and carries its answer buttons (the reminder DMs name neither).
    const proposals = () =>
      dmsOf(world, alice).filter(
        (message) => message.components.length > 0 && message.content.includes('Trois-Pistoles'),
      );
    await (
      await alice.runs(
        '/ride offer',
        { trip, from: 'Rivière-du-Loup', seats: 2, detour: 15 },
        { locale: language.locale },
      )
    ).settled();
    await (await bob.runs('/ride need', { trip, from: 'Trois-Pistoles' }, { locale: language.locale })).settled();
    await advanceTo(world, toronto(4, 6, 59));
    expect(proposals()).toHaveLength(0);

    await advanceTo(world, toronto(4, 7, 0));
    await world.settle(() => proposals().length > 0);
    expect(proposals()).toHaveLength(1);
    expect(proposals()[0]?.content).toContain(NOTES[code].waited);
  });
});
