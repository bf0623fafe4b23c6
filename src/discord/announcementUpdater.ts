import { setTimeout as sleep } from 'node:timers/promises';
import type { AppDeps } from '../app/context.js';
import { loadAnnouncementView } from '../app/tripQueries.js';
import type { AnnouncementView } from '../app/views.js';
import { isPast } from '../domain/trip.js';

/**
 * Keeps announcements' counts up to date without one edit per click.
 *
 * Why: discord.js holds ordinary REST calls to 50 per second for the whole bot, and Discord allows about five edits
 * per five seconds on a channel's messages. Editing on every click of a burst would queue hundreds of edits behind
 * each other (and behind every other REST call of the bot). So, per trip: at most one edit in flight; requests that
 * arrive meanwhile are folded into ONE trailing edit, which reads the counts from the database when it starts, so the
 * last state is always shown. Between the starts of two edits of the same trip at least `minIntervalMs` pass, also
 * when the first had finished before the second was asked for (clicks spread over a second are one edit, not one
 * each: an edit reads the stop, renders and PATCHes, which costs more than the click itself). Failures are logged,
 * never thrown: a click was already answered, and the next change repairs the counts.
 */
export interface AnnouncementUpdater {
  /**
   * Asks for the announcement of this trip to show the database's current state. Resolves once an edit that started
   * after this call has finished (or failed, logged). Never rejects.
   */
  refresh(guildId: string, tripId: number, options?: { withCalendar?: boolean }): Promise<void>;
  /** Resolves when no edit is pending or running (tests, shutdown). */
  idle(): Promise<void>;
}

export type AnnouncementEditor = (view: AnnouncementView, options: { withCalendar: boolean }) => Promise<void>;

interface TripState {
  dirty: boolean;
  withCalendar: boolean;
  waiters: (() => void)[];
  done: Promise<void>;
}

/** Discord's per-channel edit budget is about 5 per 5 s: one edit per trip per second stays within it. */
export const DEFAULT_MIN_EDIT_INTERVAL_MS = 1_000;

export function createAnnouncementUpdater(input: {
  deps: AppDeps;
  edit: AnnouncementEditor;
  guildLocale: (guildId: string) => string | null;
  minIntervalMs?: number;
}): AnnouncementUpdater {
  const { deps, edit } = input;
  const minIntervalMs = input.minIntervalMs ?? DEFAULT_MIN_EDIT_INTERVAL_MS;
  const states = new Map<string, TripState>();
  /** When the last edit of each recently edited trip started (performance.now()); pruned as it grows. */
  const lastStarted = new Map<string, number>();

  function waitBeforeEdit(key: string): number {
    const started = lastStarted.get(key);
    return started === undefined ? 0 : minIntervalMs - (performance.now() - started);
  }

  function noteStarted(key: string): void {
    const now = performance.now();
    lastStarted.delete(key);
    lastStarted.set(key, now);
    if (lastStarted.size > 1_000) {
      for (const [other, at] of lastStarted) {
        if (now - at < minIntervalMs) break;
        lastStarted.delete(other);
      }
    }
  }

  async function editOnce(guildId: string, tripId: number, withCalendar: boolean): Promise<void> {
    const view = await loadAnnouncementView(deps, { guildId, tripId, guildLocale: input.guildLocale(guildId) });
    if (!view?.trip.channelId || !view.trip.messageId) return;
    await edit(withStopsOver(view, deps.clock.now()), { withCalendar });
  }

  async function run(key: string, state: TripState, guildId: string, tripId: number): Promise<void> {
    try {
      while (state.dirty) {
        // Requests arriving during the wait are folded into this edit.
        const wait = minIntervalMs > 0 ? waitBeforeEdit(key) : 0;
        if (wait > 0) await sleep(wait);
        const waiters = state.waiters;
        const withCalendar = state.withCalendar;
        state.waiters = [];
        state.dirty = false;
        state.withCalendar = false;
        noteStarted(key);
        try {
          await editOnce(guildId, tripId, withCalendar);
        } catch (error) {
          deps.logger.warn({ err: error, guildId, tripId }, 'could not update the announcement');
        }
        for (const resolve of waiters) resolve();
      }
    } finally {
      // Checked and removed in the same turn as the loop's last test: a refresh cannot slip in between.
      states.delete(key);
      for (const resolve of state.waiters) resolve();
    }
  }

  return {
    refresh(guildId, tripId, options) {
      const key = `${guildId}:${tripId}`;
      let state = states.get(key);
      const requested = new Promise<void>((resolve) => {
        if (!state) {
          state = { dirty: true, withCalendar: false, waiters: [], done: Promise.resolve() };
          states.set(key, state);
          const created = state;
          created.waiters.push(resolve);
          created.withCalendar = options?.withCalendar === true;
          created.done = run(key, created, guildId, tripId);
          return;
        }
        state.dirty = true;
        state.withCalendar ||= options?.withCalendar === true;
        state.waiters.push(resolve);
      });
      return requested;
    },
    async idle() {
      while (states.size > 0) await Promise.all([...states.values()].map((state) => state.done));
    },
  };
}

/** Marks the stops that have ended (and were not cancelled): the announcement shows them as over. */
export function withStopsOver(view: AnnouncementView, now: Date): AnnouncementView {
  return {
    ...view,
    stops: view.stops.map((standing) => ({
      ...standing,
      over: standing.stop.status !== 'cancelled' && isPast(standing.stop, now),
    })),
  };
}
