/**
 * Limits on announcing (pure rules): how many trips a member may announce in 24 hours, who may notify the whole
 * region, and when a town's role may be pinged again (per town, whoever announces).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

export type QuotaVerdict = { readonly ok: true } | { readonly ok: false; readonly max: number; readonly nextAt: Date };

/**
 * The member's (max+1)th trip within 24 hours is refused, unless they may manage events; `announcedAt` holds their
 * trips of the last 24 hours, oldest first. `nextAt`: when the oldest that counts leaves the window.
 */
export function checkTripQuota(input: {
  announcedAt: readonly Date[];
  max: number;
  exempt: boolean;
  now: Date;
}): QuotaVerdict {
  if (input.exempt) return { ok: true };
  const since = input.now.getTime() - DAY_MS;
  const recent = input.announcedAt.filter((at) => at.getTime() > since).sort((a, b) => a.getTime() - b.getTime());
  if (recent.length < input.max) return { ok: true };
  const freeing = recent[recent.length - input.max];
  return { ok: false, max: input.max, nextAt: new Date((freeing ?? input.now).getTime() + DAY_MS) };
}

/** Notifying every town of the region is for members who may manage events. */
export function mayReach(reach: string, canManageEvents: boolean): boolean {
  return reach !== 'region' || canManageEvents;
}

/** When a town's role may be pinged again, or null when it may be now. */
export function townPingableAt(lastPingAt: Date | null | undefined, cooldownMinutes: number, now: Date): Date | null {
  if (!lastPingAt) return null;
  const until = lastPingAt.getTime() + cooldownMinutes * MINUTE_MS;
  return until > now.getTime() ? new Date(until) : null;
}
