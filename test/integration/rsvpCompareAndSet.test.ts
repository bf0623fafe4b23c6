import { describe, expect, it } from 'vitest';
import { respond } from '../../src/app/rsvp.js';
import {
  applyRsvpWrites,
  listRsvps,
  markAttended,
  type RsvpWrite,
  readStopAnswers,
} from '../../src/db/repositories/rsvps.js';
import { insertTrip, type TripRow, updateStop } from '../../src/db/repositories/trips.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

/**
 * An answer is decided on a read of the stop and its answers, then written by one statement that locks the stop and
 * writes only if that state is still the one read (src/db/repositories/rsvps.ts, migration 0009). What another
 * answer, an edit or a cancellation changed in between must make the write refuse, whatever the database.
 */
const GUILD = '100000000000000001';
const HOST = '300000000000000001';
const ALICE = '400000000000000001';
const BOB = '400000000000000002';
const NOW = new Date('2026-11-25T15:00:00Z');

describe.each(testDatabaseKinds())('answers written by compare-and-set on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function stop(capacity: number | null = 1): Promise<TripRow> {
    return insertTrip(database.db, {
      guildId: GUILD,
      hostId: HOST,
      townName: 'Rimouski',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      durationMinutes: 90,
      capacity,
      createdAt: NOW,
      updatedAt: NOW,
    });
  }

  const goingRow = (stopId: number, userId: string): RsvpWrite => ({
    stopId,
    userId,
    status: 'going',
    guests: 0,
    respondedAt: NOW,
    waitlistedAt: null,
  });

  async function readState(stopId: number): Promise<string> {
    const read = await readStopAnswers(database.db, { guildId: GUILD, stopId, now: NOW, countMeetupsOf: [] });
    if (!read) throw new Error('stop not found');
    return read.state;
  }

  it('GIVEN Alice read the last seat as free WHEN Bob takes it before her write THEN her write is refused and changes nothing, and her answer through respond() waits instead', async () => {
    const trip = await stop(1);
    const aliceRead = await readState(trip.id);
    await respond(testAppDeps(database, NOW), { guildId: GUILD, userId: BOB, trip: trip.id, response: 'going' });

    expect(await applyRsvpWrites(database.db, trip.id, aliceRead, [goingRow(trip.id, ALICE)])).toBe(false);
    expect((await listRsvps(database.db, trip.id)).map((row) => [row.userId, row.status])).toEqual([[BOB, 'going']]);

    const alice = await respond(testAppDeps(database, NOW), {
      guildId: GUILD,
      userId: ALICE,
      trip: trip.id,
      response: 'going',
    });
    expect([alice.status, alice.position]).toEqual(['waitlist', 1]);
  });

  it('GIVEN a state read WHEN the host lowers the capacity before the write THEN the write is refused; read again, it goes through', async () => {
    const trip = await stop(5);
    const before = await readState(trip.id);
    await updateStop(database.db, GUILD, trip.id, { capacity: 1 }, NOW);
    expect(await applyRsvpWrites(database.db, trip.id, before, [goingRow(trip.id, ALICE)])).toBe(false);
    expect(await listRsvps(database.db, trip.id)).toEqual([]);

    expect(await applyRsvpWrites(database.db, trip.id, await readState(trip.id), [goingRow(trip.id, ALICE)])).toBe(
      true,
    );
    expect((await listRsvps(database.db, trip.id)).map((row) => row.userId)).toEqual([ALICE]);
  });

  it('GIVEN a member going who said "I was there" WHEN the state is read before and after THEN attendance does not change it (a click after it is not refused)', async () => {
    const trip = await stop(null);
    await respond(testAppDeps(database, NOW), { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going' });
    const before = await readState(trip.id);
    await markAttended(database.db, trip.id, ALICE, NOW);
    expect(await readState(trip.id)).toBe(before);
  });
});
