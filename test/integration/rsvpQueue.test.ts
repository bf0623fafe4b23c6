import { describe, expect, it } from 'vitest';
import { createRsvpQueue } from '../../src/app/rsvpQueue.js';
import { tallyRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTrip } from '../../src/db/repositories/trips.js';
import { useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

/**
 * The RSVP queue on the embedded database. PGlite runs in the bot's own thread and its queries resolve as
 * microtasks: a queue that went from one batch to the next without a turn of the event loop would keep every
 * timer, socket write and incoming request waiting until the whole burst was drained, so the first members' answers
 * would not leave before the last ones were saved (1,260 clicks missed Discord's 3 s in the bench before the fix).
 */
const GUILD = '100000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');
const member = (index: number) => `4000000000000${String(index).padStart(5, '0')}`;

describe('the RSVP queue on the embedded database (PGlite)', () => {
  const database = useTestDatabase('pglite');

  it('GIVEN a burst of 600 clicks on one trip, drained in batches of 50 WHEN the batches are saved THEN the event loop turns after each batch, so the replies of the members already saved go out while the others still wait', async () => {
    const deps = testAppDeps(database, NOW);
    const trip = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: member(0),
      townName: 'Rimouski',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      durationMinutes: 90,
      capacity: 50,
      channelId: '110000000000000001',
      messageId: '120000000000000001',
      createdAt: NOW,
      updatedAt: NOW,
    });
    const queue = createRsvpQueue(deps, { maxBatch: 50 });
    const total = 600;
    let answered = 0;
    const clicks = Array.from({ length: total }, (_, index) =>
      queue.submit({ guildId: GUILD, userId: member(index + 1), trip: trip.id, response: 'going' }).then((result) => {
        answered++;
        return result;
      }),
    );
    // What a member's reply needs to leave: a turn of the event loop. Count answers each time one comes.
    const seenByTurns: number[] = [];
    let polling = true;
    const poll = () => {
      seenByTurns.push(answered);
      if (polling) setImmediate(poll);
    };
    setImmediate(poll);
    const results = await Promise.all(clicks);
    polling = false;
    await queue.idle();

    expect(results.filter((result) => result.status === 'going')).toHaveLength(50);
    expect((await tallyRsvps(deps.db, [trip.id])).get(trip.id)).toMatchObject({ goingSeats: 50, waitlistMembers: 550 });
    const whileDraining = new Set(seenByTurns.filter((count) => count > 0 && count < total));
    // One turn at least after each of the 12 batches but the last (and the very first, lone click's).
    expect(whileDraining.size).toBeGreaterThanOrEqual(total / 50 - 2);
  });
});
