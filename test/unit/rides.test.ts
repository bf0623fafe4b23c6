import { describe, expect, it } from 'vitest';
import {
  activeMatchOf,
  countRides,
  matchWaitingNeeds,
  offerFits,
  pickupOrder,
  RIDE_DETOUR_MINUTES,
  type RideBoard,
  type RideMatch,
  type RideNeed,
  type RideOffer,
  rankOffersFor,
  rideDetourMinutes,
  seatsLeft,
  summarizeSharedRides,
  validateOfferTerms,
  waitingNeeds,
} from '../../src/domain/rides.js';
import { BAS_SAINT_LAURENT_PRESET, drivePairKey } from '../../src/domain/towns.js';

/** The region of STORY.md, as `/town preset region:bas-saint-laurent` loads it. */
const TOWNS = BAS_SAINT_LAURENT_PRESET.towns.map((town, index) => ({ id: `t${index + 1}`, ...town }));

function town(name: string) {
  const found = TOWNS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no preset town ${name}`);
  return found;
}

const RDL = town('Rivière-du-Loup');
const RIMOUSKI = town('Rimouski');
const AT = (minute: number) => new Date(Date.UTC(2026, 11, 1, 12, minute));

function offer(
  id: string,
  from: string,
  seats = 2,
  detourMinutes = 15,
  minute = 0,
  userId = `driver-${id}`,
): RideOffer {
  return { id, userId, from: town(from), seats, detourMinutes, offeredAt: AT(minute) };
}

function need(id: string, from: string, minute = 0, userId = `rider-${id}`): RideNeed {
  return { id, userId, from: town(from), neededAt: AT(minute) };
}

function board(parts: Partial<RideBoard>): RideBoard {
  return { destination: RIMOUSKI, offers: [], needs: [], matches: [], ...parts };
}

/** Applies new proposals to a board, as the use cases store them. */
function withProposals(current: RideBoard): RideBoard {
  const proposed: RideMatch[] = matchWaitingNeeds(current).map(({ needId, offerId }) => ({
    needId,
    offerId,
    status: 'proposed',
  }));
  return { ...current, matches: [...current.matches, ...proposed] };
}

describe('rideDetourMinutes on the road Rivière-du-Loup → Rimouski (default estimate)', () => {
  it('GIVEN a rider in Trois-Pistoles WHEN measured THEN on the way: under 5 minutes', () => {
    const detour = rideDetourMinutes(RDL, town('Trois-Pistoles'), RIMOUSKI);
    expect(detour).not.toBeNull();
    expect(detour).toBeLessThan(5);
  });

  it('GIVEN a rider in Témiscouata-sur-le-Lac WHEN measured THEN about 30 minutes off (25–40)', () => {
    const detour = rideDetourMinutes(RDL, town('Témiscouata-sur-le-Lac'), RIMOUSKI);
    expect(detour).toBeGreaterThanOrEqual(25);
    expect(detour).toBeLessThanOrEqual(40);
  });

  it('GIVEN a rider in Saint-Pascal (behind the driver) WHEN measured THEN about an hour (50–70)', () => {
    const detour = rideDetourMinutes(RDL, town('Saint-Pascal'), RIMOUSKI);
    expect(detour).toBeGreaterThanOrEqual(50);
    expect(detour).toBeLessThanOrEqual(70);
  });

  it('GIVEN a rider in Matane (past the destination) WHEN measured THEN over two hours: there and back', () => {
    expect(rideDetourMinutes(RDL, town('Matane'), RIMOUSKI)).toBeGreaterThan(120);
  });

  it('GIVEN a rider in the driver’s own town WHEN measured THEN 0', () => {
    expect(rideDetourMinutes(RDL, RDL, RIMOUSKI)).toBe(0);
  });

  it('GIVEN a rider in a town without coordinates and no override WHEN measured THEN unknown (null)', () => {
    expect(rideDetourMinutes(RDL, { id: 'island', lat: null, lon: null }, RIMOUSKI)).toBeNull();
  });

  it('GIVEN a rider in the driver’s own town without coordinates WHEN measured THEN 0 all the same', () => {
    const island = { id: 'island', lat: null, lon: null };
    expect(rideDetourMinutes(island, island, RIMOUSKI)).toBe(0);
  });
});

describe('offerFits: the offer’s detour and the drive-time overrides of /town drive-time', () => {
  it('GIVEN an offer from Rivière-du-Loup with detour 15 WHEN riders ask from each town THEN only those on the way fit', () => {
    const drive = offer('o', 'Rivière-du-Loup', 2, 15);
    const fitting = TOWNS.filter((rider) => offerFits(drive, rider, RIMOUSKI)).map((rider) => rider.name);
    expect(fitting).toEqual(['Rivière-du-Loup', 'Trois-Pistoles', 'Rimouski']);
  });

  it('GIVEN detour 60 WHEN a rider asks from Saint-Pascal and from Témiscouata THEN Témiscouata fits, Saint-Pascal is just over', () => {
    const drive = offer('o', 'Rivière-du-Loup', 2, 60);
    expect(offerFits(drive, town('Témiscouata-sur-le-Lac'), RIMOUSKI)).toBe(true);
    expect(offerFits(drive, town('Saint-Pascal'), RIMOUSKI)).toBe(false);
  });

  it('GIVEN an admin override making Trois-Pistoles → Rimouski 2 hours (road closed) WHEN matched THEN it no longer fits', () => {
    const overrides = new Map([[drivePairKey(town('Trois-Pistoles').id, RIMOUSKI.id), 120]]);
    const drive = offer('o', 'Rivière-du-Loup', 2, 15);
    expect(offerFits(drive, town('Trois-Pistoles'), RIMOUSKI, overrides)).toBe(false);
    expect(rideDetourMinutes(RDL, town('Trois-Pistoles'), RIMOUSKI, overrides)).toBeGreaterThan(60);
  });

  it('GIVEN overrides shortening the road through Témiscouata WHEN matched with detour 15 THEN it fits', () => {
    const temis = town('Témiscouata-sur-le-Lac');
    const overrides = new Map([
      [drivePairKey(RDL.id, temis.id), 40],
      [drivePairKey(temis.id, RIMOUSKI.id), 50],
    ]);
    expect(rideDetourMinutes(RDL, temis, RIMOUSKI, overrides)).toBeLessThanOrEqual(15);
    expect(offerFits(offer('o', 'Rivière-du-Loup', 2, 15), temis, RIMOUSKI, overrides)).toBe(true);
  });

  it('GIVEN a town without coordinates but with overrides to both ends WHEN matched THEN the overrides decide', () => {
    const island = { id: 'island', lat: null, lon: null };
    const overrides = new Map([
      [drivePairKey(RDL.id, 'island'), 30],
      [drivePairKey('island', RIMOUSKI.id), 60],
    ]);
    expect(rideDetourMinutes(RDL, island, RIMOUSKI, overrides)).toBe(30 + 60 - 81);
    expect(offerFits(offer('o', 'Rivière-du-Loup', 2, 15), island, RIMOUSKI, overrides)).toBe(true);
  });
});

describe('matchWaitingNeeds: the issue’s scenario', () => {
  const drive = offer('o1', 'Rivière-du-Loup', 2, 15, 0);
  const needs = [
    need('n-tp', 'Trois-Pistoles', 1),
    need('n-rdl', 'Rivière-du-Loup', 2),
    need('n-temis', 'Témiscouata-sur-le-Lac', 3),
    need('n-matane', 'Matane', 4),
  ];

  it('GIVEN an offer with 2 seats and detour 15 WHEN four needs arrive THEN Trois-Pistoles and Rivière-du-Loup are matched, the others wait', () => {
    const after = withProposals(board({ offers: [drive], needs }));
    expect(after.matches.map((match) => match.needId)).toEqual(['n-tp', 'n-rdl']);
    expect(waitingNeeds(after).map((waiting) => waiting.id)).toEqual(['n-temis', 'n-matane']);
    expect(seatsLeft(drive, after.matches)).toBe(0);
  });

  it('GIVEN the two seats taken WHEN a third need that fits arrives THEN it waits: never more riders than seats', () => {
    const full = withProposals(board({ offers: [drive], needs }));
    const third = need('n-tp2', 'Trois-Pistoles', 5);
    const after = withProposals({ ...full, needs: [...needs, third] });
    expect(activeMatchOf(after, 'n-tp2')).toBeUndefined();
    expect(after.matches.filter((match) => match.offerId === 'o1')).toHaveLength(2);
  });

  it('GIVEN the driver cancels WHEN a second offer from Trois-Pistoles arrives THEN it picks up the riders it fits, by age', () => {
    const first = withProposals(board({ offers: [drive], needs }));
    const second = offer('o2', 'Trois-Pistoles', 3, 15, 10);
    const after = withProposals({ ...first, offers: [second] });
    // From Trois-Pistoles, a rider in Rivière-du-Loup is behind the driver (> 1 h): only Trois-Pistoles fits.
    expect(after.matches.filter((match) => match.offerId === 'o2').map((match) => match.needId)).toEqual(['n-tp']);
    expect(waitingNeeds(after).map((waiting) => waiting.id)).toEqual(['n-rdl', 'n-temis', 'n-matane']);
  });

  it('GIVEN the driver cancels WHEN a second offer from Rivière-du-Loup arrives THEN both riders are matched again', () => {
    const first = withProposals(board({ offers: [drive], needs }));
    const second = offer('o2', 'Rivière-du-Loup', 4, 15, 10);
    const after = withProposals({ ...first, offers: [second] });
    expect(
      after.matches
        .filter((match) => match.offerId === 'o2')
        .map((match) => match.needId)
        .sort(),
    ).toEqual(['n-rdl', 'n-tp']);
  });
});

describe('matchWaitingNeeds: choosing among offers', () => {
  it('GIVEN two fitting offers WHEN a need arrives THEN the one with the smallest detour', () => {
    const far = offer('far', 'Rivière-du-Loup', 2, 60, 0);
    const near = offer('near', 'Témiscouata-sur-le-Lac', 2, 15, 5);
    const ranked = rankOffersFor(need('n', 'Témiscouata-sur-le-Lac'), board({ offers: [far, near] }));
    expect(ranked.map((entry) => entry.offer.id)).toEqual(['near', 'far']);
    expect(ranked.map((entry) => entry.detourMinutes)).toEqual([0, 32]);
  });

  it('GIVEN two offers with the same detour WHEN a need arrives THEN the earliest offer', () => {
    const late = offer('late', 'Rivière-du-Loup', 2, 15, 9);
    const early = offer('early', 'Rivière-du-Loup', 2, 15, 1);
    expect(matchWaitingNeeds(board({ offers: [late, early], needs: [need('n', 'Rivière-du-Loup')] }))).toEqual([
      { needId: 'n', offerId: 'early', detourMinutes: 0 },
    ]);
  });

  it('GIVEN a full best offer WHEN a need arrives THEN the next offer that fits and has a seat', () => {
    const best = offer('best', 'Trois-Pistoles', 1, 15, 0);
    const other = offer('other', 'Rivière-du-Loup', 1, 15, 1);
    const taken: RideMatch = { offerId: 'best', needId: 'n1', status: 'accepted' };
    const current = board({
      offers: [best, other],
      needs: [need('n1', 'Trois-Pistoles', 0), need('n2', 'Trois-Pistoles', 1)],
      matches: [taken],
    });
    expect(matchWaitingNeeds(current)).toEqual([{ needId: 'n2', offerId: 'other', detourMinutes: 0 }]);
  });

  it('GIVEN one seat and two waiting needs WHEN an offer arrives THEN the need asked first gets it', () => {
    const drive = offer('o', 'Rivière-du-Loup', 1, 15, 20);
    const result = matchWaitingNeeds(
      board({ offers: [drive], needs: [need('late', 'Rivière-du-Loup', 9), need('early', 'Trois-Pistoles', 1)] }),
    );
    expect(result.map((match) => match.needId)).toEqual(['early']);
  });

  it('GIVEN a driver who declined a need WHEN matched again THEN the next offer, else it waits', () => {
    const first = offer('first', 'Rivière-du-Loup', 2, 15, 0);
    const second = offer('second', 'Rivière-du-Loup', 2, 15, 5);
    const declined: RideMatch = { offerId: 'first', needId: 'n', status: 'declined' };
    const needs = [need('n', 'Trois-Pistoles')];
    expect(matchWaitingNeeds(board({ offers: [first, second], needs, matches: [declined] }))).toEqual([
      { needId: 'n', offerId: 'second', detourMinutes: 0 },
    ]);
    expect(matchWaitingNeeds(board({ offers: [first], needs, matches: [declined] }))).toEqual([]);
  });

  it('GIVEN a declined proposal WHEN seats are counted THEN the seat is free again', () => {
    const drive = offer('o', 'Rivière-du-Loup', 1, 15);
    expect(seatsLeft(drive, [{ offerId: 'o', needId: 'n', status: 'declined' }])).toBe(1);
    expect(seatsLeft(drive, [{ offerId: 'o', needId: 'n', status: 'proposed' }])).toBe(0);
  });

  it('GIVEN a rider who cancels WHEN matched again THEN the next waiting need that fits gets the seat', () => {
    const drive = offer('o', 'Rivière-du-Loup', 1, 15, 0);
    const before = board({
      offers: [drive],
      needs: [need('gone', 'Trois-Pistoles', 0), need('far', 'Matane', 1), need('next', 'Rivière-du-Loup', 2)],
      matches: [{ offerId: 'o', needId: 'gone', status: 'accepted' }],
    });
    const after = { ...before, needs: before.needs.filter((entry) => entry.id !== 'gone') };
    expect(matchWaitingNeeds(after)).toEqual([{ needId: 'next', offerId: 'o', detourMinutes: 0 }]);
  });

  it('GIVEN a need already proposed WHEN a better offer arrives THEN it keeps its driver (stable)', () => {
    const current = board({
      offers: [offer('first', 'Rivière-du-Loup', 2, 15, 0), offer('better', 'Trois-Pistoles', 2, 15, 5)],
      needs: [need('n', 'Trois-Pistoles')],
      matches: [{ offerId: 'first', needId: 'n', status: 'proposed' }],
    });
    expect(matchWaitingNeeds(current)).toEqual([]);
  });

  it('GIVEN a member who offers WHEN their own need is matched THEN never to their own offer', () => {
    const drive = offer('o', 'Rivière-du-Loup', 2, 15, 0, 'alice');
    expect(matchWaitingNeeds(board({ offers: [drive], needs: [need('n', 'Rivière-du-Loup', 1, 'alice')] }))).toEqual(
      [],
    );
  });
});

describe('validateOfferTerms', () => {
  it.each([
    [0, 15, 'ride.error.badSeats'],
    [9, 15, 'ride.error.badSeats'],
    [1.5, 15, 'ride.error.badSeats'],
    [2, -5, 'ride.error.badDetour'],
    [2, 200, 'ride.error.badDetour'],
  ])('GIVEN seats %s and detour %s WHEN checked THEN %s', (seats, detour, key) => {
    expect(validateOfferTerms(seats, detour)).toMatchObject({ ok: false, error: { key } });
  });

  it('GIVEN seats 1 and 8, detours 0 and 60 WHEN checked THEN accepted', () => {
    expect(validateOfferTerms(1, 0)).toEqual({ ok: true, seats: 1, detourMinutes: 0 });
    expect(validateOfferTerms(8, 60)).toEqual({ ok: true, seats: 8, detourMinutes: 60 });
  });

  it('GIVEN no detour WHEN checked THEN 15 minutes', () => {
    expect(validateOfferTerms(2, null)).toEqual({ ok: true, seats: 2, detourMinutes: RIDE_DETOUR_MINUTES.default });
  });
});

describe('pickupOrder', () => {
  it('GIVEN riders from Trois-Pistoles and Rivière-du-Loup WHEN ordered for a driver from Rivière-du-Loup THEN the driver’s town first', () => {
    const order = pickupOrder(RDL, [town('Trois-Pistoles'), RDL, town('Trois-Pistoles')]);
    expect(order.map((entry) => entry.name)).toEqual(['Rivière-du-Loup', 'Trois-Pistoles']);
  });
});

describe('summarizeSharedRides: the recap’s figures', () => {
  it('GIVEN three riders from Rivière-du-Loup, Trois-Pistoles and Rivière-du-Loup to Rimouski WHEN summed THEN 3 rides and their direct road km, to 10 km', () => {
    const legs = [RDL, town('Trois-Pistoles'), RDL].map((from) => ({ from, to: RIMOUSKI }));
    const summary = summarizeSharedRides(legs);
    expect(summary.rides).toBe(3);
    // 101 km straight × 1.2 twice, 60 km × 1.2 once: about 315 km.
    expect(summary.kmAvoided).toBeGreaterThanOrEqual(300);
    expect(summary.kmAvoided).toBeLessThanOrEqual(330);
    expect(summary.kmAvoided % 10).toBe(0);
  });

  it('GIVEN a rider from a town without coordinates and an override of 60 min WHEN summed THEN 90 km at the average speed', () => {
    const island = { id: 'island', lat: null, lon: null };
    const overrides = new Map([[drivePairKey('island', RIMOUSKI.id), 60]]);
    expect(summarizeSharedRides([{ from: island, to: RIMOUSKI }], overrides)).toEqual({ rides: 1, kmAvoided: 90 });
  });

  it('GIVEN no shared ride WHEN summed THEN 0 and 0', () => {
    expect(summarizeSharedRides([])).toEqual({ rides: 0, kmAvoided: 0 });
  });
});

describe('countRides: the announcement’s line', () => {
  it('GIVEN an offer of 3 seats with one rider and two needs, one waiting WHEN counted THEN 2 seats offered, 1 waiting', () => {
    const current = board({
      offers: [offer('o', 'Rivière-du-Loup', 3)],
      needs: [need('a', 'Rivière-du-Loup'), need('b', 'Matane')],
      matches: [{ offerId: 'o', needId: 'a', status: 'accepted' }],
    });
    expect(countRides(current)).toEqual({ seatsOffered: 2, needsWaiting: 1, offers: 1, needs: 2 });
  });
});
