import type { Transaction } from '../db/client.js';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { listRsvps, type RsvpRow, type RsvpWrite, saveRsvps } from '../db/repositories/rsvps.js';
import { lockTrip, recordTripThread, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
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
import { describeWhen, shortDate } from '../domain/whenFormat.js';
import { type Language, t } from '../i18n/index.js';
import { attachMeetupsAttended } from './attendance.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import { announcementUrl, parseTripId, toDomainRsvps } from './tripQueries.js';
import type { TripPort } from './trips.js';

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
 * Records one answer: the trip's row is locked (`SELECT … FOR UPDATE`) for the transaction, the pure rule
 * `applyResponse` computes the new state (waitlist, promotions), the changed rows are written. Concurrent answers to
 * one trip therefore apply one after another and never exceed the capacity.
 */
export async function respond(deps: AppDeps, answer: RsvpAnswer): Promise<RsvpConfirmation> {
  const [settled] = await respondMany(deps, [answer]);
  if (!settled) throw new Error('no result for the answer');
  if (!settled.ok) throw settled.error;
  return settled.value;
}

/**
 * Records several answers, one transaction per trip, in the order given. Each answer gets its own result: one
 * member's mistake (too many guests) does not fail the others. A database failure fails every answer of that
 * trip: none of them was saved.
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
      const settled = await deps.db.transaction((tx) =>
        applyAnswers(
          tx,
          deps,
          group.guildId,
          group.tripId,
          group.indexes.map((index) => answers[index]!),
        ),
      );
      settled.forEach((result, position) => {
        results[group.indexes[position]!] = result;
      });
    } catch (error) {
      for (const index of group.indexes) results[index] = { ok: false, error };
    }
  }
  await attachMeetupsAttended(deps, results, (index) => answers[index]?.userId ?? '');
  return results;
}

async function applyAnswers(
  tx: Transaction,
  deps: AppDeps,
  guildId: string,
  tripId: number,
  answers: RsvpAnswer[],
): Promise<RsvpSettled[]> {
  const trip = await lockTrip(tx, guildId, tripId);
  const refuse = (error: UserFacingError) => answers.map((): RsvpSettled => ({ ok: false, error }));
  if (!trip) return refuse(new UserFacingError('rsvp.unknownTrip'));
  if (trip.status === TRIP_STATUS.cancelled) return refuse(new UserFacingError('rsvp.tripCancelled', { id: trip.id }));
  const now = deps.clock.now();
  if (isPast(trip, now)) return refuse(new UserFacingError('rsvp.tripPast', { id: trip.id }));

  const stored = await listRsvps(tx, trip.id);
  let state: Rsvp[] = toDomainRsvps(stored);
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
    settled.push({
      ok: true,
      value: {
        trip,
        outcome: result.outcome,
        status: own?.status ?? response,
        guests: own?.guests ?? guests,
        position: result.position ?? null,
        counts: countRsvps(state, trip.capacity),
        promoted: [],
      },
    });
    promotedBy.push(result.promoted);
  }

  await saveRsvps(tx, changedRows(trip.id, stored, state));
  // Someone promoted then leaving within the same batch is not told about a seat they gave up.
  const goingNow = new Set(state.filter((rsvp) => rsvp.status === 'going').map((rsvp) => rsvp.userId));
  return settled.map((result, index) =>
    result.ok
      ? { ok: true, value: { ...result.value, promoted: (promotedBy[index] ?? []).filter((id) => goingNow.has(id)) } }
      : result,
  );
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
 * transaction per click costs five round trips and a read of every RSVP of the trip: a burst of 2,000 clicks then
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
export function changedRows(tripId: number, stored: readonly RsvpRow[], state: readonly Rsvp[]): RsvpWrite[] {
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
      tripId,
      userId: rsvp.userId,
      status: rsvp.status,
      guests: rsvp.guests,
      respondedAt: rsvp.respondedAt,
      waitlistedAt: rsvp.waitlistedAt,
    }));
}

// ---- telling the promoted ----

/**
 * Tells members who got a seat from the waitlist: a direct message each, and for those whose DMs are closed one
 * message in the announcement's thread mentioning exactly them. Public texts use the guild's language. Never
 * throws: the answers are saved already, a failed notice is logged.
 */
export async function notifyPromoted(
  deps: AppDeps,
  port: Pick<TripPort, 'sendDirectMessage' | 'postInThread' | 'guildLocale'>,
  input: { trip: TripRow; userIds: readonly string[] },
): Promise<{ dmed: string[]; inThread: string[] }> {
  const { trip } = input;
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return { dmed: [], inThread: [] };
  const log = deps.logger.child({ guildId: trip.guildId, tripId: trip.id });
  try {
    const settings = await getGuildSettings(deps.db, trip.guildId);
    const language = guildLanguage(settings, port.guildLocale(trip.guildId));
    const params = {
      id: trip.id,
      town: trip.townName,
      when: describeWhen(trip.startsAt, settings.timeZone, language),
      link: announcementUrl(trip) ?? '',
    };
    const dmText = t(language, 'notice.promotedDm', params).trim();
    const dmed: string[] = [];
    const unreachable: string[] = [];
    for (const userId of userIds) {
      const delivered = await port.sendDirectMessage({ userId, content: dmText }).catch((error: unknown) => {
        log.warn({ err: error, userId }, 'could not DM a promoted member');
        return false;
      });
      (delivered ? dmed : unreachable).push(userId);
    }
    if (unreachable.length > 0 && trip.channelId && trip.messageId) {
      const threadId = await postNotice(deps, port, {
        trip,
        language,
        timeZone: settings.timeZone,
        userIds: unreachable,
        text: (mentions) => t(language, 'notice.promoted', { ...params, mentions }),
      });
      if (threadId === null) return { dmed, inThread: [] };
    }
    return { dmed, inThread: unreachable };
  } catch (error) {
    log.warn({ err: error }, 'could not tell promoted members');
    return { dmed: [], inThread: [] };
  }
}

/** Discord caps a message at 2,000 characters and `allowed_mentions.users` at 100 ids. */
const MESSAGE_MAX_LENGTH = 2_000;
const MENTIONS_PER_MESSAGE = 90;

/**
 * One notice in the announcement's thread (created on first use) mentioning exactly `userIds`. When the mentions do
 * not fit one message (more than 90 people), the rest follow in as few messages as needed, each pinging only the
 * members it names. Stores the thread id; returns it, or null when it could not be posted (logged).
 */
export async function postNotice(
  deps: AppDeps,
  port: Pick<TripPort, 'postInThread'>,
  input: {
    trip: TripRow;
    language: Language;
    timeZone: string;
    userIds: readonly string[];
    text: (mentions: string) => string;
  },
): Promise<string | null> {
  const { trip } = input;
  if (!trip.channelId || !trip.messageId) return null;
  const chunks: string[][] = [];
  for (let index = 0; index < input.userIds.length; index += MENTIONS_PER_MESSAGE) {
    chunks.push(input.userIds.slice(index, index + MENTIONS_PER_MESSAGE));
  }
  if (chunks.length === 0) chunks.push([]);
  const mention = (ids: readonly string[]) => ids.map((id) => `<@${id}>`).join(' ');
  const messages = chunks.map((ids, index) => ({
    content: (index === 0 ? input.text(mention(ids)) : mention(ids)).slice(0, MESSAGE_MAX_LENGTH),
    mentionUserIds: [...ids],
  }));
  try {
    const { threadId } = await port.postInThread({
      guildId: trip.guildId,
      channelId: trip.channelId,
      messageId: trip.messageId,
      threadId: trip.threadId,
      threadName: t(input.language, 'notice.threadName', {
        town: trip.townName,
        date: shortDate(trip.startsAt, input.timeZone, input.language),
      }).slice(0, 100),
      messages,
    });
    if (threadId !== trip.threadId) await recordTripThread(deps.db, trip.guildId, trip.id, threadId);
    return threadId;
  } catch (error) {
    deps.logger.warn({ err: error, guildId: trip.guildId, tripId: trip.id }, 'could not post in the thread');
    return null;
  }
}
