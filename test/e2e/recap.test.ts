import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { insertTrip } from '../../src/db/repositories/trips.js';
import { jobs, tripStops, trips } from '../../src/db/schema.js';
import { useWorld } from '../support/e2e.js';
import '../support/matchers.js';
import {
  advanceTo,
  announce,
  announcements,
  buttonLabels,
  freshGuild,
  HOUR,
  LANGUAGES,
  lastAnnouncement,
  MEETUP_START,
  recapMessages,
  rimouskiMember,
  roleId,
  rsvp,
  threadMessages,
  tripIdOf,
} from './recapSupport.js';

/** 90 minutes of meetup and the default 30 minutes of recap delay. */
const RECAP_AT = new Date(MEETUP_START.getTime() + 2 * HOUR);

describe.each(LANGUAGES)('the recap thread in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  it('GIVEN a visiting host and two of the five Rimouski members going WHEN the meetup ends THEN one thread on the announcement mentions exactly those going, says 3 came including 2 of 5, recalls topic and venue, and offers both buttons', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const bob = rimouskiMember(world, 'Bob', language, true);
    const carol = rimouskiMember(world, 'Carol', language);
    rimouskiMember(world, 'Dave', language);
    rimouskiMember(world, 'Eve', language);
    world.join('Robot', { roles: [roleId(world, 'Rimouski')], bot: true });
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);
    await rsvp(bob, announcement, 'going', language.locale);
    await rsvp(carol, announcement, 'maybe', language.locale);

    await advanceTo(world, new Date(RECAP_AT.getTime() - 60_000));
    expect(recapMessages(world, announcement)).toHaveLength(0);
    await advanceTo(world, RECAP_AT);

    const threads = world.emulator.threads(announcement.channelId);
    expect(threads).toHaveLength(1);
    expect(threads[0]?.id).toBe(announcement.id);
    // Bob's closed DMs opened the thread for a reminder; the recap made it its own.
    expect(threads[0]?.name).toBe(language.threadName);
    const [recap] = recapMessages(world, announcement);
    expect(recap?.content).toContain(language.core);
    expect(recap?.pinged).toEqual({ users: [host.id, alice.id, bob.id], roles: [], everyone: false });
    expect(recap?.allowedMentions).toEqual({ parse: [], users: [host.id, alice.id, bob.id], roles: [] });
    expect(recap?.content).not.toContain(carol.id);
    expect(recap?.content).toContain(language.countVisitors(3, 2, 5));
    expect(recap?.content).toContain('IA et PME');
    expect(recap?.content).toContain('Café du Port');
    expect(recap?.content).toContain(language.invite);
    expect(buttonLabels(recap!)).toEqual(language.buttons);

    await advanceTo(world, new Date(RECAP_AT.getTime() + 3 * HOUR));
    expect(recapMessages(world, announcement)).toHaveLength(1);
  });

  it('GIVEN the recap WHEN members say "I was there", one of them without having answered THEN each gets a private thanks, a second click changes nothing, and /trip history counts them', async () => {
    const { world } = context;
    const host = rimouskiMember(world, 'Hélène', language);
    const alice = rimouskiMember(world, 'Alice', language);
    const zoe = rimouskiMember(world, 'Zoé', language);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);
    await advanceTo(world, RECAP_AT);
    const [recap] = recapMessages(world, announcement);
    // A host from Rimouski: everyone who came is from the town.
    expect(recap?.content).toContain(language.count(2, 3));

    const thanks = await alice.clicks(recap!, 'attended', { locale: language.locale });
    expect(thanks.ephemeral).toBe(true);
    expect(thanks.text()).toContain(language.thanks(language.first));
    const walkIn = await zoe.clicks(recap!, 'attended', { locale: language.locale });
    expect(walkIn.ephemeral).toBe(true);
    expect(walkIn.text()).toContain(language.thanks(language.first));
    const again = await zoe.clicks(recap!, 'attended', { locale: language.locale });
    expect(again.text()).toContain(language.already);
    // Nothing public: the thread holds the recap only.
    expect(threadMessages(world, announcement)).toHaveLength(1);

    const history = await alice.runs('/trip history', {}, { locale: language.locale });
    expect(history.ephemeral).toBe(true);
    expect(history.text()).toContain(language.historyTitle);
    expect(history.text()).toContain(`#${tripIdOf(announcement)} · Rimouski`);
    expect(history.text()).toContain(language.historyLine(2, 2));
  });

  it('GIVEN the recap WHEN a member clicks "Announce my next trip" and fills the modal THEN a trip is announced like /trip new, and an unknown town comes back privately', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const announcement = await announce(world, host, language);
    await rsvp(alice, announcement, 'going', language.locale);
    await advanceTo(world, RECAP_AT);
    const [recap] = recapMessages(world, announcement);

    const wrong = await alice.clicks(recap!, 'next', { locale: language.locale });
    expect(wrong.modal).toBeTruthy();
    const refused = await alice.submits(
      wrong,
      { town: 'Atlantis', when: language.nextWhen },
      { locale: language.locale },
    );
    await refused.settled();
    expect(refused.ephemeral).toBe(true);
    expect(announcements(world)).toHaveLength(1);

    const opened = await alice.clicks(recap!, 'next', { locale: language.locale });
    const created = await alice.submits(
      opened,
      { town: 'Matane', when: language.nextWhen, topic: 'La suite' },
      { locale: language.locale },
    );
    await created.settled();
    expect(created.ephemeral).toBe(true);
    expect(created.text()).toContain(language.created);
    const next = lastAnnouncement(world);
    expect(next.id).not.toBe(announcement.id);
    expect(next.channelId).toBe(announcement.channelId);
    expect(next.pinged.roles).toEqual([roleId(world, 'Matane')]);
    expect(world.emulator.text(next.id)).toContain('La suite');
    expect(world.emulator.text(next.id)).toContain(`@Alice`);

    // Alice said she was there: her next "going" is her 2nd meetup.
    await alice.clicks(recap!, 'attended', { locale: language.locale });
    const other = await announce(world, host, language, { when: language.nextWhen, town: 'Rimouski' });
    const confirmation = await rsvp(alice, other, 'going', language.locale);
    expect(confirmation.text()).toContain(language.welcomeBack);
  });

  it('GIVEN the recap WHEN the host adds notes THEN the recap message shows them (no new ping), and another member may not', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const announcement = await announce(world, host, language);
    const tripId = String(tripIdOf(announcement));
    await advanceTo(world, RECAP_AT);

    const refused = await alice.runs('/trip recap', { trip: tripId, notes: 'Hop' }, { locale: language.locale });
    await refused.settled();
    expect(refused.text()).toContain(language.notHost);

    const choices = await host.autocompletes('/trip recap', { trip: '' }, 'trip', { locale: language.locale });
    expect(choices.map((choice) => choice.value)).toEqual([tripId]);
    const saved = await host.runs(
      '/trip recap',
      { trip: tripId, notes: 'On a parlé de @everyone et de <@1234567890123456789>' },
      { locale: language.locale },
    );
    await saved.settled();
    expect(saved.text()).toContain(language.notesSaved);
    const [recap] = recapMessages(world, announcement);
    expect(recap?.embeds[0]?.title).toContain(language.notesTitle);
    expect(String(recap?.embeds[0]?.description)).toContain('On a parlé de');
    expect(String(recap?.embeds[0]?.description)).not.toMatch(/@everyone/);
    expect(recap?.editedAt).not.toBeNull();
    expect(recap?.pinged.users).toEqual([host.id]);
  });

  it('GIVEN twelve past meetups WHEN a member opens /trip history THEN ten show, newest first, and "Older" turns to the rest in place', async () => {
    const { world } = context;
    const alice = rimouskiMember(world, 'Alice', language);
    const { db } = world.bot.deps;
    for (let index = 0; index < 12; index++) {
      const startsAt = new Date(Date.parse('2026-11-01T17:00:00Z') + index * 86_400_000);
      await insertTrip(db, {
        guildId: world.guild.id,
        hostId: alice.id,
        townId: null,
        townName: `Ville ${index + 1}`,
        startsAt,
        durationMinutes: 90,
        status: 'scheduled',
        createdAt: startsAt,
        updatedAt: startsAt,
      });
    }
    world.clock.set('2026-11-20T12:00:00Z');
    const first = await alice.runs('/trip history', {}, { locale: language.locale });
    expect(first.text()).toContain(language.historyPage(1, 2));
    expect(first.text()).toContain('Ville 12');
    expect(first.text()).not.toContain('Ville 2**');
    expect(first.text()).toContain(language.historyYours(12));
    const message = first.original();
    if (!message) throw new Error('no history message');
    const older = await alice.clicks(message, 'next', { locale: language.locale });
    expect(older.timedOut).toBe(false);
    const updated = world.emulator.text(message.id);
    expect(updated).toContain(language.historyPage(2, 2));
    expect(updated).toContain('Ville 1**');
    expect(updated).not.toContain('Ville 12');
  });

  it('GIVEN a cancelled trip WHEN its recap time passes THEN no recap is posted', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const announcement = await announce(world, host, language);
    await (
      await host.runs('/trip cancel', { trip: String(tripIdOf(announcement)) }, { locale: language.locale })
    ).settled();
    await advanceTo(world, new Date(RECAP_AT.getTime() + HOUR));
    expect(recapMessages(world, announcement)).toHaveLength(0);
  });

  it('GIVEN the bot was down when recaps were due WHEN it comes back THEN a recap up to 7 days late is posted, an older one is skipped', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const recent = await announce(world, host, language);
    const old = await announce(world, host, language, { when: '2026-11-26 12:00' });
    world.clock.set(new Date(RECAP_AT.getTime() + 6 * 24 * HOUR));
    await world.bot.scheduler.runDue();
    expect(recapMessages(world, recent)).toHaveLength(1);
    expect(recapMessages(world, old)).toHaveLength(0);
    const [job] = await world.bot.deps.db
      .select()
      .from(jobs)
      .where(eq(jobs.dedupeKey, `recap:${tripIdOf(old)}`));
    expect(job?.status).toBe('skipped');
  });

  it('GIVEN the recap was posted but its id never stored and the nonce window has passed WHEN the job runs again THEN the existing thread and message are found: still one of each', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const announcement = await announce(world, host, language);
    const tripId = tripIdOf(announcement);
    await advanceTo(world, RECAP_AT);
    const [posted] = recapMessages(world, announcement);
    const { db } = world.bot.deps;
    // As if the process had died right after Discord created both, before the database heard of either.
    await db.update(trips).set({ threadId: null }).where(eq(trips.id, tripId));
    await db.update(tripStops).set({ recapMessageId: null }).where(eq(tripStops.id, tripId));
    await db
      .update(jobs)
      .set({ status: 'pending', finishedAt: null })
      .where(eq(jobs.dedupeKey, `recap:${tripId}`));
    await advanceTo(world, new Date(RECAP_AT.getTime() + HOUR));
    expect(world.emulator.threads(announcement.channelId)).toHaveLength(1);
    expect(recapMessages(world, announcement).map((message) => message.id)).toEqual([posted?.id]);
    const [row] = await db.select().from(tripStops).where(eq(tripStops.id, tripId));
    expect(row?.recapMessageId).toBe(posted?.id);
    const [trip] = await db.select().from(trips).where(eq(trips.id, tripId));
    expect(trip?.threadId).toBe(announcement.id);
  });
});
