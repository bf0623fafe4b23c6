import { describe, expect, it } from 'vitest';
import {
  applyResponse,
  countRsvps,
  promoteWaitlist,
  type Rsvp,
  type RsvpApplied,
  type RsvpInput,
  type RsvpResult,
  waitlistInOrder,
  waitlistPosition,
} from '../../src/domain/rsvp.js';

const T0 = new Date('2026-11-25T15:00:00Z').getTime();
/** The n-th minute after the announcement. */
const minute = (n: number) => new Date(T0 + n * 60_000);

function answer(userId: string, response: RsvpInput['response'], guests: number, at: number): RsvpInput {
  return { userId, response, guests, now: minute(at) };
}

function applied(result: RsvpResult): RsvpApplied {
  if (!result.ok) throw new Error(`expected success, got ${result.error.key}`);
  return result;
}

/** Plays answers in order from an empty meetup and returns the final state. */
function play(capacity: number | null, answers: RsvpInput[]): Rsvp[] {
  return answers.reduce<Rsvp[]>((state, input) => applied(applyResponse(state, input, capacity)).rsvps, []);
}

function statusOf(rsvps: readonly Rsvp[], userId: string) {
  return rsvps.find((rsvp) => rsvp.userId === userId)?.status;
}

describe('applyResponse — unlimited capacity', () => {
  it('GIVEN no capacity WHEN 30 members answer going with guests THEN all are going', () => {
    const answers = Array.from({ length: 30 }, (_, index) => answer(`u${index}`, 'going', 5, index));
    const rsvps = play(null, answers);
    expect(countRsvps(rsvps, null)).toEqual({
      going: 180,
      goingMembers: 30,
      maybe: 0,
      waitlist: 0,
      no: 0,
      seatsLeft: null,
    });
  });

  it('GIVEN a first answer WHEN going THEN outcome going and the answer is stored with its time', () => {
    const result = applied(applyResponse([], answer('ana', 'going', 1, 0), null));
    expect(result.outcome).toBe('going');
    expect(result.promoted).toEqual([]);
    expect(result.position).toBeUndefined();
    expect(result.rsvps).toEqual([
      { userId: 'ana', status: 'going', guests: 1, respondedAt: minute(0), waitlistedAt: null },
    ]);
  });
});

describe('applyResponse — capacity and waitlist', () => {
  /** Capacity 4: Ana +1 and Ben +1 fill it. */
  const full = () => play(4, [answer('ana', 'going', 1, 0), answer('ben', 'going', 1, 1)]);

  it('GIVEN a full meetup WHEN Chloé answers going THEN she is waitlisted at position 1', () => {
    const result = applied(applyResponse(full(), answer('chloe', 'going', 0, 2), 4));
    expect(result.outcome).toBe('waitlisted');
    expect(result.position).toBe(1);
    expect(result.rsvps.find((rsvp) => rsvp.userId === 'chloe')).toMatchObject({
      status: 'waitlist',
      waitlistedAt: minute(2),
    });
  });

  it('GIVEN a full meetup WHEN two more answer going THEN they wait in order 1 and 2', () => {
    let state = full();
    state = applied(applyResponse(state, answer('chloe', 'going', 0, 2), 4)).rsvps;
    const david = applied(applyResponse(state, answer('david', 'going', 0, 3), 4));
    expect(david.position).toBe(2);
    expect(waitlistInOrder(david.rsvps).map((rsvp) => rsvp.userId)).toEqual(['chloe', 'david']);
  });

  it('GIVEN two waiting WHEN Ana (+1) cancels THEN both waiting members are promoted, in order, and told', () => {
    let state = full();
    state = applied(applyResponse(state, answer('chloe', 'going', 0, 2), 4)).rsvps;
    state = applied(applyResponse(state, answer('david', 'going', 0, 3), 4)).rsvps;
    const result = applied(applyResponse(state, answer('ana', 'no', 0, 4), 4));
    expect(result.outcome).toBe('no');
    expect(result.promoted).toEqual(['chloe', 'david']);
    expect(statusOf(result.rsvps, 'chloe')).toBe('going');
    expect(result.rsvps.find((rsvp) => rsvp.userId === 'chloe')?.waitlistedAt).toBeNull();
    expect(countRsvps(result.rsvps, 4)).toMatchObject({ going: 4, seatsLeft: 0, waitlist: 0, no: 1 });
  });

  it('GIVEN the first waiting party is too big WHEN one seat frees THEN the next one who fits is promoted and the big party keeps its place', () => {
    let state = play(4, [answer('ana', 'going', 1, 0), answer('ben', 'going', 0, 1), answer('cleo', 'going', 0, 2)]);
    state = applied(applyResponse(state, answer('family', 'going', 3, 3), 4)).rsvps; // needs 4 seats
    state = applied(applyResponse(state, answer('solo', 'going', 0, 4), 4)).rsvps; // needs 1, none free
    expect(waitlistPosition(state, 'family')).toBe(1);
    expect(waitlistPosition(state, 'solo')).toBe(2);

    const result = applied(applyResponse(state, answer('ben', 'maybe', 0, 5), 4));
    expect(result.promoted).toEqual(['solo']);
    expect(waitlistPosition(result.rsvps, 'family')).toBe(1);
  });

  it('GIVEN a big party waiting WHEN enough seats free up THEN it is promoted before later arrivals', () => {
    let state = play(4, [answer('ana', 'going', 1, 0), answer('ben', 'going', 1, 1)]);
    state = applied(applyResponse(state, answer('duo', 'going', 1, 2), 4)).rsvps;
    state = applied(applyResponse(state, answer('solo', 'going', 0, 3), 4)).rsvps;
    const result = applied(applyResponse(state, answer('ana', 'no', 0, 4), 4));
    expect(result.promoted).toEqual(['duo']);
    expect(waitlistPosition(result.rsvps, 'solo')).toBe(1);
  });

  it('GIVEN a waiting member WHEN they answer going again with the same guests THEN unchanged and still at their place', () => {
    let state = full();
    state = applied(applyResponse(state, answer('chloe', 'going', 0, 2), 4)).rsvps;
    state = applied(applyResponse(state, answer('david', 'going', 0, 3), 4)).rsvps;
    const result = applied(applyResponse(state, answer('chloe', 'going', 0, 9), 4));
    expect(result).toMatchObject({ outcome: 'unchanged', position: 1, promoted: [] });
    expect(result.rsvps).toEqual(state);
  });

  it('GIVEN a waiting party WHEN it drops its guests and now fits THEN it goes, keeping priority, and is not in "promoted"', () => {
    let state = play(4, [answer('ana', 'going', 1, 0), answer('ben', 'going', 0, 1)]); // 3 used, 1 free
    state = applied(applyResponse(state, answer('trio', 'going', 2, 2), 4)).rsvps;
    expect(statusOf(state, 'trio')).toBe('waitlist');
    const result = applied(applyResponse(state, answer('trio', 'going', 0, 3), 4));
    expect(result.outcome).toBe('going');
    expect(result.promoted).toEqual([]);
    expect(result.position).toBeUndefined();
  });

  it('GIVEN a waiting member WHEN they change their guests but still do not fit THEN they keep their place', () => {
    let state = full();
    state = applied(applyResponse(state, answer('chloe', 'going', 2, 2), 4)).rsvps;
    state = applied(applyResponse(state, answer('david', 'going', 0, 3), 4)).rsvps;
    const result = applied(applyResponse(state, answer('chloe', 'going', 1, 4), 4));
    expect(result).toMatchObject({ outcome: 'waitlisted', position: 1 });
    expect(result.rsvps.find((rsvp) => rsvp.userId === 'chloe')).toMatchObject({ guests: 1, waitlistedAt: minute(2) });
  });

  it('GIVEN a waiting member WHEN they answer no THEN they leave the list and the others move up', () => {
    let state = full();
    state = applied(applyResponse(state, answer('chloe', 'going', 0, 2), 4)).rsvps;
    state = applied(applyResponse(state, answer('david', 'going', 0, 3), 4)).rsvps;
    const result = applied(applyResponse(state, answer('chloe', 'no', 0, 4), 4));
    expect(result.outcome).toBe('no');
    expect(waitlistPosition(result.rsvps, 'david')).toBe(1);
    expect(result.rsvps.find((rsvp) => rsvp.userId === 'chloe')?.waitlistedAt).toBeNull();
  });

  it('GIVEN a maybe WHEN the meetup is full and they switch to going THEN waitlisted from now', () => {
    let state = full();
    state = applied(applyResponse(state, answer('eve', 'maybe', 0, 2), 4)).rsvps;
    const result = applied(applyResponse(state, answer('eve', 'going', 0, 7), 4));
    expect(result).toMatchObject({ outcome: 'waitlisted', position: 1 });
    expect(result.rsvps.find((rsvp) => rsvp.userId === 'eve')?.waitlistedAt).toEqual(minute(7));
  });

  it('GIVEN a newcomer who fits WHILE a bigger party waits THEN the newcomer takes the seat (the party would not fit)', () => {
    let state = play(4, [answer('ana', 'going', 2, 0)]); // 3 used, 1 free
    state = applied(applyResponse(state, answer('duo', 'going', 1, 1), 4)).rsvps;
    const result = applied(applyResponse(state, answer('solo', 'going', 0, 2), 4));
    expect(result.outcome).toBe('going');
    expect(waitlistPosition(result.rsvps, 'duo')).toBe(1);
  });
});

describe('applyResponse — changing the number of guests while going', () => {
  it('GIVEN Ana going +1 and room WHEN she brings 2 more THEN going with the new count', () => {
    const state = play(10, [answer('ana', 'going', 1, 0)]);
    const result = applied(applyResponse(state, answer('ana', 'going', 3, 1), 10));
    expect(result.outcome).toBe('going');
    expect(countRsvps(result.rsvps, 10)).toMatchObject({ going: 4, seatsLeft: 6 });
  });

  it('GIVEN one free seat WHEN Ana going +1 asks for +3 THEN refused with how many guests fit, and she keeps her seat', () => {
    const state = play(5, [answer('ana', 'going', 1, 0), answer('ben', 'going', 1, 1)]); // 4 used, 1 free
    expect(applyResponse(state, answer('ana', 'going', 3, 2), 5)).toEqual({
      ok: false,
      error: { key: 'rsvp.guestsDontFit', params: { free: 1, maxGuests: 2, guests: 3 } },
    });
    expect(statusOf(state, 'ana')).toBe('going');
  });

  it('GIVEN a waitlist WHEN a going member brings fewer guests THEN the freed seats promote the next in line', () => {
    let state = play(4, [answer('ana', 'going', 3, 0)]);
    state = applied(applyResponse(state, answer('ben', 'going', 0, 1), 4)).rsvps;
    const result = applied(applyResponse(state, answer('ana', 'going', 2, 2), 4));
    expect(result).toMatchObject({ outcome: 'going', promoted: ['ben'] });
  });

  it('GIVEN Ana going WHEN she answers going again with the same guests THEN unchanged and the state is identical', () => {
    const state = play(4, [answer('ana', 'going', 1, 0)]);
    const result = applied(applyResponse(state, answer('ana', 'going', 1, 5), 4));
    expect(result).toMatchObject({ outcome: 'unchanged', promoted: [] });
    expect(result.rsvps).toEqual(state);
  });
});

describe('applyResponse — maybe and no', () => {
  it('GIVEN a no WHEN repeated THEN unchanged', () => {
    const state = play(4, [answer('ana', 'no', 0, 0)]);
    expect(applied(applyResponse(state, answer('ana', 'no', 0, 1), 4)).outcome).toBe('unchanged');
  });

  it('GIVEN a no with guests WHEN stored THEN guests are ignored (0)', () => {
    const result = applied(applyResponse([], answer('ana', 'no', 3, 0), 4));
    expect(result.rsvps[0]).toMatchObject({ status: 'no', guests: 0 });
  });

  it('GIVEN a maybe WHEN the answer changes to no THEN counts follow', () => {
    const state = play(4, [answer('ana', 'maybe', 0, 0), answer('ben', 'maybe', 0, 1)]);
    const result = applied(applyResponse(state, answer('ana', 'no', 0, 2), 4));
    expect(result.outcome).toBe('no');
    expect(countRsvps(result.rsvps, 4)).toEqual({
      going: 0,
      goingMembers: 0,
      maybe: 1,
      waitlist: 0,
      no: 1,
      seatsLeft: 4,
    });
  });

  it('GIVEN a going member WHEN they answer maybe THEN their seats are freed', () => {
    const state = play(4, [answer('ana', 'going', 2, 0)]);
    const result = applied(applyResponse(state, answer('ana', 'maybe', 0, 1), 4));
    expect(result.outcome).toBe('maybe');
    expect(countRsvps(result.rsvps, 4).seatsLeft).toBe(4);
  });
});

describe('applyResponse — validation and purity', () => {
  it.each([-1, 6, 1.5, Number.NaN])('GIVEN %s guests WHEN answering THEN rsvp.badGuests with the bounds', (guests) => {
    expect(applyResponse([], answer('ana', 'going', guests, 0), 4)).toEqual({
      ok: false,
      error: { key: 'rsvp.badGuests', params: { min: 0, max: 5, guests } },
    });
  });

  it('GIVEN 0 and 5 guests WHEN answering THEN accepted', () => {
    expect(applyResponse([], answer('ana', 'going', 0, 0), null).ok).toBe(true);
    expect(applyResponse([], answer('ana', 'going', 5, 0), null).ok).toBe(true);
  });

  it('GIVEN a state WHEN an answer is applied THEN the input array and its objects are not modified', () => {
    const state = play(2, [answer('ana', 'going', 1, 0), answer('ben', 'going', 0, 1)]);
    const snapshot = structuredClone(state);
    applyResponse(state, answer('ana', 'no', 0, 2), 2);
    expect(state).toEqual(snapshot);
  });
});

describe('capacity lowered below the seats taken', () => {
  it('GIVEN 4 going and capacity now 2 WHEN counted THEN nobody is demoted and no seat is left', () => {
    const state = play(null, [answer('a', 'going', 0, 0), answer('b', 'going', 0, 1), answer('c', 'going', 1, 2)]);
    expect(countRsvps(state, 2)).toMatchObject({ going: 4, goingMembers: 3, seatsLeft: 0 });
  });

  it('GIVEN an overfull meetup WHEN a newcomer answers going THEN waitlisted', () => {
    const state = play(null, [answer('a', 'going', 3, 0)]);
    expect(applied(applyResponse(state, answer('b', 'going', 0, 1), 2)).outcome).toBe('waitlisted');
  });

  it('GIVEN an overfull meetup WHEN a going member answers going with the same guests THEN unchanged, not refused', () => {
    const state = play(null, [answer('a', 'going', 3, 0)]);
    expect(applied(applyResponse(state, answer('a', 'going', 3, 1), 2)).outcome).toBe('unchanged');
  });

  it('GIVEN an overfull meetup WHEN a going member brings fewer guests (still too many) THEN accepted', () => {
    const state = play(null, [answer('a', 'going', 3, 0)]);
    const result = applied(applyResponse(state, answer('a', 'going', 2, 1), 2));
    expect(result.outcome).toBe('going');
    expect(countRsvps(result.rsvps, 2)).toMatchObject({ going: 3, seatsLeft: 0 });
  });
});

describe('promoteWaitlist', () => {
  it('GIVEN the host raises the capacity WHEN the waitlist is served THEN those who fit are promoted in order', () => {
    const state = play(2, [
      answer('a', 'going', 1, 0),
      answer('b', 'going', 0, 1),
      answer('c', 'going', 2, 2),
      answer('d', 'going', 0, 3),
    ]);
    const { rsvps, promoted } = promoteWaitlist(state, 4);
    expect(promoted).toEqual(['b', 'd']);
    expect(statusOf(rsvps, 'c')).toBe('waitlist');
  });

  it('GIVEN unlimited capacity WHEN the waitlist is served THEN everyone waiting goes', () => {
    const state = play(1, [answer('a', 'going', 0, 0), answer('b', 'going', 5, 1)]);
    expect(promoteWaitlist(state, null).promoted).toEqual(['b']);
  });
});

describe('waitlist order', () => {
  it('GIVEN equal waitlistedAt WHEN ordered THEN respondedAt decides, then the user id', () => {
    const rsvp = (userId: string, waitlisted: number, responded: number): Rsvp => ({
      userId,
      status: 'waitlist',
      guests: 0,
      respondedAt: minute(responded),
      waitlistedAt: minute(waitlisted),
    });
    const order = waitlistInOrder([rsvp('z', 5, 9), rsvp('y', 5, 6), rsvp('x', 1, 9), rsvp('w', 5, 6)]);
    expect(order.map((entry) => entry.userId)).toEqual(['x', 'w', 'y', 'z']);
  });

  it('GIVEN someone not waiting WHEN their position is asked THEN null', () => {
    expect(waitlistPosition(play(null, [answer('a', 'going', 0, 0)]), 'a')).toBeNull();
  });
});
