import { z } from 'zod';
import type { AppDeps } from '../app/context.js';
import { DIGEST_JOBS, type DigestPort, planWeeklyDigest, sendMemberDigest } from '../app/digest.js';
import { DM_JOB_KINDS } from '../app/dmTiming.js';
import { HELD_DM_KINDS, sendHeldPromotion, sendHeldRideProposal } from '../app/dmTimingNotices.js';
import { planQuietHours } from '../app/dmTimingPlanner.js';
import { GUILD_PURGE_JOB, purgeGuildData } from '../app/guildLifecycle.js';
import { sendHeadsUp } from '../app/headsUp.js';
import type { Ports } from '../app/ports.js';
import { QUIET_PINGS_JOB, sendHeldPings } from '../app/quietPings.js';
import { postRecap } from '../app/recap.js';
import { sendHeldReminder, sendReminder } from '../app/reminders.js';
import type { RideProposalView } from '../app/rides/port.js';
import { redrawAfterRecap, showStopEnded } from '../app/stopEnded.js';
import { JOB_KINDS } from '../app/tripJobs.js';
import type { Job } from './queue.js';

/** What a job handler returns: done, or skipped with the reason (logged and kept on the row). */
export type JobOutcome = { status: 'done' } | { status: 'skipped'; reason: string };

/** What a job handler may use: the app's dependencies and the ports of its use cases. */
export interface JobContext {
  deps: AppDeps;
  /** `digest`: the weekly digest's DMs (src/app/digest.ts), a port only jobs use. */
  ports: Pick<Ports, 'recap' | 'reminders' | 'quietPings' | 'trips' | 'headsUp' | 'rides'> & { digest: DigestPort };
}

export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>;

/** Payloads as src/app/tripJobs.ts writes them; a row that does not match is a bug, reported by the job's failure. */
const reminderPayload = z.object({ tripId: z.number().int().positive(), offsetMinutes: z.number().int().positive() });
const heldReminderPayload = reminderPayload.extend({
  userId: z.string().min(1),
  note: z.enum(['beforeQuietHours', 'afterQuietHours']),
});
const memberDigestPayload = z.object({
  userId: z.string().min(1),
  weekStart: z.iso.datetime(),
  held: z.boolean().optional(),
});
const heldPromotionPayload = z.object({ stopId: z.number().int().positive(), userId: z.string().min(1) });
const heldRideProposalPayload = z.object({
  proposal: z.looseObject({
    matchId: z.number().int().positive(),
    driverId: z.string(),
    stop: z.looseObject({ startsAt: z.iso.datetime() }),
  }),
});
const recapPayload = z.object({ tripId: z.number().int().positive() });
const stopPayload = z.object({ stopId: z.number().int().positive() });
const stopEndedPayload = stopPayload.extend({ afterRecap: z.boolean().optional() });
const quietPingsPayload = z.object({ stopId: z.number().int().positive(), roleIds: z.array(z.string()) });

/**
 * Every job kind and the function that does it. Delivery is at-least-once (src/jobs/queue.ts): each handler makes its
 * Discord side effects safe to repeat (stored ids, per-member delivery rows, nonces, "thread already created").
 */
export const jobHandlers: Record<string, JobHandler> = {
  [JOB_KINDS.reminder]: (job, { deps, ports }) => {
    const payload = reminderPayload.parse(job.payload);
    return sendReminder(deps, ports.reminders, { guildId: job.guildId, ...payload });
  },
  [JOB_KINDS.recap]: async (job, { deps, ports }) => {
    const payload = recapPayload.parse(job.payload);
    // The announcement then links to its recap (src/discord/announcement.ts), redrawn by a job of its own that runs
    // after the recaps due now (src/jobs/scheduler.ts). Also after a failed attempt: it is shown as over meanwhile.
    const redraw = () =>
      redrawAfterRecap(deps.db, { guildId: job.guildId, stopId: payload.tripId, now: deps.clock.now() });
    let outcome: JobOutcome;
    try {
      outcome = await postRecap(deps, ports.recap, {
        guildId: job.guildId,
        tripId: payload.tripId,
        dueAt: job.runAt,
        // attempts counts claims (src/jobs/queue.ts): 1 means no earlier attempt ever ran.
        firstAttempt: job.attempts <= 1,
      });
    } catch (error) {
      await redraw().catch((redrawError: unknown) =>
        deps.logger.warn({ err: redrawError, tripId: payload.tripId }, 'could not schedule the announcement’s redraw'),
      );
      throw error;
    }
    await redraw();
    return outcome;
  },
  [JOB_KINDS.stopEnded]: (job, { deps, ports }) =>
    showStopEnded(deps, ports.trips, { guildId: job.guildId, ...stopEndedPayload.parse(job.payload) }),
  [JOB_KINDS.headsUp]: (job, { deps, ports }) =>
    sendHeadsUp(deps, ports.headsUp, { guildId: job.guildId, ...stopPayload.parse(job.payload) }),
  [QUIET_PINGS_JOB]: (job, { deps, ports }) => {
    const payload = quietPingsPayload.parse(job.payload);
    return sendHeldPings(deps, ports.quietPings, { guildId: job.guildId, ...payload });
  },
  [DM_JOB_KINDS.heldReminder]: (job, { deps, ports }) => {
    const payload = heldReminderPayload.parse(job.payload);
    return sendHeldReminder(deps, ports.reminders, { guildId: job.guildId, ...payload });
  },
  [DM_JOB_KINDS.quietPlan]: (job, { deps }) => planQuietHours(deps, job.guildId),
  [HELD_DM_KINDS.promotion]: (job, { deps, ports }) => {
    const payload = heldPromotionPayload.parse(job.payload);
    return sendHeldPromotion(deps, ports.trips, { guildId: job.guildId, ...payload });
  },
  [HELD_DM_KINDS.rideProposal]: (job, { deps, ports }) => {
    const { proposal } = heldRideProposalPayload.parse(job.payload);
    // Written by holdRideProposal from a RideProposalView; only its date needs reviving.
    const view = { ...proposal, stop: { ...proposal.stop, startsAt: new Date(proposal.stop.startsAt) } };
    return sendHeldRideProposal(deps, ports.rides, view as unknown as RideProposalView);
  },
  [DIGEST_JOBS.weekly]: (job, { deps }) => planWeeklyDigest(deps, { guildId: job.guildId, weekStart: job.runAt }),
  [DIGEST_JOBS.member]: (job, { deps, ports }) => {
    const payload = memberDigestPayload.parse(job.payload);
    return sendMemberDigest(deps, ports.digest, {
      guildId: job.guildId,
      userId: payload.userId,
      weekStart: new Date(payload.weekStart),
      jobId: job.id,
      held: payload.held,
    });
  },
  [GUILD_PURGE_JOB]: async (job, { deps }) => {
    await purgeGuildData(deps, { guildId: job.guildId });
    return { status: 'done' };
  },
};
