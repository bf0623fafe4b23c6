import { BoundedMap } from '../domain/boundedMap.js';
import type { AppDeps } from './context.js';
import {
  type KnownStop,
  type KnownStops,
  type RsvpAnswer,
  type RsvpConfirmation,
  respond,
  respondMany,
} from './rsvp.js';
import { parseTripId } from './tripQueries.js';

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
 * row lock; this only makes one process efficient. The stops answered lately are kept with their answers (KnownStop
 * in src/app/rsvp.ts): the next answer to one of them is decided on what is kept and written by one compare-and-set,
 * which fails, writing nothing, if anyone else wrote since (then it is decided again on a fresh read).
 */
export function createRsvpQueue(deps: AppDeps, options: { maxBatch?: number; knownStops?: number } = {}): RsvpQueue {
  const maxBatch = Math.max(1, options.maxBatch ?? DEFAULT_RSVP_BATCH);
  // The stops answered most recently (the least recently answered is forgotten first).
  const known: KnownStops = new BoundedMap<number, KnownStop>(options.knownStops ?? DEFAULT_KNOWN_STOPS);
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
            known,
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

/** Stops whose answers the queue keeps: the busy ones of the moment, each up to its answers (a few KB to a few 100 KB). */
export const DEFAULT_KNOWN_STOPS = 64;
