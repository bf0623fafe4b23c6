import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/context.js';
import { respond } from '../../src/app/rsvp.js';
import { listTripsPage, previewWhen, showTrip, suggestTrips } from '../../src/app/tripQueries.js';
import { cancelTrip } from '../../src/app/trips/cancel.js';
import { createTrip, type NewTripInput } from '../../src/app/trips/create.js';
import { editTrip } from '../../src/app/trips/edit.js';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { listRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTown, setDriveTimeOverride, type TownRow } from '../../src/db/repositories/towns.js';
import { getStop } from '../../src/db/repositories/trips.js';
import type { ManualClock } from '../../src/domain/clock.js';
import { BAS_SAINT_LAURENT_PRESET, normalizeTownName } from '../../src/domain/towns.js';
import { listJobs } from '../../src/jobs/queue.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';
import { testAppDeps } from '../support/fakeTownRoles.js';
import { FakeTripPort } from './tripsFakePort.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const CHANNEL = '110000000000000001';
const TRIPS_CHANNEL = '110000000000000002';
const HOST = '300000000000000001';
const ALICE = '300000000000000002';
const BOB = '300000000000000003';
const CAROL = '300000000000000004';
const MODERATOR = '300000000000000005';
/** Wednesday 2026-11-25, 10:00 in Toronto. */
const NOW = new Date('2026-11-25T15:00:00Z');
const MINUTE = 60_000;

/** The ten towns of Bas-Saint-Laurent, each with its role "role-<town>". */
async function seedTowns(deps: AppDeps, guildId = GUILD): Promise<Map<string, TownRow>> {
  const towns = new Map<string, TownRow>();
  for (const [index, preset] of BAS_SAINT_LAURENT_PRESET.towns.entries()) {
    const town = await insertTown(deps.db, {
      guildId,
      name: preset.name,
      normalizedName: normalizeTownName(preset.name),
      roleId: `${guildId.slice(0, 15)}${String(index).padStart(3, '0')}`,
      latitude: preset.lat,
      longitude: preset.lon,
    });
    if (!town) throw new Error(`town ${preset.name} not seeded`);
    towns.set(preset.name, town);
  }
  return towns;
}

describe.each(testDatabaseKinds())('trips use cases on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup() {
    const deps = testAppDeps(database, NOW);
    const towns = await seedTowns(deps);
    const port = new FakeTripPort();
    const role = (name: string) => towns.get(name)?.roleId ?? '';
    const announce = (input: Partial<NewTripInput> = {}) =>
      createTrip(deps, port, {
        guildId: GUILD,
        hostId: HOST,
        channelId: CHANNEL,
        language: 'fr',
        town: 'Rimouski',
        when: '4 décembre midi',
        // Exempt from the daily limit of trips and allowed reach:region (test/e2e/hardening.announce.test.ts).
        canManageEvents: true,
        ...input,
      });
    return { deps, towns, port, role, announce, clock: deps.clock as ManualClock };
  }

  describe('announcing', () => {
    it('GIVEN a member in Rimouski WHEN they announce "4 décembre midi" THEN the trip is at noon Toronto time, they are going, the town is pinged and reminders are scheduled', async () => {
      const { deps, port, role, announce } = await setup();
      const result = await announce({ topic: 'IA et PME', venue: 'Café du Port', capacity: 8 });

      expect(result.trip).toMatchObject({
        townName: 'Rimouski',
        startsAt: new Date('2026-12-04T17:00:00Z'),
        durationMinutes: 90,
        topic: 'IA et PME',
        venue: 'Café du Port',
        capacity: 8,
        channelId: CHANNEL,
        pingedRoleIds: [role('Rimouski')],
      });
      expect(result.trip.messageId).toBe(port.announcements[0]?.messageId);
      expect(result.url).toBe(`https://discord.com/channels/${GUILD}/${CHANNEL}/${result.trip.messageId}`);
      expect(port.announcements[0]?.view.counts).toMatchObject({ going: 1, seatsLeft: 7 });
      expect(await listRsvps(deps.db, result.trip.id)).toMatchObject([{ userId: HOST, status: 'going', guests: 0 }]);
      const jobs = await listJobs(deps.db, '');
      expect(jobs.map((job) => [job.dedupeKey, job.runAt.toISOString()])).toEqual([
        [`reminder:${result.trip.id}:1440`, '2026-12-03T17:00:00.000Z'],
        // The host's heads-up, 24 h before, and the announcement redrawn as over at the end.
        [`headsup:${result.trip.id}`, '2026-12-03T17:00:00.000Z'],
        [`reminder:${result.trip.id}:60`, '2026-12-04T16:00:00.000Z'],
        [`ended:${result.trip.id}`, '2026-12-04T18:30:00.000Z'],
        [`recap:${result.trip.id}`, '2026-12-04T19:00:00.000Z'],
      ]);
      expect(result.scheduledEvent).toBe(true);
      // The id stored is the one of the event created for this trip, so later edits and a cancel reach it.
      expect([...port.events.keys()]).toHaveLength(1);
      const [eventId, event] = [...port.events.entries()][0] ?? [];
      expect((await getStop(deps.db, GUILD, result.trip.id))?.scheduledEventId).toBe(eventId);
      expect(event).toMatchObject({ status: 'scheduled', view: { trip: { id: result.trip.id } } });
    });

    it('GIVEN a trips channel in the settings WHEN a trip is announced elsewhere THEN the announcement goes to the trips channel', async () => {
      const { deps, port, announce } = await setup();
      await updateGuildSettings(deps.db, GUILD, { tripsChannelId: TRIPS_CHANNEL }, NOW);
      const result = await announce();
      expect(port.announcements[0]?.channelId).toBe(TRIPS_CHANNEL);
      expect(result.trip.channelId).toBe(TRIPS_CHANNEL);
    });

    it('GIVEN reach "nearby" and a 60-minute radius WHEN announced in Rimouski THEN Mont-Joli and Trois-Pistoles are pinged too, and Matane only once its drive time is corrected to 50 min', async () => {
      const { deps, towns, role, announce } = await setup();
      const before = await announce({ reach: 'nearby' });
      expect(new Set(before.pingedRoleIds)).toEqual(
        new Set([role('Rimouski'), role('Mont-Joli'), role('Trois-Pistoles')]),
      );

      await setDriveTimeOverride(deps.db, {
        guildId: GUILD,
        townA: towns.get('Rimouski')!.id,
        townB: towns.get('Matane')!.id,
        minutes: 50,
      });
      const after = await createTrip(deps, new FakeTripPort(), {
        guildId: GUILD,
        hostId: ALICE,
        channelId: CHANNEL,
        language: 'fr',
        town: 'rimouski',
        when: '5 décembre midi',
        reach: 'nearby',
      });
      expect(after.pingedRoleIds).toContain(role('Matane'));
    });

    it('GIVEN reach "region" WHEN announced THEN every town role is pinged once', async () => {
      const { towns, announce } = await setup();
      const result = await announce({ reach: 'region' });
      expect(new Set(result.pingedRoleIds)).toEqual(new Set([...towns.values()].map((town) => town.roleId)));
      expect(result.pingedRoleIds).toHaveLength(10);
    });

    it.each([
      ['pas une date', 'when.unparseable'],
      ['2026-11-20 12:00', 'when.inPast'],
      ['2028-01-10 12:00', 'when.tooFar'],
      ['2026-11-20', 'when.noHour'],
      ['4 décembre', 'when.noHour'],
      ['tomorrow at 7', 'when.hourGuessed'],
    ])(
      'GIVEN "when" = %s WHEN announcing THEN it is refused with %s and nothing is written or posted',
      async (when, key) => {
        const { deps, port, announce } = await setup();
        const error = await failure(announce({ when }));
        expect(error.key).toBe(key);
        expect(await listTripsPage(deps, { guildId: GUILD, page: 0 })).toMatchObject({ total: 0 });
        expect(await listJobs(deps.db, '')).toHaveLength(0);
        expect(port.announcements).toHaveLength(0);
      },
    );

    it('GIVEN the day clocks spring forward WHEN the member picks 02:30 THEN it is refused as a time that does not exist, naming it', async () => {
      const { announce, clock } = await setup();
      clock.set('2026-03-01T15:00:00Z');
      const error = await failure(announce({ when: '2026-03-08 02:30' }));
      expect(error.key).toBe('when.nonexistent');
      expect(error.params).toMatchObject({ date: '2026-03-08', time: '02:30', timeZone: 'America/Toronto' });
    });

    it('GIVEN the day clocks fall back WHEN the member picks 01:30 THEN it is refused as ambiguous, naming it; 03:00 that day is fine', async () => {
      const { announce, clock } = await setup();
      clock.set('2026-10-25T15:00:00Z');
      const error = await failure(announce({ when: '2026-11-01 01:30' }));
      expect(error.key).toBe('when.ambiguous');
      expect(error.params).toMatchObject({ date: '2026-11-01', time: '01:30' });
      const fine = await announce({ when: '2026-11-01 03:00' });
      expect(fine.trip.startsAt).toEqual(new Date('2026-11-01T08:00:00Z'));
    });

    it('GIVEN an unknown town, a too long topic or a capacity of 0 WHEN announcing THEN each is refused with its own message', async () => {
      const { announce } = await setup();
      expect((await failure(announce({ town: 'Québec' }))).key).toBe('town.notFound');
      expect((await failure(announce({ topic: 'x'.repeat(201) }))).key).toBe('trip.topicTooLong');
      expect((await failure(announce({ venue: 'y'.repeat(101) }))).key).toBe('trip.venueTooLong');
      expect((await failure(announce({ capacity: 0 }))).key).toBe('trip.badCapacity');
      expect((await failure(announce({ durationMinutes: 721 }))).key).toBe('trip.badDuration');
    });

    it('GIVEN a channel the bot cannot post in WHEN announcing THEN the member is told and no trip, RSVP or job remains', async () => {
      const { deps, port, announce } = await setup();
      port.blockedChannels.add(CHANNEL);
      const error = await failure(announce());
      expect(error.key).toBe('trip.cannotPost');
      expect(error.params.channel).toBe(`<#${CHANNEL}>`);
      expect((await listTripsPage(deps, { guildId: GUILD, page: 0 })).total).toBe(0);
      expect((await listJobs(deps.db, '')).every((job) => job.status === 'cancelled')).toBe(true);
    });

    it('GIVEN the bot lacks Manage Events WHEN announcing THEN the trip is posted without a scheduled event', async () => {
      const { port, announce } = await setup();
      port.canManageEvents = false;
      const result = await announce();
      expect(result.scheduledEvent).toBe(false);
      expect(result.trip.scheduledEventId).toBeNull();
      expect(port.announcements).toHaveLength(1);
    });
  });

  describe('ping budget', () => {
    it('GIVEN a host who announced 3 pinged trips today WHEN they announce a 4th THEN it is posted without a ping and they are told why', async () => {
      const { role, announce, clock } = await setup();
      for (const town of ['Rimouski', 'Matane', 'Amqui']) {
        const result = await announce({ town });
        expect(result.pingedRoleIds).toEqual([role(town)]);
        clock.advance(5 * MINUTE);
      }
      const fourth = await announce({ town: 'Dégelis' });
      expect(fourth.pingedRoleIds).toEqual([]);
      expect(fourth.trip.pingedRoleIds).toEqual([]);
      expect(fourth.notes).toEqual([{ key: 'budget.dailyLimit', params: { max: 3 } }]);

      clock.advance(24 * 60 * MINUTE);
      expect((await announce({ town: 'Dégelis', when: '10 décembre midi' })).pingedRoleIds).toEqual([role('Dégelis')]);
    });

    it('GIVEN a host who pinged Rimouski 30 minutes ago WHEN they announce Rimouski again THEN no ping and the wait is given; another town still pings; after the hour Rimouski pings again', async () => {
      const { role, announce, clock } = await setup();
      await announce();
      clock.advance(30 * MINUTE);
      const again = await announce({ when: '5 décembre midi' });
      expect(again.pingedRoleIds).toEqual([]);
      expect(again.notes).toEqual([
        {
          key: 'budget.townCooldownAny',
          params: { cooldownMinutes: 60, next: expect.stringMatching(/^<t:\d+:t>$/), roles: `<@&${role('Rimouski')}>` },
        },
      ]);
      expect((await announce({ town: 'Matane' })).pingedRoleIds).toEqual([role('Matane')]);
      clock.advance(31 * MINUTE);
      expect((await announce({ when: '6 décembre midi' })).pingedRoleIds).toEqual([role('Rimouski')]);
    });

    it('GIVEN a guild with a budget of 1 trip a day and no cooldown WHEN a second trip is announced THEN it is not pinged; another host still pings', async () => {
      const { deps, role, announce } = await setup();
      await updateGuildSettings(deps.db, GUILD, { maxTripsPerDay: 1, townPingCooldownMinutes: 0 }, NOW);
      await announce();
      expect((await announce({ town: 'Matane' })).pingedRoleIds).toEqual([]);
      expect((await announce({ hostId: ALICE, town: 'Matane' })).pingedRoleIds).toEqual([role('Matane')]);
    });
  });

  describe('listing and showing', () => {
    it('GIVEN 12 upcoming trips, a cancelled one and a past one WHEN listed THEN 10 per page, soonest first, the rest on page 2', async () => {
      const { deps, port, announce, clock } = await setup();
      for (let day = 1; day <= 12; day++) await announce({ when: `2026-12-${String(day).padStart(2, '0')} 12:00` });
      const cancelled = await announce({ when: '2026-12-20 12:00' });
      await cancelTrip(deps, port, {
        guildId: GUILD,
        userId: HOST,
        canManageEvents: false,
        language: 'fr',
        trip: cancelled.trip.id,
      });
      await announce({ when: '2026-11-25 12:00' });
      // The meetup of today at noon (17:00 UTC) ended at 18:30 UTC.
      clock.advance(4 * 60 * MINUTE);

      const first = await listTripsPage(deps, { guildId: GUILD, page: 0 });
      expect(first).toMatchObject({ page: 0, pageCount: 2, total: 12 });
      expect(first.entries.map((entry) => entry.trip.startsAt.toISOString().slice(0, 10))).toEqual([
        '2026-12-01',
        '2026-12-02',
        '2026-12-03',
        '2026-12-04',
        '2026-12-05',
        '2026-12-06',
        '2026-12-07',
        '2026-12-08',
        '2026-12-09',
        '2026-12-10',
      ]);
      const second = await listTripsPage(deps, { guildId: GUILD, page: 1 });
      expect(second.entries.map((entry) => entry.goingSeats)).toEqual([1, 1]);
      expect((await listTripsPage(deps, { guildId: GUILD, page: 99 })).page).toBe(1);
    });

    it('GIVEN trips in two towns WHEN listed for one town THEN only its trips come, and an unknown town is refused', async () => {
      const { deps, announce } = await setup();
      await announce();
      await announce({ town: 'Matane', hostId: ALICE });
      const rimouski = await listTripsPage(deps, { guildId: GUILD, page: 0, town: 'rimouski' });
      expect(rimouski.town?.name).toBe('Rimouski');
      expect(rimouski.entries.map((entry) => entry.trip.townName)).toEqual(['Rimouski']);
      expect((await failure(listTripsPage(deps, { guildId: GUILD, page: 0, town: 'Gaspé' }))).key).toBe(
        'town.notFound',
      );
    });

    it('GIVEN a trip WHEN autocompleted, shown by "#id" and looked up from another guild THEN the label reads "#id Town · date", the details list who comes, and the other guild does not find it', async () => {
      const { deps, announce } = await setup();
      const { trip } = await announce({ capacity: 2 });
      await respond(deps, { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going', guests: 0 });
      await respond(deps, { guildId: GUILD, userId: BOB, trip: trip.id, response: 'going', guests: 0 });
      await respond(deps, { guildId: GUILD, userId: CAROL, trip: trip.id, response: 'maybe' });

      const suggestions = await suggestTrips(deps, { guildId: GUILD, query: 'rim', language: 'fr' });
      expect(suggestions).toEqual([{ name: `#${trip.id} Rimouski · 4 déc. 12 h 00`, value: String(trip.id) }]);
      const details = await showTrip(deps, { guildId: GUILD, trip: `#${trip.id}` });
      expect(details.going.map((rsvp) => rsvp.userId)).toEqual([HOST, ALICE]);
      expect(details.waitlist.map((rsvp) => rsvp.userId)).toEqual([BOB]);
      expect(details.maybe.map((rsvp) => rsvp.userId)).toEqual([CAROL]);
      expect((await failure(showTrip(deps, { guildId: OTHER_GUILD, trip: trip.id }))).key).toBe('trip.notFound');
      expect((await failure(showTrip(deps, { guildId: GUILD, trip: 'abc' }))).key).toBe('trip.notFound');
    });

    it('GIVEN a host and another member WHEN the trip option of /trip edit autocompletes THEN the host sees their trip, the other member does not, a moderator does', async () => {
      const { deps, announce } = await setup();
      const { trip } = await announce();
      const forEdit = (userId: string, canManageEvents: boolean) =>
        suggestTrips(deps, { guildId: GUILD, query: '', language: 'en', editableBy: { userId, canManageEvents } });
      expect((await forEdit(HOST, false)).map((choice) => choice.value)).toEqual([String(trip.id)]);
      expect(await forEdit(ALICE, false)).toEqual([]);
      expect((await forEdit(MODERATOR, true)).map((choice) => choice.value)).toEqual([String(trip.id)]);
    });

    it('GIVEN text typed in "when" WHEN autocompleted THEN the choice shows how it is understood, or what is wrong, and sends the text itself', async () => {
      const { deps } = await setup();
      expect(await previewWhen(deps, { guildId: GUILD, text: '4 décembre midi', language: 'fr' })).toEqual([
        { name: '✅ vendredi 4 décembre 2026, 12 h 00', value: '4 décembre midi' },
      ]);
      const [wrong] = await previewWhen(deps, { guildId: GUILD, text: '2026-03-08 02:30', language: 'en' });
      expect(wrong?.name).toMatch(/^⚠️ /);
      expect(wrong?.value).toBe('2026-03-08 02:30');
    });
  });

  describe('editing', () => {
    it('GIVEN a trip with members going, maybe and waiting WHEN the host moves it THEN jobs follow, the announcement is refreshed with a new calendar, and one thread message mentions exactly those members', async () => {
      const { deps, port, announce } = await setup();
      const { trip } = await announce({ capacity: 2 });
      await respond(deps, { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going' });
      await respond(deps, { guildId: GUILD, userId: BOB, trip: trip.id, response: 'going' });
      await respond(deps, { guildId: GUILD, userId: CAROL, trip: trip.id, response: 'maybe' });

      const result = await editTrip(deps, port, {
        guildId: GUILD,
        userId: HOST,
        canManageEvents: false,
        language: 'fr',
        trip: `#${trip.id}`,
        when: '5 décembre 18 h',
        venue: 'Bistro <@&999> @everyone',
      });
      expect(result.changes.map((change) => change.field)).toEqual(['when', 'venue']);
      expect(result.trip.startsAt).toEqual(new Date('2026-12-05T23:00:00Z'));
      expect(port.refreshes.at(-1)).toEqual({ guildId: GUILD, tripId: trip.id, withCalendar: true });
      const reminders = await listJobs(deps.db, `reminder:${trip.id}:`);
      expect(reminders.filter((job) => job.status === 'pending').map((job) => job.runAt.toISOString())).toEqual([
        '2026-12-04T23:00:00.000Z',
        '2026-12-05T22:00:00.000Z',
      ]);
      const messages = port.threadMessages();
      expect(messages).toHaveLength(1);
      expect(new Set(messages[0]?.mentionUserIds)).toEqual(new Set([ALICE, BOB, CAROL]));
      expect(messages[0]?.content).toContain(`<@${ALICE}>`);
      expect(result.notified).toBe(3);
      expect((await getStop(deps.db, GUILD, trip.id))?.threadId).toBe(trip.messageId);
    });

    it('GIVEN a member who is not the host WHEN they edit or cancel THEN they are refused; with Manage Events they may', async () => {
      const { deps, port, announce } = await setup();
      const { trip } = await announce();
      const actor = { guildId: GUILD, userId: ALICE, canManageEvents: false, language: 'fr' as const, trip: trip.id };
      expect((await failure(editTrip(deps, port, { ...actor, topic: 'Piratage' }))).key).toBe('trip.notAllowed');
      expect((await failure(cancelTrip(deps, port, actor))).key).toBe('trip.notAllowed');
      const moderated = await editTrip(deps, port, {
        ...actor,
        userId: MODERATOR,
        canManageEvents: true,
        topic: 'Vélo',
      });
      expect(moderated.trip.topic).toBe('Vélo');
    });

    it('GIVEN 3 going for 3 seats WHEN the capacity is lowered to 2 THEN nobody is removed, the host is told, and a newcomer waits', async () => {
      const { deps, port, announce } = await setup();
      const { trip } = await announce({ capacity: 3 });
      await respond(deps, { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going' });
      await respond(deps, { guildId: GUILD, userId: BOB, trip: trip.id, response: 'going' });
      const result = await editTrip(deps, port, {
        guildId: GUILD,
        userId: HOST,
        canManageEvents: false,
        language: 'en',
        trip: trip.id,
        capacity: 2,
      });
      expect(result.overCapacity).toEqual({ going: 3, capacity: 2 });
      expect(port.refreshes.at(-1)?.withCalendar).toBe(false);
      const rows = await listRsvps(deps.db, trip.id);
      expect(rows.filter((row) => row.status === 'going')).toHaveLength(3);
      const carol = await respond(deps, { guildId: GUILD, userId: CAROL, trip: trip.id, response: 'going' });
      expect(carol).toMatchObject({ status: 'waitlist', position: 1 });
    });

    it('GIVEN two members waiting WHEN the capacity is raised THEN both get a seat and are told, by DM or in the thread when DMs are closed', async () => {
      const { deps, port, announce } = await setup();
      const { trip } = await announce({ capacity: 1 });
      await respond(deps, { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going' });
      await respond(deps, { guildId: GUILD, userId: BOB, trip: trip.id, response: 'going' });
      port.closedDms.add(BOB);
      const result = await editTrip(deps, port, {
        guildId: GUILD,
        userId: HOST,
        canManageEvents: false,
        language: 'fr',
        trip: trip.id,
        capacity: 5,
      });
      expect(result.promoted).toEqual([ALICE, BOB]);
      expect((await listRsvps(deps.db, trip.id)).every((row) => row.status === 'going')).toBe(true);
      expect(port.directMessages.map((message) => message.userId)).toEqual([ALICE]);
      expect(port.directMessages[0]?.content).toContain('Une place s’est libérée');
      const promotedNotice = port.threadMessages().find((message) => message.content.includes('place s’est libérée'));
      expect(promotedNotice?.mentionUserIds).toEqual([BOB]);
    });

    it('GIVEN a trip WHEN edited with nothing, or with the same values THEN the host is told nothing changed', async () => {
      const { deps, port, announce } = await setup();
      const { trip } = await announce({ topic: 'IA' });
      const actor = { guildId: GUILD, userId: HOST, canManageEvents: false, language: 'fr' as const, trip: trip.id };
      expect((await failure(editTrip(deps, port, actor))).key).toBe('trip.edit.nothing');
      expect((await failure(editTrip(deps, port, { ...actor, topic: 'IA', when: '4 décembre 12:00' }))).key).toBe(
        'trip.edit.noChange',
      );
      const cleared = await editTrip(deps, port, { ...actor, topic: '-' });
      expect(cleared.trip.topic).toBeNull();
    });
  });

  describe('cancelling', () => {
    it('GIVEN a trip with members WHEN the host cancels with a reason THEN it is cancelled, jobs and event are cancelled, members are told once, and it takes no more answers or edits', async () => {
      const { deps, port, announce } = await setup();
      const { trip } = await announce();
      await respond(deps, { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going' });
      await respond(deps, { guildId: GUILD, userId: BOB, trip: trip.id, response: 'no' });

      const result = await cancelTrip(deps, port, {
        guildId: GUILD,
        userId: HOST,
        canManageEvents: false,
        language: 'fr',
        trip: trip.id,
        reason: 'Tempête de neige',
      });
      expect(result.trip).toMatchObject({ status: 'cancelled', cancelReason: 'Tempête de neige' });
      expect(result.notified).toBe(1);
      const statuses = (await listJobs(deps.db, '')).map((job) => job.status);
      expect(statuses).toHaveLength(5);
      expect(statuses.every((status) => status === 'cancelled')).toBe(true);
      expect([...port.events.values()].map((event) => event.status)).toEqual(['cancelled']);
      expect(port.refreshes.at(-1)).toEqual({ guildId: GUILD, tripId: trip.id, withCalendar: false });
      const [notice] = port.threadMessages();
      expect(notice?.mentionUserIds).toEqual([ALICE]);
      expect(notice?.content).toContain('annulée');
      expect(notice?.content).toContain('Tempête de neige');

      expect(
        (await failure(respond(deps, { guildId: GUILD, userId: CAROL, trip: trip.id, response: 'going' }))).key,
      ).toBe('rsvp.tripCancelled');
      const actor = { guildId: GUILD, userId: HOST, canManageEvents: false, language: 'fr' as const, trip: trip.id };
      expect((await failure(editTrip(deps, port, { ...actor, topic: 'x' }))).key).toBe('trip.isCancelled');
      expect((await failure(cancelTrip(deps, port, actor))).key).toBe('trip.isCancelled');
    });

    it('GIVEN a trip that ended WHEN the host edits or cancels it THEN it is refused as over', async () => {
      const { deps, port, announce, clock } = await setup();
      const { trip } = await announce();
      clock.set('2026-12-04T19:00:00Z');
      const actor = { guildId: GUILD, userId: HOST, canManageEvents: false, language: 'fr' as const, trip: trip.id };
      expect((await failure(cancelTrip(deps, port, actor))).key).toBe('trip.isPast');
      expect((await failure(editTrip(deps, port, { ...actor, topic: 'x' }))).key).toBe('trip.isPast');
    });
  });
});
