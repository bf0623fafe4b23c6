import { describe, expect, it } from 'vitest';
import { respond } from '../../src/app/rsvp.js';
import { createRsvpQueue } from '../../src/app/rsvpQueue.js';
import { listRsvps, markAttended } from '../../src/db/repositories/rsvps.js';
import { insertTrip, updateStop } from '../../src/db/repositories/trips.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

/**
 * The RSVP queue keeps the stops it answered lately with their answers, and decides the next answer on what it kept,
 * written by one compare-and-set. Whatever else writes to the stop meanwhile (another process, /trip edit, a member
 * leaving, a recap) must win: the kept answers are then stale, the compare fails, nothing is written, and the answer
 * is decided again on what the database holds.
 */
const GUILD = '100000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');
const member = (index: number) => `4000000000000${String(index).padStart(5, '0')}`;

describe.each(testDatabaseKinds())('answers decided on the stop the queue kept, on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup(capacity: number | null) {
    const deps = testAppDeps(database, NOW);
    const trip = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: member(0),
      townName: 'Rimouski',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      durationMinutes: 90,
      capacity,
      channelId: '110000000000000001',
      messageId: '120000000000000001',
      createdAt: NOW,
      updatedAt: NOW,
    });
    const queue = createRsvpQueue(deps);
    const click = (index: number, response: string) =>
      queue.submit({ guildId: GUILD, userId: member(index), trip: trip.id, response });
    const elsewhere = (index: number, response: string) =>
      respond(deps, { guildId: GUILD, userId: member(index), trip: trip.id, response });
    return { deps, trip, queue, click, elsewhere };
  }

  it('GIVEN a trip of 2 seats the queue answered once WHEN another process fills the last seat THEN the next click through the queue is waitlisted, not a third seat', async () => {
    const { deps, trip, click, elsewhere } = await setup(2);
    expect((await click(1, 'going')).status).toBe('going');
    expect((await elsewhere(2, 'going')).status).toBe('going');
    const third = await click(3, 'going');
    expect(third).toMatchObject({ status: 'waitlist', position: 1, counts: { going: 2, waitlist: 1 } });
    const stored = await listRsvps(deps.db, trip.id);
    expect(stored.map((row) => [row.userId, row.status])).toEqual([
      [member(1), 'going'],
      [member(2), 'going'],
      [member(3), 'waitlist'],
    ]);
  });

  it('GIVEN a trip of 1 seat the queue knows, one member going and one waiting WHEN /trip edit raises it to 3 seats and a third member clicks "going" THEN the new seats are counted: the waiting member is promoted first, the third goes too', async () => {
    const { deps, trip, click } = await setup(1);
    await click(1, 'going');
    expect((await click(2, 'going')).status).toBe('waitlist');
    await updateStop(deps.db, GUILD, trip.id, { capacity: 3 }, NOW);
    const third = await click(3, 'going');
    expect(third).toMatchObject({ status: 'going', promoted: [member(2)], counts: { going: 3, waitlist: 0 } });
    expect((await listRsvps(deps.db, trip.id)).map((row) => row.status)).toEqual(['going', 'going', 'going']);
  });

  it('GIVEN a stop the queue knows WHEN the trip is cancelled elsewhere THEN a click that changes nothing in the kept answers is still refused as cancelled', async () => {
    const { deps, trip, click } = await setup(null);
    await click(1, 'going');
    await updateStop(deps.db, GUILD, trip.id, { status: 'cancelled' }, NOW);
    const error = await failure(click(1, 'going'));
    expect(error).toMatchObject({ key: 'rsvp.tripCancelled' });
    const changed = await failure(click(2, 'maybe'));
    expect(changed).toMatchObject({ key: 'rsvp.tripCancelled' });
    expect((await listRsvps(deps.db, trip.id)).map((row) => row.userId)).toEqual([member(1)]);
  });

  it('GIVEN many answers through the queue, some of them while other answers land elsewhere WHEN all are done THEN every answer is stored once and the counts each member was told add up', async () => {
    const { deps, trip, click, elsewhere } = await setup(10);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        index % 4 === 3 ? elsewhere(index + 1, 'going') : click(index + 1, 'going'),
      ),
    );
    expect(results.filter((result) => result.status === 'going')).toHaveLength(10);
    expect(results.filter((result) => result.status === 'waitlist')).toHaveLength(20);
    const stored = await listRsvps(deps.db, trip.id);
    expect(stored).toHaveLength(30);
    expect(stored.filter((row) => row.status === 'going')).toHaveLength(10);
    expect(
      new Set(stored.filter((row) => row.status === 'waitlist').map((row) => row.waitlistedAt?.getTime())).size,
    ).toBe(20);
  });

  it('GIVEN a member who said "I was there" at a stop the queue knows WHEN they answer again THEN their attendance is kept', async () => {
    const { deps, trip, click } = await setup(null);
    await click(1, 'going');
    await markAttended(deps.db, trip.id, member(1), NOW);
    await click(1, 'maybe');
    const [row] = await listRsvps(deps.db, trip.id);
    expect(row).toMatchObject({ status: 'maybe', attendedAt: NOW });
  });
});
