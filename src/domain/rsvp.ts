import { type Failure, fail } from './result.js';

/**
 * Who comes to a meetup: answers, capacity and the waitlist.
 *
 * Seats: a member going takes 1 + guests seats; `capacity` null means unlimited. When seats free up, the waitlist
 * is served in order (waitlistedAt, then respondedAt): the first waitlisted party that FITS is promoted, a party
 * too big for the free seats keeps its place and waits. Because promotion runs after every change, a waitlisted
 * party never fits in the free seats, so a newcomer who fits may take them without jumping anyone.
 *
 * If the capacity is lowered below the seats already taken, nobody loses a seat: newcomers wait instead.
 */

export type RsvpStatus = 'going' | 'maybe' | 'no' | 'waitlist';
export type RsvpResponse = 'going' | 'maybe' | 'no';

export interface Rsvp {
  readonly userId: string;
  readonly status: RsvpStatus;
  readonly guests: number;
  readonly respondedAt: Date;
  readonly waitlistedAt: Date | null;
}

export interface RsvpInput {
  readonly userId: string;
  readonly response: RsvpResponse;
  readonly guests: number;
  readonly now: Date;
}

export type RsvpOutcome = 'going' | 'waitlisted' | 'maybe' | 'no' | 'unchanged';

export interface RsvpApplied {
  readonly ok: true;
  /** The new complete state (the input array is not modified). */
  readonly rsvps: Rsvp[];
  /** What happened to the member who answered; `unchanged` when the answer was the same as before. */
  readonly outcome: RsvpOutcome;
  /** Other members moved from the waitlist to going, in promotion order: tell them. */
  readonly promoted: string[];
  /** 1-based place on the waitlist, when the member is (still) waiting. */
  readonly position?: number;
}

export type RsvpErrorKey = 'rsvp.badGuests' | 'rsvp.guestsDontFit';

export type RsvpResult = RsvpApplied | Failure<RsvpErrorKey>;

export const MIN_GUESTS = 0;
export const MAX_GUESTS = 5;

export function seatsTaken(rsvp: Pick<Rsvp, 'guests'>): number {
  return 1 + rsvp.guests;
}

export function seatsUsed(rsvps: readonly Rsvp[]): number {
  let used = 0;
  for (const rsvp of rsvps) if (rsvp.status === 'going') used += seatsTaken(rsvp);
  return used;
}

/** Free seats, never negative; null when the capacity is unlimited. */
/** Free seats when `taken` are taken; null when unlimited. */
export function seatsLeftOf(capacity: number | null, taken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - taken);
}

/** Waitlisted answers in serving order: waitlistedAt, then respondedAt, then user id (stable). */
export function waitlistInOrder(rsvps: readonly Rsvp[]): Rsvp[] {
  return rsvps.filter((rsvp) => rsvp.status === 'waitlist').sort(waitlistOrder);
}

/** First come, first seated: by when they joined the waitlist, then when they answered, then by id (a total order). */
function waitlistOrder(a: Rsvp, b: Rsvp): number {
  return (
    (a.waitlistedAt ?? a.respondedAt).getTime() - (b.waitlistedAt ?? b.respondedAt).getTime() ||
    a.respondedAt.getTime() - b.respondedAt.getTime() ||
    a.userId.localeCompare(b.userId)
  );
}

/** 1-based place of a member on the waitlist, or null when not waiting. */
export function waitlistPosition(rsvps: readonly Rsvp[], userId: string): number | null {
  const own = rsvps.find((rsvp) => rsvp.userId === userId);
  if (own?.status !== 'waitlist') return null;
  // Those waiting ahead, counted without sorting the waitlist (a burst puts hundreds on it, one answer at a time).
  let ahead = 0;
  for (const rsvp of rsvps) {
    if (rsvp !== own && rsvp.status === 'waitlist' && waitlistOrder(rsvp, own) < 0) ahead += 1;
  }
  return ahead + 1;
}

/**
 * Records a member's answer and serves the waitlist.
 *
 * - Same answer and same guests as before → `unchanged` (a repeated click does nothing).
 * - Going and the party fits → going; it does not fit → waitlisted at the end (kept place if already waiting).
 * - Already going and changing only the number of guests: fewer always works (and may promote others); more is
 *   refused with `rsvp.guestsDontFit` if it does not fit, and the member keeps the seat with the old count.
 *   Losing one's own seat for asking to bring a friend would be a nasty surprise; the message says how many
 *   guests still fit.
 * - Maybe / no frees the member's seats (or waitlist place), then the waitlist is served.
 */
export function applyResponse(current: readonly Rsvp[], input: RsvpInput, capacity: number | null): RsvpResult {
  const { userId, response, now } = input;
  if (!Number.isInteger(input.guests) || input.guests < MIN_GUESTS || input.guests > MAX_GUESTS) {
    return fail('rsvp.badGuests', { min: MIN_GUESTS, max: MAX_GUESTS, guests: input.guests });
  }
  const guests = response === 'no' ? 0 : input.guests;
  const previous = current.find((rsvp) => rsvp.userId === userId);
  // Seats taken by everyone else (a stop's answers can be many: no copy of them for this).
  const othersSeats = seatsUsed(current) - (previous?.status === 'going' ? seatsTaken(previous) : 0);

  if (previous && isSameAnswer(previous, response, guests)) {
    const position = waitlistPosition(current, userId);
    return { ok: true, rsvps: [...current], outcome: 'unchanged', promoted: [], ...(position ? { position } : {}) };
  }

  let updated: Rsvp;
  if (response !== 'going') {
    updated = { userId, status: response, guests, respondedAt: now, waitlistedAt: null };
  } else if (previous?.status === 'going') {
    const free = capacity === null ? null : capacity - othersSeats - 1;
    if (free !== null && guests > free && guests > previous.guests) {
      return fail('rsvp.guestsDontFit', {
        free: Math.max(0, capacity! - seatsUsed(current)),
        maxGuests: Math.max(0, free),
        guests,
      });
    }
    updated = { ...previous, guests, respondedAt: now };
  } else if (previous?.status === 'waitlist') {
    // Keeps their place in line; the promotion below decides if the new party size fits now.
    updated = { ...previous, guests, respondedAt: now };
  } else {
    const fits = capacity === null || othersSeats + 1 + guests <= capacity;
    updated = fits
      ? { userId, status: 'going', guests, respondedAt: now, waitlistedAt: null }
      : { userId, status: 'waitlist', guests, respondedAt: now, waitlistedAt: now };
  }

  const replaced = previous ? current.map((rsvp) => (rsvp.userId === userId ? updated : rsvp)) : [...current, updated];
  const { rsvps, promoted } = promoteWaitlist(replaced, capacity);
  const own = rsvps.find((rsvp) => rsvp.userId === userId)!;
  const position = waitlistPosition(rsvps, userId);
  return {
    ok: true,
    rsvps,
    outcome: outcomeOf(own.status),
    promoted: promoted.filter((id) => id !== userId),
    ...(position ? { position } : {}),
  };
}

function isSameAnswer(previous: Rsvp, response: RsvpResponse, guests: number): boolean {
  if (response === 'going')
    return (previous.status === 'going' || previous.status === 'waitlist') && previous.guests === guests;
  if (response === 'no') return previous.status === 'no';
  return previous.status === 'maybe' && previous.guests === guests;
}

function outcomeOf(status: RsvpStatus): RsvpOutcome {
  return status === 'waitlist' ? 'waitlisted' : status;
}

/**
 * Moves waitlisted members to going while seats allow, in order, skipping (without removing) parties too big for
 * the free seats. Also useful after the host raises the capacity.
 */
export function promoteWaitlist(
  rsvps: readonly Rsvp[],
  capacity: number | null,
): { rsvps: Rsvp[]; promoted: string[] } {
  let free = capacity === null ? Number.POSITIVE_INFINITY : capacity - seatsUsed(rsvps);
  // Nobody waiting, or no seat: nothing moves (the common case, without sorting or copying the answers).
  if (free <= 0 || !rsvps.some((rsvp) => rsvp.status === 'waitlist')) return { rsvps: [...rsvps], promoted: [] };
  const promoted = new Set<string>();
  for (const waiting of waitlistInOrder(rsvps)) {
    if (seatsTaken(waiting) <= free) {
      promoted.add(waiting.userId);
      free -= seatsTaken(waiting);
    }
  }
  return {
    rsvps: rsvps.map((rsvp) => (promoted.has(rsvp.userId) ? { ...rsvp, status: 'going', waitlistedAt: null } : rsvp)),
    promoted: [...promoted],
  };
}

export interface RsvpCounts {
  /** People going, guests included. */
  readonly going: number;
  /** Members going (without their guests). */
  readonly goingMembers: number;
  readonly maybe: number;
  /** Members waiting. */
  readonly waitlist: number;
  readonly no: number;
  /** Free seats; null when unlimited. */
  readonly seatsLeft: number | null;
}

export function countRsvps(rsvps: readonly Rsvp[], capacity: number | null): RsvpCounts {
  const members: Record<RsvpStatus, number> = { going: 0, maybe: 0, waitlist: 0, no: 0 };
  let going = 0;
  for (const rsvp of rsvps) {
    if (rsvp.status in members) members[rsvp.status] += 1;
    if (rsvp.status === 'going') going += seatsTaken(rsvp);
  }
  return {
    going,
    goingMembers: members.going,
    maybe: members.maybe,
    waitlist: members.waitlist,
    no: members.no,
    seatsLeft: seatsLeftOf(capacity, going),
  };
}
