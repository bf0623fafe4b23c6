import { describe, expect, it } from 'vitest';
import { respond } from '../../src/app/rsvp.js';
import {
  applyRsvpWrites,
  listRsvps,
  markAttended,
  type RsvpWrite,
  readStopAnswers,
} from '../../src/db/repositories/rsvps.js';
import { insertTrip, type TripRow, updateStop, updateTrip } from '../../src/db/repositories/trips.js';
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

  const write = (stopId: number, expectedState: string, rows: RsvpWrite[]) =>
    applyRsvpWrites(database.db, { guildId: GUILD, stopId, expectedState, rows, now: NOW, countMeetupsOf: [] });

  async function readState(stopId: number): Promise<string> {
    const read = await readStopAnswers(database.db, { guildId: GUILD, stopId, now: NOW, countMeetupsOf: [] });
    if (!read) throw new Error('stop not found');
    return read.state;
  }

  it('GIVEN Alice read the last seat as free WHEN Bob takes it before her write THEN her write is refused and changes nothing, and her answer through respond() waits instead', async () => {
    const trip = await stop(1);
    const aliceRead = await readState(trip.id);
    await respond(testAppDeps(database, NOW), { guildId: GUILD, userId: BOB, trip: trip.id, response: 'going' });

    expect(await write(trip.id, aliceRead, [goingRow(trip.id, ALICE)])).toBeNull();
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
    expect(await write(trip.id, before, [goingRow(trip.id, ALICE)])).toBeNull();
    expect(await listRsvps(database.db, trip.id)).toEqual([]);

    const written = await write(trip.id, await readState(trip.id), [goingRow(trip.id, ALICE)]);
    expect(written?.state).toBe(await readState(trip.id));
    expect((await listRsvps(database.db, trip.id)).map((row) => row.userId)).toEqual([ALICE]);
  });

  it('GIVEN a member going who said "I was there" WHEN the state is read before and after THEN attendance does not change it (a click after it is not refused)', async () => {
    const trip = await stop(null);
    await respond(testAppDeps(database, NOW), { guildId: GUILD, userId: ALICE, trip: trip.id, response: 'going' });
    const before = await readState(trip.id);
    await markAttended(database.db, trip.id, ALICE, NOW);
    expect(await readState(trip.id)).toBe(before);
  });

  it('GIVEN a state read WHEN the whole trip is cancelled, or the stop moved to another time, before the write THEN the write is refused', async () => {
    const trip = await stop(null);
    const before = await readState(trip.id);
    await updateTrip(database.db, GUILD, trip.tripId, { status: 'cancelled' }, NOW);
    expect(await write(trip.id, before, [goingRow(trip.id, ALICE)])).toBeNull();
    const other = await stop(null);
    const beforeMove = await readState(other.id);
    await updateStop(database.db, GUILD, other.id, { startsAt: new Date('2026-12-05T17:00:00Z') }, NOW);
    expect(await write(other.id, beforeMove, [goingRow(other.id, ALICE)])).toBeNull();
    expect(await listRsvps(database.db, trip.id)).toEqual([]);
    expect(await listRsvps(database.db, other.id)).toEqual([]);
  });

  it('GIVEN a write that went through WHEN the next one compares with the state it returned THEN it goes through too, and a third with the first state is refused', async () => {
    const trip = await stop(null);
    const first = await readState(trip.id);
    const written = await write(trip.id, first, [goingRow(trip.id, ALICE)]);
    expect(written).not.toBeNull();
    expect(await write(trip.id, written!.state, [goingRow(trip.id, BOB)])).not.toBeNull();
    expect(await write(trip.id, first, [goingRow(trip.id, HOST)])).toBeNull();
    expect((await listRsvps(database.db, trip.id)).map((row) => row.userId).sort()).toEqual([ALICE, BOB].sort());
  });
});
