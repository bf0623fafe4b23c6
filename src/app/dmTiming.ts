import type { Executor } from '../db/client.js';
import type { MemberPreferences } from '../db/repositories/memberPreferences.js';
import { formatQuietHours, type QuietHours, whenMayDmGo } from '../domain/quietHours.js';
import type { Language } from '../i18n/index.js';
import { scheduleJob } from '../jobs/queue.js';

/**
 * When a DM to a member may go, given their quiet hours (src/domain/quietHours.ts), and the durable per-member job
 * that holds one until then. Reminders (src/app/reminders.ts), the weekly digest and the quiet-hours planner use it.
 */

export const DM_JOB_KINDS = {
  /** One member's reminder held by their quiet hours: `reminder-dm:<stopId>:<offset>:<userId>`. */
  heldReminder: 'reminder-dm',
  /** Hourly, while a member of the guild has quiet hours: brings forward reminders that would fall in them. */
  quietPlan: 'quiet-plan',
} as const;

export const heldReminderKey = (stopId: number, offsetMinutes: number, userId: string) =>
  `reminder-dm:${stopId}:${offsetMinutes}:${userId}`;

/** Said in a DM that comes at another time than due: before quiet hours begin, or once they are over. */
export interface QuietHoursNote {
  kind: 'beforeQuietHours' | 'afterQuietHours';
  /** "22:00" and "07:00", in the guild's zone. */
  start: string;
  end: string;
}

/** A DM's payload when it was timed by the member's quiet hours (reminder views carry it to the port). */
export interface TimedDm {
  quietHoursNote?: QuietHoursNote | undefined;
  /** Members mentioned in the thread because they chose it (not because their DMs are closed). */
  threadChosen?: boolean | undefined;
}

export function quietHoursNote(kind: QuietHoursNote['kind'], quietHours: QuietHours): QuietHoursNote {
  const [start = '', end = ''] = formatQuietHours(quietHours).split('-');
  return { kind, start, end };
}

/** The member's language for what Escale writes to them alone: their choice, else the one given (the guild's). */
export function memberLanguage(
  preferences: Pick<MemberPreferences, 'language'> | undefined,
  fallback: Language,
): Language {
  return preferences?.language === 'fr' || preferences?.language === 'en' ? preferences.language : fallback;
}

export type DmDecision =
  | { readonly kind: 'now'; readonly note?: QuietHoursNote }
  | { readonly kind: 'hold'; readonly sendAt: Date; readonly note: QuietHoursNote };

/**
 * Send now, or hold to `sendAt`. A DM whose moment has passed by less than a minute goes now (a job runs a little
 * late); one brought forward to a moment already gone goes now too, saying why.
 */
export function decideDm(input: {
  now: Date;
  dueAt: Date;
  quietHours: QuietHours | null;
  timeZone: string;
  stopStartsAt?: Date | null;
}): DmDecision {
  const timing = whenMayDmGo(input);
  if (timing.kind === 'due' || !input.quietHours) return { kind: 'now' };
  const note = quietHoursNote(timing.kind, input.quietHours);
  if (timing.sendAt.getTime() > input.now.getTime()) return { kind: 'hold', sendAt: timing.sendAt, note };
  return { kind: 'now', note };
}

/** Holds one member's reminder to `sendAt` (idempotent by its key; the delivery row keeps it from going twice). */
export async function holdReminder(
  executor: Executor,
  input: { guildId: string; stopId: number; offsetMinutes: number; userId: string; sendAt: Date; note: QuietHoursNote },
): Promise<void> {
  await scheduleJob(executor, {
    kind: DM_JOB_KINDS.heldReminder,
    dedupeKey: heldReminderKey(input.stopId, input.offsetMinutes, input.userId),
    guildId: input.guildId,
    runAt: input.sendAt,
    payload: {
      tripId: input.stopId,
      offsetMinutes: input.offsetMinutes,
      userId: input.userId,
      note: input.note.kind,
    },
  });
}
