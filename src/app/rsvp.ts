import type { Transaction } from '../db/client.js';
import {
  applyRsvpWrites,
  type RsvpRow,
  type RsvpWrite,
  readStopAnswers,
  type StopAnswers,
} from '../db/repositories/rsvps.js';
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
import { notifyPromotedInTime } from './dmTimingNotices.js';
import { UserFacingError } from './errors.js';
import type { TripPort } from './ports.js';
import { withdrawRidesOfMember } from './rides/cancel.js';
import type { RidePort } from './rides/port.js';
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
export async function respondMany(deps: AppDeps, answers: readonly RsvpAnswer[]): Promise<RsvpSettled[]> {
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
 * Optimistic tries before taking the stop's lock for the whole decision. Uncontended, an answer costs two statements
 * (read, compare-and-set) and no BEGIN/COMMIT; when other processes keep answering the same stop, the locked path
 * (BEGIN, lock, read, write, COMMIT) always succeeds, so a hot stop cannot starve anyone.
 */
const OPTIMISTIC_TRIES = 2;

async function answerStop(
  deps: AppDeps,
  guildId: string,
  stopId: number,
  answers: readonly RsvpAnswer[],
): Promise<RsvpSettled[]> {
  const countMeetupsOf = answers.filter((answer) => answer.response === 'going').map((answer) => answer.userId);
  if (deps.dbHandle?.kind === 'pglite') {
    // One connection: inside a transaction nobody can write between the read and the write, and PGlite writes its
    // folder after every statement outside one. So the read and the write go in one transaction (one write of the
    // folder, not two), without a lock.
    return deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const read = await readStopAnswers(tx, { guildId, stopId, now, countMeetupsOf });
      return writeDecided(tx, stopId, read, decideAnswers(read, answers, now));
    });
  }
  for (let attempt = 0; attempt < OPTIMISTIC_TRIES; attempt++) {
    const now = deps.clock.now();
    const read = await readStopAnswers(deps.db, { guildId, stopId, now, countMeetupsOf });
    const decided = decideAnswers(read, answers, now);
    if (decided.writes.length === 0) return decided.settled;
    if (await applyRsvpWrites(deps.db, stopId, read!.state, decided.writes)) return decided.settled;
  }
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const read = (await lockStopRow(tx, guildId, stopId))
      ? await readStopAnswers(tx, { guildId, stopId, now, countMeetupsOf })
      : undefined;
    return writeDecided(tx, stopId, read, decideAnswers(read, answers, now));
  });
}

/** Writes what was decided on a read made under the stop's lock (or on PGlite's one connection): it cannot be stale. */
async function writeDecided(
  tx: Transaction,
  stopId: number,
  read: StopAnswers | undefined,
  decided: { settled: RsvpSettled[]; writes: RsvpWrite[] },
): Promise<RsvpSettled[]> {
  if (decided.writes.length > 0 && !(await applyRsvpWrites(tx, stopId, read!.state, decided.writes))) {
    throw new Error(`the answers of stop ${stopId} changed under its lock`);
  }
  return decided.settled;
}

/** The pure part: each answer applied in turn to the state read, and the rows to write. */
function decideAnswers(
  read: StopAnswers | undefined,
  answers: readonly RsvpAnswer[],
  now: Date,
): { settled: RsvpSettled[]; writes: RsvpWrite[] } {
  const refuse = (error: UserFacingError) => ({
    settled: answers.map((): RsvpSettled => ({ ok: false, error })),
    writes: [],
  });
  if (!read) return refuse(new UserFacingError('rsvp.unknownTrip'));
  const trip = read.stop;
  if (trip.status === TRIP_STATUS.cancelled)
    return refuse(new UserFacingError('rsvp.tripCancelled', { id: trip.tripId }));
  if (isPast(trip, now)) return refuse(new UserFacingError('rsvp.tripPast', { id: trip.tripId }));

  let state: Rsvp[] = toDomainRsvps(read.rows);
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
        // "3rd meetup, welcome back": only for an answer that just made the member going.
        ...(status === 'going' && result.outcome !== 'unchanged'
          ? { meetupsAttended: read.meetupsAttended.get(answer.userId) ?? 0 }
          : {}),
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
    writes: changedRows(trip.id, read.rows, state),
  };
}

// ---- bursts ----

export interface RsvpQueue {
  /** Records the answer with the others waiting for the same trip; resolves with this member's own result. */
  submit(answer: RsvpAnswer): Promise<RsvpConfirmation>;
  /** Resolves when every submitted answer is settled (tests, shutdown). */
  idle(): Promise<void>;
}

/** Enough to drain a burst in a few transactions, small enough that one transaction stays short. */
export const DEFAULT_RSVP_BATCH = 100;

/**
 * Answers to one trip, one transaction at a time, several answers per transaction.
 *
 * Why: every answer to a trip must hold the trip's row lock, so answers to one trip are serial whatever we do. One
 * write per click costs two statements and a read of every RSVP of the trip: a burst of 2,000 clicks then
 * takes longer than Discord's 3-second deadline, and waiting clicks hold pool connections until the pool times out.
 * Here, answers arriving while a transaction runs wait in memory (in arrival order: first come, first seated) and go
 * together in the next one, with the same pure rules applied one by one. Each member still gets their own result,
 * and nothing is answered before its transaction committed. Correctness across processes still comes from the
 * row lock; this only makes one process efficient.
 */
export function createRsvpQueue(deps: AppDeps, options: { maxBatch?: number } = {}): RsvpQueue {
  const maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_RSVP_BATCH);
  interface Pending {
    answer: RsvpAnswer;
    resolve: (value: RsvpConfirmation) => void;
    reject: (error: unknown) => void;
  }
  const queues = new Map<string, { pending: Pending[]; draining: Promise<void> }>();

  async function drain(key: string, queue: { pending: Pending[] }): Promise<void> {
    try {
      while (queue.pending.length > 0) {
        const batch = queue.pending.splice(0, maxBatch);
        try {
          const results = await respondMany(
            deps,
            batch.map((item) => item.answer),
          );
          batch.forEach((item, index) => {
            const result = results[index];
            if (result?.ok) item.resolve(result.value);
            else item.reject(result ? result.error : new Error('no result for the answer'));
          });
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
        // Let the answers just settled go out before the next transaction: PGlite runs in this thread and its
        // queries resolve as microtasks, so without a turn of the event loop no reply would leave until the queue
        // is empty, and a burst would miss Discord's three seconds.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      queues.delete(key);
    }
  }

  return {
    submit(answer) {
      const tripId = parseTripId(answer.trip);
      // Nothing to queue for a forged id: respond refuses it without touching the database.
      if (tripId === null) return respond(deps, answer);
      const key = `${answer.guildId}:${tripId}`;
      const stamped = { ...answer, receivedAt: answer.receivedAt ?? deps.clock.now() };
      return new Promise<RsvpConfirmation>((resolve, reject) => {
        const existing = queues.get(key);
        if (existing) {
          existing.pending.push({ answer: stamped, resolve, reject });
          return;
        }
        const queue = { pending: [{ answer: stamped, resolve, reject }], draining: Promise.resolve() };
        queues.set(key, queue);
        queue.draining = drain(key, queue);
      });
    },
    async idle() {
      while (queues.size > 0) await Promise.all([...queues.values()].map((queue) => queue.draining));
    },
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

/** The rows whose answer differs from what is stored. */
export function changedRows(stopId: number, stored: readonly RsvpRow[], state: readonly Rsvp[]): RsvpWrite[] {
  const before = new Map(stored.map((row) => [row.userId, row]));
  return state
    .filter((rsvp) => {
      const row = before.get(rsvp.userId);
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

// ---- what follows an answer ----

/**
 * One member's answer, start to finish: recorded with the others waiting for the same trip, acknowledged to the
 * member (`acknowledge`, the adapter's reply), then what follows it: the announcement's counts, and the members the
 * answer gave a seat to. What follows happens even when the acknowledgement fails (an expired interaction): the
 * answer is stored. Acknowledging first keeps the member's answer ahead of Discord's rate-limited edits.
 */
export async function answerRsvp(
  deps: AppDeps,
  input: {
    queue: RsvpQueue;
    port: Pick<TripPort, 'refreshAnnouncement' | 'sendDirectMessage' | 'postInThread' | 'guildLocale'>;
    /** Answering "no" withdraws the member's ride offer or need for that stop (src/app/rides). */
    rides?: RidePort;
  },
  answer: RsvpAnswer,
  acknowledge: (confirmation: RsvpConfirmation) => Promise<void>,
): Promise<RsvpConfirmation> {
  const result = await input.queue.submit(answer);
  try {
    await acknowledge(result);
  } finally {
    await afterAnswer(deps, input.port, result);
    if (input.rides && result.outcome !== 'unchanged' && result.status === 'no') {
      await withdrawRidesOfMember(deps, input.rides, { stopId: result.trip.id, userId: answer.userId });
    }
  }
  return result;
}

async function afterAnswer(
  deps: AppDeps,
  port: Pick<TripPort, 'refreshAnnouncement' | 'sendDirectMessage' | 'postInThread' | 'guildLocale'>,
  result: RsvpConfirmation,
): Promise<void> {
  if (result.outcome === 'unchanged') return;
  // Not awaited: edits are coalesced per trip and must not hold the member's interaction.
  void port.refreshAnnouncement({ guildId: result.trip.guildId, tripId: result.trip.tripId, withCalendar: false });
  // Promoted members in quiet hours hear of it when they end (src/app/dmTimingNotices.ts).
  if (result.promoted.length > 0) {
    await notifyPromotedInTime(deps, port, { trip: result.trip, userIds: result.promoted });
  }
}
