import { z } from 'zod';
import { postRecap } from '../app/recap.js';
import { sendReminder } from '../app/reminders.js';
import { JOB_KINDS } from '../app/tripJobs.js';
import type { JobHandler } from './scheduler.js';

/** Payloads as src/app/tripJobs.ts writes them; a row that does not match is a bug, reported by the job's failure. */
const reminderPayload = z.object({ tripId: z.number().int().positive(), offsetMinutes: z.number().int().positive() });
const recapPayload = z.object({ tripId: z.number().int().positive() });

/**
 * Every job kind and the function that does it. Delivery is at-least-once (src/jobs/queue.ts): each handler makes its
 * Discord side effects safe to repeat (stored ids, per-member delivery rows, nonces, "thread already created").
 */
export const jobHandlers: Record<string, JobHandler> = {
  [JOB_KINDS.reminder]: (job, { deps, services }) => {
    const payload = reminderPayload.parse(job.payload);
    return sendReminder(deps, services.reminderPort, { guildId: job.guildId, ...payload });
  },
  [JOB_KINDS.recap]: (job, { deps, services }) => {
    const payload = recapPayload.parse(job.payload);
    return postRecap(deps, services.recapPort, {
      guildId: job.guildId,
      tripId: payload.tripId,
      dueAt: job.runAt,
      // attempts counts claims (src/jobs/queue.ts): 1 means no earlier attempt ever ran.
      firstAttempt: job.attempts <= 1,
    });
  },
};
