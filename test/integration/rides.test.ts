import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/context.js';
import { acceptRide, declineRide } from '../../src/app/rides/answer.js';
import { announceStopMoved, cancelRide, cancelStopRides, withdrawRidesOfMember } from '../../src/app/rides/cancel.js';
import { needRide, offerRide } from '../../src/app/rides/offer.js';
import type { RideNotice, RidePartyView, RidePort, RideProposalView, RideStopView } from '../../src/app/rides/port.js';
import { listRides, sharedRides } from '../../src/app/rides/queries.js';
import { findStopForRide } from '../../src/app/rides/stops.js';
import { respond } from '../../src/app/rsvp.js';
import { loadStopRides } from '../../src/db/repositories/rides.js';
import { setDriveTimeOverride } from '../../src/db/repositories/towns.js';
import { rsvps, towns, tripStops, trips } from '../../src/db/schema.js';
import type { ManualClock } from '../../src/domain/clock.js';
import { BAS_SAINT_LAURENT_PRESET, normalizeTownName } from '../../src/domain/towns.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

const GUILD = '100000000000000001';
const HOST = '300000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');
const STARTS = new Date('2026-12-04T17:00:00Z');
const member = (name: string) => `40000000000000${name.charCodeAt(0)}${name.length}`;
const [ALICE, BOB, CAROL, DAVE, EVE, FRANK, GINA] = ['Alice', 'Bob', 'Carol', 'Dave', 'Eve', 'Frank', 'Gina'].map(
  member,
) as [string, string, string, string, string, string, string];

/** Records what the use cases asked Discord to do. */
class RecordingRidePort implements RidePort {
  proposals: RideProposalView[] = [];
  closed: string[] = [];
  notices: { userIds: string[]; notice: RideNotice }[] = [];
  parties: RidePartyView[] = [];
  joined: { threadId: string; riderId: string }[] = [];
  threadPosts: { threadId: string; notice: RideNotice }[] = [];
  private nextMessage = 1;

  async sendProposal(proposal: RideProposalView) {
    this.proposals.push(proposal);
    return { channelId: '500000000000000001', messageId: String(600000000000000000 + this.nextMessage++) };
  }
  async closeProposal(input: { channelId: string; messageId: string }) {
    this.closed.push(input.messageId);
  }
  async notify(input: { stop: RideStopView; userIds: readonly string[]; notice: RideNotice }) {
    this.notices.push({ userIds: [...input.userIds], notice: input.notice });
  }
  async openPartyThread(party: RidePartyView) {
    this.parties.push(party);
    return `70000000000000000${this.parties.length}`;
  }
  async joinPartyThread(input: { threadId: string; party: RidePartyView; riderId: string }) {
    this.joined.push({ threadId: input.threadId, riderId: input.riderId });
    return true;
  }
  async postInPartyThread(input: { threadId: string; stop: RideStopView; notice: RideNotice }) {
    this.threadPosts.push({ threadId: input.threadId, notice: input.notice });
    return true;
  }
  proposalTo(driverId: string, riderId: string): RideProposalView {
    const found = this.proposals.find((proposal) => proposal.driverId === driverId && proposal.riderId === riderId);
    if (!found) throw new Error(`no proposal to ${driverId} for ${riderId}`);
    return found;
  }
  noticesOf(userId: string): RideNotice['kind'][] {
    return this.notices.filter((entry) => entry.userIds.includes(userId)).map((entry) => entry.notice.kind);
  }
}

describe.each(testDatabaseKinds())('Rides on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup(options: { going?: string[]; waitlisted?: string[] } = {}) {
    const deps: AppDeps = testAppDeps(database, NOW);
    const port = new RecordingRidePort();
    const townIds = new Map<string, number>();
    for (const [index, town] of BAS_SAINT_LAURENT_PRESET.towns.entries()) {
      const [row] = await deps.db
        .insert(towns)
        .values({
          guildId: GUILD,
          name: town.name,
          normalizedName: normalizeTownName(town.name),
          roleId: String(800000000000000000 + index),
          latitude: town.lat,
          longitude: town.lon,
        })
        .returning();
      townIds.set(town.name, row!.id);
    }
    const [trip] = await deps.db
      .insert(trips)
      .values({
        guildId: GUILD,
        hostId: HOST,
        channelId: '110000000000000001',
        messageId: '120000000000000001',
        createdAt: NOW,
        updatedAt: NOW,
      })
      .returning();
    const [stop] = await deps.db
      .insert(tripStops)
      .values({
        tripId: trip!.id,
        guildId: GUILD,
        position: 1,
        townId: townIds.get('Rimouski')!,
        townName: 'Rimouski',
        startsAt: STARTS,
      })
      .returning();
    const going = options.going ?? [ALICE, BOB, CAROL, DAVE, EVE, FRANK, GINA];
    const answers = [
      ...going.map((userId) => ({ userId, status: 'going' })),
      ...(options.waitlisted ?? []).map((userId) => ({ userId, status: 'waitlist' })),
    ];
    for (const answer of answers) {
      await deps.db.insert(rsvps).values({
        stopId: stop!.id,
        userId: answer.userId,
        status: answer.status,
        respondedAt: NOW,
      });
    }
    const clock = deps.clock as ManualClock;
    const ref = { guildId: GUILD, trip: `#${trip!.id}` };
    const offer = (userId: string, from: string, seats: number, detour?: number) => {
      clock.advance(1_000);
      return offerRide(deps, port, { ...ref, userId, from, seats, detour, language: 'fr' });
    };
    const need = (userId: string, from: string) => {
      clock.advance(1_000);
      return needRide(deps, port, { ...ref, userId, from });
    };
    return { deps, port, ref, stopId: stop!.id, tripId: trip!.id, offer, need, clock, townIds };
  }

  it('GIVEN an offer from Rivière-du-Loup with 2 seats and detour 15 WHEN five needs arrive THEN Trois-Pistoles and Rivière-du-Loup are proposed, the others wait', async () => {
    const { port, offer, need } = await setup();
    const offered = await offer(ALICE, 'Rivière-du-Loup', 2, 15);
    expect(offered.proposed).toBe(0);
    expect((await need(BOB, 'Trois-Pistoles')).proposedTo).toBe(ALICE);
    expect((await need(CAROL, 'riviere du loup')).proposedTo).toBe(ALICE);
    expect((await need(DAVE, 'Témiscouata')).proposedTo).toBeNull();
    expect((await need(EVE, 'Matane')).proposedTo).toBeNull();
    expect((await need(FRANK, 'Trois-Pistoles')).proposedTo).toBeNull();
    expect(port.proposals.map((proposal) => [proposal.driverId, proposal.riderId])).toEqual([
      [ALICE, BOB],
      [ALICE, CAROL],
    ]);
    expect(port.proposalTo(ALICE, BOB).detourMinutes).toBeLessThan(5);
  });

  it('GIVEN waiting needs WHEN a fitting offer arrives THEN they are proposed at once and their members told which driver', async () => {
    const { port, offer, need } = await setup();
    await need(BOB, 'Trois-Pistoles');
    await need(EVE, 'Matane');
    const offered = await offer(ALICE, 'Rivière-du-Loup', 3);
    expect(offered.proposed).toBe(1);
    expect(port.notices).toEqual([
      { userIds: [BOB], notice: { kind: 'matchedLater', driverId: ALICE, from: 'Trois-Pistoles' } },
    ]);
  });

  it('GIVEN two accepted riders WHEN listed THEN seats left and the drivers show; the party has the pick-ups in route order', async () => {
    const { deps, port, ref, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    await need(CAROL, 'Rivière-du-Loup');
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, CAROL).matchId), userId: ALICE });

    expect(port.parties).toHaveLength(1);
    expect(port.parties[0]).toMatchObject({ driverId: ALICE, driverFrom: 'Rivière-du-Loup' });
    expect(port.joined).toEqual([{ threadId: '700000000000000001', riderId: CAROL }]);
    expect(port.noticesOf(CAROL)).toContain('accepted');
    const listing = await listRides(deps, ref);
    expect(listing.offers).toEqual([
      expect.objectContaining({ userId: ALICE, seats: 2, seatsLeft: 0, detourMinutes: 15 }),
    ]);
    expect(listing.needs.map((entry) => entry.driverId)).toEqual([ALICE, ALICE]);
  });

  it('GIVEN a proposal WHEN someone else, the driver twice, or a forged id answers THEN clear errors and nothing changes', async () => {
    const { deps, port, stopId, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    const matchId = String(port.proposalTo(ALICE, BOB).matchId);
    expect(await failure(acceptRide(deps, port, { matchId, userId: BOB }))).toMatchObject({
      key: 'ride.error.notYourProposal',
    });
    expect(await failure(acceptRide(deps, port, { matchId: 'abc', userId: ALICE }))).toMatchObject({
      key: 'ride.error.badButton',
    });
    expect(await failure(acceptRide(deps, port, { matchId: '99999', userId: ALICE }))).toMatchObject({
      key: 'ride.error.alreadyAnswered',
    });
    await declineRide(deps, port, { matchId, userId: ALICE });
    expect(await failure(acceptRide(deps, port, { matchId, userId: ALICE }))).toMatchObject({
      key: 'ride.error.alreadyAnswered',
    });
    const rows = await loadStopRides(deps.db, stopId);
    expect(rows.matches.map((match) => match.status)).toEqual(['declined']);
    expect(port.noticesOf(BOB)).toEqual(['declined']);
  });

  it('GIVEN a declined proposal WHEN another offer fits THEN the need goes to it, never back to the driver who declined', async () => {
    const { deps, port, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await offer(GINA, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    expect(port.proposals.at(-1)?.driverId).toBe(ALICE);
    await declineRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });
    expect(port.proposals.at(-1)).toMatchObject({ driverId: GINA, riderId: BOB });
  });

  it('GIVEN a driver with two riders WHEN they cancel THEN the riders are told and a second offer picks up those it fits', async () => {
    const { deps, port, ref, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    await need(CAROL, 'Rivière-du-Loup');
    await need(FRANK, 'Trois-Pistoles');
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });

    expect((await cancelRide(deps, port, { ...ref, userId: ALICE })).withdrawn).toBe('offer');
    expect(port.notices.find((entry) => entry.notice.kind === 'driverCancelled')?.userIds.sort()).toEqual(
      [BOB, CAROL].sort(),
    );
    expect(port.closed).toHaveLength(1);

    port.proposals = [];
    await offer(GINA, 'Trois-Pistoles', 3);
    expect(port.proposals.map((proposal) => proposal.riderId).sort()).toEqual([BOB, FRANK].sort());
  });

  it('GIVEN a full car WHEN a rider cancels THEN the driver is told and the next waiting need that fits gets the seat', async () => {
    const { deps, port, ref, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 1);
    await need(BOB, 'Trois-Pistoles');
    await need(EVE, 'Matane');
    await need(CAROL, 'Rivière-du-Loup');
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });
    expect((await cancelRide(deps, port, { ...ref, userId: BOB })).withdrawn).toBe('need');
    expect(port.noticesOf(ALICE)).toContain('riderCancelled');
    expect(port.proposals.at(-1)).toMatchObject({ driverId: ALICE, riderId: CAROL });
  });

  it('GIVEN a member answering "no" WHEN the RSVP hook runs THEN their offer is withdrawn as by /ride cancel', async () => {
    const { deps, port, stopId, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    await withdrawRidesOfMember(deps, port, { stopId, userId: ALICE });
    expect(port.noticesOf(BOB)).toContain('driverCancelled');
    expect((await loadStopRides(deps.db, stopId)).offers).toEqual([]);
    await withdrawRidesOfMember(deps, port, { stopId, userId: HOST });
  });

  it('GIVEN a driver, a rider and a member without a ride WHEN each answers "no" to the stop THEN the driver’s and the rider’s answers withdraw their ride, the third’s does not, and "no" again changes nothing', async () => {
    const { deps, stopId, tripId, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    const answer = (userId: string) => respond(deps, { guildId: GUILD, userId, trip: stopId, response: 'no' });
    const [alice, bob, carol] = await Promise.all([answer(ALICE), answer(BOB), answer(CAROL)]);
    expect(alice.trip.tripId).toBe(tripId);
    expect([alice.withdrawsRide, bob.withdrawsRide, carol.withdrawsRide]).toEqual([true, true, undefined]);
    expect((await answer(ALICE)).withdrawsRide).toBeUndefined();
  });

  it('GIVEN two parties WHEN the stop is cancelled twice THEN each party is told once, in its thread when it has one', async () => {
    const { deps, port, stopId, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await offer(GINA, 'Matane', 2);
    await need(BOB, 'Trois-Pistoles');
    await need(EVE, 'Matane');
    await need(CAROL, 'Rivière-du-Loup');
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });
    await acceptRide(deps, port, { matchId: String(port.proposalTo(GINA, EVE).matchId), userId: GINA });
    port.notices = [];

    await cancelStopRides(deps, port, { stopId });
    await cancelStopRides(deps, port, { stopId });
    expect(port.threadPosts.map((post) => post.notice.kind)).toEqual(['stopCancelled', 'stopCancelled']);
    expect(new Set(port.threadPosts.map((post) => post.threadId)).size).toBe(2);
    expect(port.notices).toEqual([]);
    expect(port.closed).toHaveLength(1);
  });

  it('GIVEN a party WHEN the stop moves THEN its thread hears the new time', async () => {
    const { deps, port, stopId, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });
    await announceStopMoved(deps, port, { stopId });
    expect(port.threadPosts).toEqual([
      { threadId: '700000000000000001', notice: { kind: 'stopMoved', startsAt: STARTS } },
    ]);
  });

  it('GIVEN bad input WHEN offering or asking THEN a clear error and nothing stored', async () => {
    const { deps, stopId, offer, need } = await setup({ going: [ALICE], waitlisted: [BOB] });
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 0))).toMatchObject({ key: 'ride.error.badSeats' });
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 9))).toMatchObject({ key: 'ride.error.badSeats' });
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 2, -5))).toMatchObject({ key: 'ride.error.badDetour' });
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 2, 200))).toMatchObject({ key: 'ride.error.badDetour' });
    expect(await failure(offer(ALICE, 'Gotham', 2))).toMatchObject({ key: 'town.notFound' });
    expect(await failure(need(CAROL, 'Rimouski'))).toMatchObject({ key: 'ride.error.notGoing' });
    expect((await loadStopRides(deps.db, stopId)).offers).toEqual([]);

    await offer(ALICE, 'Rivière-du-Loup', 2);
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 3))).toMatchObject({ key: 'ride.error.alreadyOffered' });
    expect(await failure(need(ALICE, 'Rivière-du-Loup'))).toMatchObject({ key: 'ride.error.alreadyOffered' });
    // Waitlisted members may ask too.
    expect((await need(BOB, 'Rivière-du-Loup')).proposedTo).toBe(ALICE);
  });

  it('GIVEN a cancelled or past stop WHEN offering THEN refused', async () => {
    const { deps, ref, tripId, offer, clock } = await setup();
    clock.set(new Date(STARTS.getTime() + 60_000));
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 2))).toMatchObject({ key: 'ride.error.stopPast' });
    clock.set(NOW);
    await deps.db.update(trips).set({ status: 'cancelled' });
    expect(await failure(offer(ALICE, 'Rivière-du-Loup', 2))).toMatchObject({ key: 'ride.error.stopCancelled' });
    expect(tripId).toBeGreaterThan(0);
    expect((await findStopForRide(deps.db, ref)).cancelled).toBe(true);
  });

  it('GIVEN an admin override making Trois-Pistoles → Rimouski two hours WHEN a need from there arrives THEN not matched', async () => {
    const { deps, offer, need, townIds } = await setup();
    await setDriveTimeOverride(deps.db, {
      guildId: GUILD,
      townA: townIds.get('Trois-Pistoles')!,
      townB: townIds.get('Rimouski')!,
      minutes: 120,
    });
    await offer(ALICE, 'Rivière-du-Loup', 2);
    expect((await need(BOB, 'Trois-Pistoles')).proposedTo).toBeNull();
  });

  it('GIVEN two accepted riders WHEN the recap counts shared rides THEN 2 rides and their direct road km', async () => {
    const { deps, port, ref, offer, need } = await setup();
    await offer(ALICE, 'Rivière-du-Loup', 2);
    await need(BOB, 'Trois-Pistoles');
    await need(CAROL, 'Rivière-du-Loup');
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, BOB).matchId), userId: ALICE });
    await acceptRide(deps, port, { matchId: String(port.proposalTo(ALICE, CAROL).matchId), userId: ALICE });
    const stop = await findStopForRide(deps.db, ref);
    // Trois-Pistoles 60 km and Rivière-du-Loup 101 km in a straight line, × 1.2 on the road: about 190 km.
    expect(await sharedRides(deps.db, GUILD, [stop])).toEqual({ rides: 2, kmAvoided: 190 });
  });
});
