import { describe, expect, it } from 'vitest';
import { listReminderDeliveries, recordReminderDeliveries } from '../../src/db/repositories/reminderDeliveries.js';
import {
  countMeetupsAttended,
  countMeetupsAttendedByMembers,
  listRsvps,
  markAttended,
  saveRsvps,
  tallyAttendance,
} from '../../src/db/repositories/rsvps.js';
import { countPastTrips, listPastTrips } from '../../src/db/repositories/tripListings.js';
import {
  getStop,
  insertTrip,
  recordRecapMessage,
  setRecapNotes,
  type TripRow,
} from '../../src/db/repositories/trips.js';
import { claimDueJobs, listJobs, releaseLeasesOfDeadProcess, scheduleJob } from '../../src/jobs/queue.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const HOST = '300000000000000001';
const ALICE = '300000000000000002';
const BOB = '300000000000000003';
const NOW = new Date('2026-12-10T17:00:00Z');
const DAY = 86_400_000;

describe.each(testDatabaseKinds())('recap and attendance repositories on %s', (kind) => {
  const database = useTestDatabase(kind);

  /** A 90-minute meetup `daysAgo` days before NOW (negative: in the future). */
  async function trip(daysAgo: number, extra: Partial<TripRow> = {}): Promise<TripRow> {
    const startsAt = new Date(NOW.getTime() - daysAgo * DAY);
    return insertTrip(database.db, {
      guildId: GUILD,
      hostId: HOST,
      townId: null,
      townName: 'Rimouski',
      startsAt,
      durationMinutes: 90,
      status: 'scheduled',
      createdAt: new Date(startsAt.getTime() - DAY),
      updatedAt: new Date(startsAt.getTime() - DAY),
      ...extra,
    });
  }

  async function rsvpOf(tripId: number, userId: string) {
    return (await listRsvps(database.db, tripId)).find((row) => row.userId === userId);
  }

  async function going(tripId: number, userId: string) {
    await saveRsvps(database.db, [
      {
        stopId: tripId,
        userId,
        status: 'going',
        guests: 0,
        respondedAt: new Date(NOW.getTime() - 20 * DAY),
        waitlistedAt: null,
      },
    ]);
  }

  it('GIVEN a member going and one who never answered WHEN both say "I was there" THEN both are recorded once, the walk-in as not having said "going", and the first instant is kept', async () => {
    const meetup = await trip(1);
    await going(meetup.id, ALICE);
    expect(await markAttended(database.db, meetup.id, ALICE, NOW)).toBe(true);
    expect(await markAttended(database.db, meetup.id, BOB, NOW)).toBe(true);
    const later = new Date(NOW.getTime() + 60_000);
    expect(await markAttended(database.db, meetup.id, ALICE, later)).toBe(false);
    expect(await markAttended(database.db, meetup.id, BOB, later)).toBe(false);
    const alice = await rsvpOf(meetup.id, ALICE);
    const bob = await rsvpOf(meetup.id, BOB);
    expect([alice?.status, alice?.attendedAt?.toISOString()]).toEqual(['going', NOW.toISOString()]);
    expect([bob?.status, bob?.guests, bob?.attendedAt?.toISOString()]).toEqual(['no', 0, NOW.toISOString()]);
    expect(await tallyAttendance(database.db, [meetup.id])).toEqual(new Map([[meetup.id, { going: 1, attended: 2 }]]));
  });

  it('GIVEN answers saved again after attendance WHEN read THEN the attendance is kept', async () => {
    const meetup = await trip(1);
    await going(meetup.id, ALICE);
    await markAttended(database.db, meetup.id, ALICE, NOW);
    await saveRsvps(database.db, [
      { stopId: meetup.id, userId: ALICE, status: 'maybe', guests: 1, respondedAt: NOW, waitlistedAt: null },
    ]);
    expect((await rsvpOf(meetup.id, ALICE))?.attendedAt?.toISOString()).toBe(NOW.toISOString());
  });

  it('GIVEN meetups attended, hosted, cancelled, not yet ended and in another guild WHEN counted THEN only ended, not cancelled meetups of the guild count', async () => {
    const attended = await trip(10);
    const hostedByAlice = await trip(5, { hostId: ALICE });
    const cancelled = await trip(3, { status: 'cancelled' });
    const underWay = await trip(0.01);
    const elsewhere = await trip(2, { guildId: OTHER_GUILD });
    for (const meetup of [attended, cancelled, underWay, elsewhere])
      await markAttended(database.db, meetup.id, ALICE, NOW);
    await markAttended(database.db, attended.id, BOB, NOW);
    expect(await countMeetupsAttended(database.db, GUILD, ALICE, NOW)).toBe(2);
    expect(await countMeetupsAttended(database.db, GUILD, HOST, NOW)).toBe(1);
    expect(hostedByAlice.hostId).toBe(ALICE);
    const many = await countMeetupsAttendedByMembers(
      database.db,
      GUILD,
      [ALICE, BOB, HOST, '300000000000000009', ALICE],
      NOW,
    );
    expect(many).toEqual(
      new Map([
        [ALICE, 2],
        [BOB, 1],
        [HOST, 1],
      ]),
    );
    expect(await countMeetupsAttendedByMembers(database.db, GUILD, [], NOW)).toEqual(new Map());
  });

  it('GIVEN past, cancelled and upcoming meetups WHEN the history is listed THEN ended, not cancelled ones come newest first, paged, by town and by host', async () => {
    const old = await trip(30, { townId: null });
    const recent = await trip(2);
    await trip(1, { status: 'cancelled' });
    await trip(-2);
    const byAlice = await trip(7, { hostId: ALICE });
    const filter = { guildId: GUILD, now: NOW };
    expect((await listPastTrips(database.db, { ...filter, limit: 10 })).map((row) => row.id)).toEqual([
      recent.id,
      byAlice.id,
      old.id,
    ]);
    expect(await countPastTrips(database.db, filter)).toBe(3);
    expect((await listPastTrips(database.db, { ...filter, limit: 1, offset: 1 })).map((row) => row.id)).toEqual([
      byAlice.id,
    ]);
    expect((await listPastTrips(database.db, { ...filter, hostId: ALICE, limit: 10 })).map((row) => row.id)).toEqual([
      byAlice.id,
    ]);
    expect(await countPastTrips(database.db, { ...filter, townId: 12_345 })).toBe(0);
  });

  it('GIVEN a recap posted WHEN its ids and the host notes are stored THEN the trip reads them back', async () => {
    const meetup = await trip(1);
    await recordRecapMessage(database.db, GUILD, meetup.id, {
      threadId: '500000000000000001',
      recapMessageId: '500000000000000002',
    });
    await setRecapNotes(database.db, GUILD, meetup.id, 'Belle rencontre', NOW);
    const stored = await getStop(database.db, GUILD, meetup.id);
    expect([stored?.threadId, stored?.recapMessageId, stored?.recapNotes]).toEqual([
      '500000000000000001',
      '500000000000000002',
      'Belle rencontre',
    ]);
  });

  it('GIVEN reminder deliveries WHEN a member unreachable by DM is then told in the thread THEN one row per member holds the latest channel', async () => {
    const meetup = await trip(-1);
    await recordReminderDeliveries(database.db, {
      stopId: meetup.id,
      offsetMinutes: 60,
      userIds: [ALICE],
      channel: 'dm',
      now: NOW,
    });
    await recordReminderDeliveries(database.db, {
      stopId: meetup.id,
      offsetMinutes: 60,
      userIds: [BOB],
      channel: 'unreachable',
      now: NOW,
    });
    await recordReminderDeliveries(database.db, {
      stopId: meetup.id,
      offsetMinutes: 60,
      userIds: [BOB],
      channel: 'thread',
      now: NOW,
    });
    await recordReminderDeliveries(database.db, {
      stopId: meetup.id,
      offsetMinutes: 1440,
      userIds: [ALICE],
      channel: 'dm',
      now: NOW,
    });
    const rows = await listReminderDeliveries(database.db, meetup.id, 60);
    expect(rows.map((row) => [row.userId, row.channel]).sort()).toEqual([
      [ALICE, 'dm'],
      [BOB, 'thread'],
    ]);
  });

  it('GIVEN jobs leased by a process that died WHEN the embedded database reopens THEN their leases are freed and they are claimed at once', async () => {
    await scheduleJob(database.db, {
      kind: 'recap',
      dedupeKey: 'recap:1',
      guildId: GUILD,
      runAt: new Date(NOW.getTime() - 60_000),
    });
    await claimDueJobs(database.db, { now: NOW, limit: 10, workerId: 'dead' });
    expect(await claimDueJobs(database.db, { now: NOW, limit: 10, workerId: 'new' })).toHaveLength(0);
    expect(await releaseLeasesOfDeadProcess(database.db, NOW)).toBe(1);
    const [job] = await claimDueJobs(database.db, { now: NOW, limit: 10, workerId: 'new' });
    expect(job?.lockedBy).toBe('new');
    expect((await listJobs(database.db, 'recap:1')).map((row) => row.attempts)).toEqual([2]);
  });
});
