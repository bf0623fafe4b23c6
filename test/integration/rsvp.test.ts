import { describe, expect, it } from 'vitest';
import type { UserFacingError } from '../../src/app/errors.js';
import { notifyPromoted } from '../../src/app/notices.js';
import { respond, respondMany } from '../../src/app/rsvp.js';
import { createRsvpQueue } from '../../src/app/rsvpQueue.js';
import { listRsvps, tallyRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTrip, type NewTrip, recordTripThread, type TripRow } from '../../src/db/repositories/trips.js';
import type { ManualClock } from '../../src/domain/clock.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';
import { testAppDeps } from '../support/fakeTownRoles.js';
import { FakeTripPort } from './tripsFakePort.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const HOST = '300000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');
const member = (index: number) => `4000000000000${String(index).padStart(5, '0')}`;
const [ANN, BEN, CHLOE, DAVID] = [1, 2, 3, 4].map(member) as [string, string, string, string];

describe.each(testDatabaseKinds())('RSVPs on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup(trip: Partial<NewTrip> = {}) {
    const deps = testAppDeps(database, NOW);
    const saved = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: HOST,
      townName: 'Rimouski',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      durationMinutes: 90,
      capacity: 3,
      channelId: '110000000000000001',
      messageId: '120000000000000001',
      createdAt: NOW,
      updatedAt: NOW,
      ...trip,
    });
    const clock = deps.clock as ManualClock;
    const answer = (userId: string, response: string, guests?: number) => {
      clock.advance(1_000);
      return respond(deps, { guildId: GUILD, userId, trip: saved.id, response, guests });
    };
    const statuses = async () =>
      Object.fromEntries((await listRsvps(deps.db, saved.id)).map((row) => [row.userId, row.status]));
    return { deps, trip: saved, answer, statuses, clock };
  }

  it('GIVEN 3 seats WHEN four members say going THEN three go and the fourth is first on the waitlist', async () => {
    const { answer, statuses } = await setup();
    expect(await answer(ANN, 'going')).toMatchObject({ outcome: 'going', counts: { going: 1, seatsLeft: 2 } });
    await answer(BEN, 'going');
    expect(await answer(CHLOE, 'going')).toMatchObject({ status: 'going', counts: { going: 3, seatsLeft: 0 } });
    expect(await answer(DAVID, 'going')).toMatchObject({ outcome: 'waitlisted', status: 'waitlist', position: 1 });
    expect(await statuses()).toEqual({ [ANN]: 'going', [BEN]: 'going', [CHLOE]: 'going', [DAVID]: 'waitlist' });
  });

  it('GIVEN a full trip and two waiting WHEN a member going says no THEN the first waiting is promoted and reported', async () => {
    const { answer, statuses } = await setup({ capacity: 2 });
    await answer(ANN, 'going');
    await answer(BEN, 'going');
    await answer(CHLOE, 'going');
    expect(await answer(DAVID, 'going')).toMatchObject({ position: 2 });
    const leaving = await answer(ANN, 'no');
    expect(leaving).toMatchObject({ outcome: 'no', promoted: [CHLOE] });
    expect(await statuses()).toMatchObject({ [ANN]: 'no', [CHLOE]: 'going', [DAVID]: 'waitlist' });
    expect(await answer(DAVID, 'going')).toMatchObject({ outcome: 'unchanged', position: 1 });
  });

  it('GIVEN guests WHEN a member brings 2 with 2 seats left THEN the party of 3 waits; a party that fits is not held behind it', async () => {
    const { answer } = await setup({ capacity: 3 });
    await answer(ANN, 'going');
    expect(await answer(BEN, 'going', 2)).toMatchObject({ status: 'waitlist', guests: 2, position: 1 });
    expect(await answer(CHLOE, 'going', 1)).toMatchObject({ status: 'going', counts: { going: 3 } });
  });

  it('GIVEN a member going WHEN they ask for more guests than fit THEN refused with how many fit, their seat is kept; fewer works', async () => {
    const { answer, statuses } = await setup({ capacity: 3 });
    await answer(ANN, 'going', 1);
    const error = await failure(answer(ANN, 'going', 3));
    expect(error.key).toBe('rsvp.guestsDontFit');
    expect(error.params).toMatchObject({ maxGuests: 2 });
    expect(await statuses()).toEqual({ [ANN]: 'going' });
    expect(await answer(ANN, 'going', 2)).toMatchObject({ guests: 2, counts: { going: 3 } });
    expect((await failure(answer(BEN, 'going', 6))).key).toBe('rsvp.badGuests');
  });

  it('GIVEN a member going with a guest WHEN they click "going" again THEN nothing changes, their guest is kept', async () => {
    const { deps, trip, answer } = await setup();
    await answer(ANN, 'going', 1);
    const before = await listRsvps(deps.db, trip.id);
    const again = await respond(deps, { guildId: GUILD, userId: ANN, trip: trip.id, response: 'going' });
    expect(again).toMatchObject({ outcome: 'unchanged', status: 'going', guests: 1 });
    expect(await listRsvps(deps.db, trip.id)).toEqual(before);
  });

  it('GIVEN forged or stale ids WHEN answering THEN each is refused clearly and nothing is written', async () => {
    const { deps, trip } = await setup();
    const other = await insertTrip(deps.db, {
      guildId: OTHER_GUILD,
      hostId: HOST,
      townName: 'Matane',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      createdAt: NOW,
      updatedAt: NOW,
    });
    const attempt = (tripRef: string | number, response: string) =>
      failure(respond(deps, { guildId: GUILD, userId: ANN, trip: tripRef, response }));
    expect((await attempt('abc', 'going')).key).toBe('rsvp.unknownTrip');
    expect((await attempt('999999', 'going')).key).toBe('rsvp.unknownTrip');
    expect((await attempt('99999999999999999999', 'going')).key).toBe('rsvp.unknownTrip');
    expect((await attempt(other.id, 'going')).key).toBe('rsvp.unknownTrip');
    expect((await attempt(trip.id, 'yes')).key).toBe('rsvp.badResponse');
    expect((await attempt(trip.id, '')).key).toBe('rsvp.badResponse');
    expect(await listRsvps(deps.db, trip.id)).toEqual([]);
    expect(await listRsvps(deps.db, other.id)).toEqual([]);
  });

  it('GIVEN a cancelled trip or one that ended WHEN answering THEN refused, naming the trip', async () => {
    const { deps, trip, clock } = await setup();
    const cancelled = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: HOST,
      townName: 'Matane',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      status: 'cancelled',
      createdAt: NOW,
      updatedAt: NOW,
    });
    const error = await failure(respond(deps, { guildId: GUILD, userId: ANN, trip: cancelled.id, response: 'going' }));
    expect(error).toMatchObject({ key: 'rsvp.tripCancelled', params: { id: cancelled.id } });
    // During the meetup one may still say one is coming; after its end, no.
    clock.set('2026-12-04T17:30:00Z');
    expect(await respond(deps, { guildId: GUILD, userId: ANN, trip: trip.id, response: 'going' })).toMatchObject({
      status: 'going',
    });
    clock.set('2026-12-04T18:30:00Z');
    expect((await failure(respond(deps, { guildId: GUILD, userId: BEN, trip: trip.id, response: 'going' }))).key).toBe(
      'rsvp.tripPast',
    );
  });

  it('GIVEN answers for one trip in one batch WHEN one of them asks too many guests THEN only that one fails and the others are saved in order', async () => {
    const { deps, trip } = await setup({ capacity: 2 });
    const results = await respondMany(deps, [
      { guildId: GUILD, userId: ANN, trip: trip.id, response: 'going' },
      { guildId: GUILD, userId: BEN, trip: trip.id, response: 'going', guests: 9 },
      { guildId: GUILD, userId: CHLOE, trip: trip.id, response: 'going' },
      { guildId: GUILD, userId: DAVID, trip: trip.id, response: 'going' },
    ]);
    expect(results.map((result) => (result.ok ? result.value.status : (result.error as UserFacingError).key))).toEqual([
      'going',
      'rsvp.badGuests',
      'going',
      'waitlist',
    ]);
    expect(await tallyRsvps(deps.db, [trip.id])).toEqual(
      new Map([[trip.id, { goingSeats: 2, goingMembers: 2, maybe: 0, waitlistSeats: 1, waitlistMembers: 1 }]]),
    );
  });

  // 200 members clicking at the same moment, each in its own transaction: test/integration/concurrency.test.ts
  // (Postgres only; on PGlite's single connection no two transactions overlap).

  it('GIVEN a trip of 50 seats WHEN a burst of 2,000 clicks goes through the queue THEN the first 50 to click go, the others wait in click order, none is lost', async () => {
    const { deps, trip } = await setup({ capacity: 50 });
    const queue = createRsvpQueue(deps);
    const members = Array.from({ length: 2_000 }, (_, index) => member(1_000 + index));
    const results = await Promise.all(
      members.map((userId) => queue.submit({ guildId: GUILD, userId, trip: trip.id, response: 'going' })),
    );
    expect(results.slice(0, 50).every((result) => result.status === 'going')).toBe(true);
    expect(results.slice(50).map((result) => result.position)).toEqual(
      Array.from({ length: 1_950 }, (_, index) => index + 1),
    );
    expect((await tallyRsvps(deps.db, [trip.id])).get(trip.id)).toMatchObject({
      goingSeats: 50,
      waitlistMembers: 1_950,
    });
    await queue.idle();
  });

  it('GIVEN a queue WHEN clicks carry a forged id, a bad word or target a cancelled trip THEN each click gets its own refusal and the good ones are saved', async () => {
    const { deps, trip } = await setup({ capacity: 5 });
    const queue = createRsvpQueue(deps);
    const outcomes = await Promise.allSettled([
      queue.submit({ guildId: GUILD, userId: ANN, trip: trip.id, response: 'going' }),
      queue.submit({ guildId: GUILD, userId: BEN, trip: 'x1', response: 'going' }),
      queue.submit({ guildId: GUILD, userId: CHLOE, trip: trip.id, response: 'perhaps' }),
      queue.submit({ guildId: OTHER_GUILD, userId: DAVID, trip: trip.id, response: 'going' }),
      queue.submit({ guildId: GUILD, userId: DAVID, trip: trip.id, response: 'maybe' }),
    ]);
    expect(
      outcomes.map((outcome) =>
        outcome.status === 'fulfilled' ? outcome.value.status : (outcome.reason as UserFacingError).key,
      ),
    ).toEqual(['going', 'rsvp.unknownTrip', 'rsvp.badResponse', 'rsvp.unknownTrip', 'maybe']);
  });

  it('GIVEN two promoted members, one with closed DMs WHEN told THEN one gets a DM and the other one thread message mentioning only them', async () => {
    const { deps, trip } = await setup();
    const port = new FakeTripPort();
    port.closedDms.add(BEN);
    const told = await notifyPromoted(deps, port, { trip, userIds: [ANN, BEN] });
    expect(told).toEqual({ dmed: [ANN], inThread: [BEN] });
    expect(port.directMessages).toEqual([{ userId: ANN, content: expect.stringContaining('#1') }]);
    const messages = port.threadMessages();
    expect(messages).toHaveLength(1);
    expect(messages[0]?.mentionUserIds).toEqual([BEN]);
    expect(messages[0]?.content.startsWith(`<@${BEN}>`)).toBe(true);
  });

  it('GIVEN a thread already opened WHEN 150 members are told THEN mentions are split by length: two messages of at most 2,000 characters and 90 mentions, each member once', async () => {
    const { deps, trip } = await setup();
    await recordTripThread(deps.db, GUILD, trip.id, '130000000000000001');
    const withThread: TripRow = { ...trip, threadId: '130000000000000001' };
    const port = new FakeTripPort();
    const members = Array.from({ length: 150 }, (_, index) => member(500 + index));
    for (const userId of members) port.closedDms.add(userId);
    await notifyPromoted(deps, port, { trip: withThread, userIds: members });
    const messages = port.threads.get('130000000000000001')?.messages ?? [];
    // 150 mentions of 22 characters do not fit in one message; 85 do (split by length, not by a count of 90).
    expect(messages.map((message) => message.mentionUserIds.length)).toEqual([85, 65]);
    expect(messages.every((message) => message.mentionUserIds.length <= 90)).toBe(true);
    expect(messages.flatMap((message) => message.mentionUserIds)).toEqual(members);
    expect(messages.every((message) => message.content.length <= 2_000)).toBe(true);
  });
});
