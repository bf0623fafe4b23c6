import type { Executor } from '../db/client.js';
import { applyRsvpWrites, type RsvpWrite, readStopAnswers, type StopAnswers } from '../db/repositories/rsvps.js';
import { lockStopRow, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
import {
  applyResponse,
  countRsvps,
  type Rsvp,
  type RsvpCounts,
  type RsvpOutcome,
  type RsvpResponse,
  type RsvpStatus,
} from '../domain/rsvp.js';
import { isPast } from '../domain/trip.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { parseTripId, toDomainRsvps } from './tripQueries.js';

export const RSVP_RESPONSES: readonly RsvpResponse[] = ['going', 'maybe', 'no'];

export function isRsvpResponse(value: unknown): value is RsvpResponse {
  return typeof value === 'string' && (RSVP_RESPONSES as readonly string[]).includes(value);
}

/** One member's answer, from `/rsvp` or a button of the announcement (the custom id's parts, unchecked). */
export interface RsvpAnswer {
  guildId: string;
  userId: string;
  trip: string | number;
  response: string;
  /** Missing: keep the guests already declared (a click on "Going" does not drop them). */
  guests?: number | null | undefined;
  /** When the answer arrived; defaults to the clock's now. Orders the waitlist. */
  receivedAt?: Date;
}

export interface RsvpConfirmation {
  trip: TripRow;
  outcome: RsvpOutcome;
  /** The member's answer as stored now. */
  status: RsvpStatus;
  guests: number;
  /** 1-based place on the waitlist when waiting. */
  position: number | null;
  /** Counts right after this answer. */
  counts: RsvpCounts;
  /** Waitlisted members this answer gave a seat to: they must be told. */
  promoted: string[];
  /** Past meetups the member attended, when this answer made them "going" (src/app/attendance.ts). */
  meetupsAttended?: number;
  /** This answer made the member "no" while they offered or asked for a ride to the stop: it is to be withdrawn. */
  withdrawsRide?: boolean;
}

export type RsvpSettled = { ok: true; value: RsvpConfirmation } | { ok: false; error: unknown };

/**
 * Records one answer. The stop and its answers are read in one statement, the pure rule `applyResponse` computes the
 * new state (waitlist, promotions), and the changed rows are written by one compare-and-set statement that locks the
 * stop and writes only if nobody answered in between (src/db/repositories/rsvps.ts). Concurrent answers to one stop
 * therefore apply one after another and never exceed the capacity; the answer is committed before it is returned.
 */
export async function respond(deps: AppDeps, answer: RsvpAnswer): Promise<RsvpConfirmation> {
  const [settled] = await respondMany(deps, [answer]);
  if (!settled) throw new Error('no result for the answer');
  if (!settled.ok) throw settled.error;
  return settled.value;
}

/**
 * Records several answers, one write per stop, in the order given. Each answer gets its own result: one member's
 * mistake (too many guests) does not fail the others. A database failure fails every answer of that stop: none of
 * them was saved.
 */
export async function respondMany(
  deps: AppDeps,
  answers: readonly RsvpAnswer[],
  known?: KnownStops,
): Promise<RsvpSettled[]> {
  const results: RsvpSettled[] = new Array(answers.length);
  const groups = new Map<string, { guildId: string; tripId: number; indexes: number[] }>();
  answers.forEach((answer, index) => {
    const tripId = parseTripId(answer.trip);
    if (tripId === null) {
      results[index] = { ok: false, error: new UserFacingError('rsvp.unknownTrip') };
      return;
    }
    if (!isRsvpResponse(answer.response)) {
      results[index] = { ok: false, error: new UserFacingError('rsvp.badResponse') };
      return;
    }
    const key = `${answer.guildId}:${tripId}`;
    const group = groups.get(key) ?? { guildId: answer.guildId, tripId, indexes: [] };
    group.indexes.push(index);
    groups.set(key, group);
  });

  for (const group of groups.values()) {
    try {
      const settled = await answerStop(
        deps,
        group.guildId,
        group.tripId,
        group.indexes.map((index) => answers[index]!),
        known,
      );
      settled.forEach((result, position) => {
        results[group.indexes[position]!] = result;
      });
    } catch (error) {
      for (const index of group.indexes) results[index] = { ok: false, error };
    }
  }
  return results;
}

/**
 * A stop's answers as this process last read or wrote them, with the state (escale_rsvp_state) they have in the
 * database if nobody else wrote since: the RSVP queue keeps them (src/app/rsvpQueue.ts), so that a click on a stop
 * it knows costs one statement, the compare-and-set. When somebody else did write, the compare fails, nothing is
 * written, and the answer is decided again on a fresh read.
 */
export interface KnownStop {
  stop: TripRow;
  rsvps: Rsvp[];
  state: string;
}

export interface KnownStops {
  get(stopId: number): KnownStop | undefined;
  set(stopId: number, known: KnownStop): void;
  delete(stopId: number): void;
}

/**
 * Optimistic tries before taking the stop's lock for the whole decision. Uncontended, an answer costs two statements
 * (read, compare-and-set) and no BEGIN/COMMIT, one when the stop is known; when other processes keep answering the
 * same stop, the locked path (BEGIN, lock, read, write, COMMIT) always succeeds, so a hot stop cannot starve anyone.
 */
const OPTIMISTIC_TRIES = 2;

async function answerStop(
  deps: AppDeps,
  guildId: string,
  stopId: number,
  answers: readonly RsvpAnswer[],
  known?: KnownStops,
): Promise<RsvpSettled[]> {
  const extrasOf = {
    countMeetupsOf: answers.filter((answer) => answer.response === 'going').map((answer) => answer.userId),
    ridesOf: answers.filter((answer) => answer.response === 'no').map((answer) => answer.userId),
  };
  const noExtras = { countMeetupsOf: [], ridesOf: [] };
  const cached = known?.get(stopId);
  if (cached && cached.stop.guildId === guildId) {
    const now = deps.clock.now();
    const decided = decideAnswers(cached, answers, now);
    // Nothing to write: the answer must still be checked against the database (the trip may be cancelled).
    if (decided.writes.length > 0) {
      const written = await applyRsvpWrites(deps.db, {
        guildId,
        stopId,
        expectedState: cached.state,
        rows: decided.writes,
        now,
        ...extrasOf,
      });
      if (written) {
        known?.set(stopId, { stop: cached.stop, rsvps: decided.rsvps, state: written.state });
        return withExtras(decided.settled, answers, written);
      }
    }
    known?.delete(stopId);
  }

  /** Decides on a read and writes; null when someone else wrote in between (only outside the stop's lock). */
  const readAndWrite = async (executor: Executor, read: StopAnswers | undefined, now: Date) => {
    const decided = decideAnswers(read && { stop: read.stop, rsvps: toDomainRsvps(read.rows) }, answers, now);
    if (!read) return decided.settled;
    let state = read.state;
    if (decided.writes.length > 0) {
      const written = await applyRsvpWrites(executor, {
        guildId,
        stopId,
        expectedState: read.state,
        rows: decided.writes,
        now,
        ...noExtras,
      });
      if (!written) return null;
      state = written.state;
    }
    known?.set(stopId, { stop: read.stop, rsvps: decided.rsvps, state });
    return withExtras(decided.settled, answers, read);
  };

  if (deps.dbHandle?.kind === 'pglite') {
    // One connection: inside a transaction nobody can write between the read and the write, and PGlite writes its
    // folder after every statement outside one. So the read and the write go in one transaction (one write of the
    // folder, not two), without a lock.
    return deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const settled = await readAndWrite(tx, await readStopAnswers(tx, { guildId, stopId, now, ...extrasOf }), now);
      if (!settled) throw new Error(`the answers of stop ${stopId} changed inside a transaction of PGlite`);
      return settled;
    });
  }
  for (let attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
    const now = deps.clock.now();
    const settled = await readAndWrite(
      deps.db,
      await readStopAnswers(deps.db, { guildId, stopId, now, ...extrasOf }),
      now,
    );
    if (settled) return settled;
  }
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const read = (await lockStopRow(tx, guildId, stopId))
      ? await readStopAnswers(tx, { guildId, stopId, now, ...extrasOf })
      : undefined;
    const settled = await readAndWrite(tx, read, now);
    if (!settled) throw new Error(`the answers of stop ${stopId} changed under its lock`);
    return settled;
  });
}

/** What the confirmations need beyond the decision: "3rd meetup, welcome back", and a ride to withdraw. */
function withExtras(
  settled: RsvpSettled[],
  answers: readonly RsvpAnswer[],
  extras: Pick<StopAnswers, 'meetupsAttended' | 'withRides'>,
): RsvpSettled[] {
  return settled.map((result, index) => {
    if (!result.ok || result.value.outcome === 'unchanged') return result;
    const userId = answers[index]!.userId;
    // "3rd meetup, welcome back": only for an answer that just made the member going.
    if (result.value.status === 'going') {
      return { ok: true, value: { ...result.value, meetupsAttended: extras.meetupsAttended.get(userId) ?? 0 } };
    }
    if (result.value.status === 'no' && extras.withRides.has(userId)) {
      return { ok: true, value: { ...result.value, withdrawsRide: true } };
    }
    return result;
  });
}

/** The pure part: each answer applied in turn to the state read, and the rows to write. */
function decideAnswers(
  read: Pick<KnownStop, 'stop' | 'rsvps'> | undefined,
  answers: readonly RsvpAnswer[],
  now: Date,
): { settled: RsvpSettled[]; writes: RsvpWrite[]; rsvps: Rsvp[] } {
  const refuse = (error: UserFacingError) => ({
    settled: answers.map((): RsvpSettled => ({ ok: false, error })),
    writes: [],
    rsvps: read?.rsvps ?? [],
  });
  if (!read) return refuse(new UserFacingError('rsvp.unknownTrip'));
  const trip = read.stop;
  if (trip.status === TRIP_STATUS.cancelled)
    return refuse(new UserFacingError('rsvp.tripCancelled', { id: trip.tripId }));
  if (isPast(trip, now)) return refuse(new UserFacingError('rsvp.tripPast', { id: trip.tripId }));

  let state: Rsvp[] = read.rsvps;
  const settled: RsvpSettled[] = [];
  const promotedBy: string[][] = [];
  for (const answer of answers) {
    const response = answer.response as RsvpResponse;
    const previous = state.find((rsvp) => rsvp.userId === answer.userId);
    const guests = response === 'no' ? 0 : (answer.guests ?? previous?.guests ?? 0);
    const result = applyResponse(
      state,
      { userId: answer.userId, response, guests, now: appliedAt(state, answer.receivedAt ?? now) },
      trip.capacity,
    );
    if (!result.ok) {
      settled.push({ ok: false, error: new UserFacingError(result.error.key, { ...result.error.params }) });
      promotedBy.push([]);
      continue;
    }
    state = result.rsvps;
    const own = state.find((rsvp) => rsvp.userId === answer.userId);
    const status = own?.status ?? response;
    settled.push({
      ok: true,
      value: {
        trip,
        outcome: result.outcome,
        status,
        guests: own?.guests ?? guests,
        position: result.position ?? null,
        counts: countRsvps(state, trip.capacity),
        promoted: [],
      },
    });
    promotedBy.push(result.promoted);
  }

  // Someone promoted then leaving within the same batch is not told about a seat they gave up.
  const goingNow = new Set(state.filter((rsvp) => rsvp.status === 'going').map((rsvp) => rsvp.userId));
  return {
    settled: settled.map((result, index) =>
      result.ok
        ? { ok: true, value: { ...result.value, promoted: (promotedBy[index] ?? []).filter((id) => goingNow.has(id)) } }
        : result,
    ),
    writes: changedRows(trip.id, read.rsvps, state),
    rsvps: state,
  };
}

/**
 * The instant an answer is recorded at: its arrival, but always after every answer already recorded for the trip.
 * The waitlist is served in time order, and answers are applied one at a time under the trip's lock: two clicks in
 * the same millisecond (or a clock that stands still, in tests) must still queue in the order they were applied,
 * not by user id.
 */
function appliedAt(state: readonly Rsvp[], arrivedAt: Date): Date {
  let latest = arrivedAt.getTime() - 1;
  for (const rsvp of state) {
    latest = Math.max(latest, rsvp.respondedAt.getTime(), rsvp.waitlistedAt?.getTime() ?? 0);
  }
  return new Date(Math.max(arrivedAt.getTime(), latest + 1));
}

/**
 * The rows whose answer differs from what is stored. `state` comes from `stored` through the rules, which keep each
 * member's place and add newcomers at the end: compared place by place, without an index of every answer.
 */
export function changedRows(
  stopId: number,
  stored: readonly (Pick<Rsvp, 'userId' | 'guests' | 'respondedAt' | 'waitlistedAt'> & { status: string })[],
  state: readonly Rsvp[],
): RsvpWrite[] {
  let byUser: Map<string, (typeof stored)[number]> | undefined;
  const before = (index: number, userId: string) => {
    const atIndex = stored[index];
    if (atIndex?.userId === userId) return atIndex;
    byUser ??= new Map(stored.map((row) => [row.userId, row]));
    return byUser.get(userId);
  };
  return state
    .filter((rsvp, index) => {
      const row = before(index, rsvp.userId);
      return (
        !row ||
        row.status !== rsvp.status ||
        row.guests !== rsvp.guests ||
        row.respondedAt.getTime() !== rsvp.respondedAt.getTime() ||
        (row.waitlistedAt?.getTime() ?? null) !== (rsvp.waitlistedAt?.getTime() ?? null)
      );
    })
    .map((rsvp) => ({
      stopId,
      userId: rsvp.userId,
      status: rsvp.status,
      guests: rsvp.guests,
      respondedAt: rsvp.respondedAt,
      waitlistedAt: rsvp.waitlistedAt,
    }));
}
