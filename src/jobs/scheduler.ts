import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app/context.js';
import type { BotMetrics, JobOutcome } from '../metrics.js';
import { type JobContext, type JobHandler, jobHandlers } from './handlers.js';
import { claimDueJobs, deleteFinishedJobs, failJob, finishJob, type Job, nextRunAt } from './queue.js';

export interface Scheduler {
  start(): void;
  /** Runs every due job now and resolves when they are done (the sandbox's `advance`, tests). */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Jobs one process runs at once. Most wait on Discord's REST, which @discordjs/rest paces at the global 50 requests/s
 * (and the per-route limits), so this only keeps that budget busy; bounded, so that a backlog of thousands is not
 * leased at once (each job must finish within its lease) nor held in memory.
 */
export const CONCURRENCY = 25;
/** Claim again once this many slots are free: one claim query per few jobs rather than per job. */
const REFILL_AT = 5;
/** How long a wave's last jobs may hold the next wave (recaps' tails are about a second; a stuck job, its limit). */
export const STRAGGLER_WAIT_MS = 5_000;

/**
 * Polls the jobs table on the injected clock's time. Timers only decide when to look; what is due lives in the
 * database, so a restart loses nothing.
 */
export function createScheduler(input: {
  deps: AppDeps;
  ports: JobContext['ports'];
  /** The shard whose guilds' jobs this process claims (undefined: every guild's). Read at each pass. */
  shard?: () => { id: number; count: number } | undefined;
  handlers?: Record<string, JobHandler>;
  workerId?: string;
  /** Counts job runs by kind and outcome, their lateness and duration. */
  metrics?: Pick<BotMetrics, 'jobFinished'>;
  /**
   * How long one job may run (real time) before it is given up and retried later: one stuck job must not hold the
   * pass, nor outlive its lease (another process would run it twice at once). Default: 80% of the lease.
   */
  jobTimeoutMs?: number;
  /** How long a wave's last jobs may hold the next wave (default STRAGGLER_WAIT_MS). */
  stragglerWaitMs?: number;
}): Scheduler {
  const { deps, ports } = input;
  const handlers = input.handlers ?? jobHandlers;
  const workerId = input.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let wake: NodeJS.Timeout | undefined;
  let wokenFor: number | undefined;
  let running: Promise<number> | undefined;
  let busy = false;
  let stopped = false;

  const shard = input.shard ?? (() => undefined);
  const jobTimeoutMs = input.jobTimeoutMs ?? Math.floor(deps.config.jobLeaseMs * 0.8);
  const stragglerWaitMs = input.stragglerWaitMs ?? STRAGGLER_WAIT_MS;
  let lastCleanupAt = 0;

  async function runOne(job: Job): Promise<void> {
    const log = deps.logger.child({ job: job.dedupeKey, guildId: job.guildId, attempt: job.attempts });
    const handler = handlers[job.kind];
    const startedAt = performance.now();
    const lateMs = deps.clock.now().getTime() - job.runAt.getTime();
    let result: JobOutcome = 'retry';
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await withTimeLimit(handler(job, { deps, ports }), jobTimeoutMs, job.kind);
      await finishJob(deps.db, {
        id: job.id,
        workerId,
        status: outcome.status,
        now: deps.clock.now(),
        note: outcome.status === 'skipped' ? outcome.reason : undefined,
      });
      result = outcome.status;
      if (outcome.status === 'skipped') log.info({ reason: outcome.reason }, 'job skipped');
      else log.debug('job done');
    } catch (error) {
      const status = await failJob(deps.db, {
        job,
        workerId,
        error: error instanceof Error ? error.message : String(error),
        now: deps.clock.now(),
      }).catch(() => 'unknown');
      result = status === 'failed' ? 'failed' : 'retry';
      log.warn({ err: error, status }, 'job failed');
    } finally {
      input.metrics?.jobFinished({
        kind: job.kind,
        outcome: result,
        lateMs,
        durationMs: performance.now() - startedAt,
      });
    }
  }

  /** Jobs running now, whichever wave claimed them: CONCURRENCY bounds them all. */
  const inFlight = new Set<Promise<void>>();

  /**
   * Runs every due job, wave after wave. A wave runs what was due when it began, CONCURRENCY at a time, claiming more
   * as slots free up (no batch waits for its slowest job); what falls due meanwhile (e.g. the announcement redrawn
   * after its recap, scheduled for "now" by the recap) waits for the next wave. So 100 recaps due at once are all
   * posted before the announcements they link from are redrawn, and Discord's 50 requests/s go to the recaps first.
   * A wave's stragglers hold the next one stragglerWaitMs at most (a stuck job waits for its time limit alone).
   * Resolves when nothing due is left and nothing runs.
   */
  async function drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        if (stopped) return total;
        const ran = await runWave(deps.clock.now());
        total += ran;
        if (ran > 0) continue;
        if (inFlight.size === 0) {
          await cleanUp();
          return total;
        }
        // Only stragglers left: look again when one ends, or after a poll interval.
        await raceWithTimer(Promise.race(inFlight), deps.config.schedulerIntervalMs);
      }
    } finally {
      await Promise.allSettled(inFlight);
    }
  }

  async function runWave(dueBy: Date): Promise<number> {
    const wave = new Set<Promise<void>>();
    let ran = 0;
    let exhausted = false;
    while (!stopped && !exhausted) {
      const free = CONCURRENCY - inFlight.size;
      if (free < REFILL_AT && inFlight.size > 0) {
        await Promise.race(inFlight);
        continue;
      }
      const claimed = await claimDueJobs(deps.db, {
        now: deps.clock.now(),
        dueBy,
        limit: free,
        workerId,
        shard: shard(),
        leaseMs: deps.config.jobLeaseMs,
      });
      if (claimed.length < free) exhausted = true;
      ran += claimed.length;
      for (const job of claimed) {
        const task: Promise<void> = runOne(job).finally(() => {
          inFlight.delete(task);
          wave.delete(task);
        });
        inFlight.add(task);
        wave.add(task);
      }
    }
    if (wave.size > 0) await raceWithTimer(Promise.allSettled(wave), stragglerWaitMs);
    return ran;
  }

  /** Finished jobs are kept a while for the record (metrics, debugging), then deleted: at most once an hour. */
  async function cleanUp(): Promise<void> {
    const now = deps.clock.now().getTime();
    if (now - lastCleanupAt < HOUR_MS) return;
    lastCleanupAt = now;
    const deleted = await deleteFinishedJobs(deps.db, new Date(now - FINISHED_JOB_RETENTION_MS)).catch((error) => {
      deps.logger.warn({ err: error }, 'could not delete finished jobs');
      return 0;
    });
    if (deleted > 0) deps.logger.info({ deleted }, 'finished jobs deleted');
  }

  /**
   * Between two polls, a timer for the next job due before the next poll: jobs due at an instant start then, not up to
   * an interval later. Not again for a time already woken for (a clock that does not move, as the sandbox's).
   */
  async function planWake(): Promise<void> {
    const now = deps.clock.now();
    const next = await nextRunAt(deps.db, {
      after: now,
      until: new Date(now.getTime() + deps.config.schedulerIntervalMs),
    }).catch(() => null);
    if (!next || next.getTime() === wokenFor || stopped) return;
    clearTimeout(wake);
    wake = setTimeout(() => {
      wokenFor = next.getTime();
      void runDue();
    }, next.getTime() - deps.clock.now().getTime());
    wake.unref();
  }

  function runDue(): Promise<number> {
    // One pass at a time; a caller arriving mid-pass waits for it and then runs its own.
    const previous = running ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(async () => {
        busy = true;
        const ran = await drain();
        if (timer && !stopped) await planWake();
        return ran;
      })
      .finally(() => {
        busy = false;
      })
      .catch((error) => {
        deps.logger.warn({ err: error }, 'scheduler pass failed');
        return 0;
      });
    running = next;
    return next;
  }

  return {
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => {
        if (!busy) void runDue();
      }, deps.config.schedulerIntervalMs);
      timer.unref();
      void runDue();
    },
    runDue,
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      clearTimeout(wake);
      await running?.catch(() => {});
    },
  };
}

const HOUR_MS = 3_600_000;
/** Done, skipped, failed and cancelled jobs are deleted this long after they finished. */
export const FINISHED_JOB_RETENTION_MS = 30 * 24 * HOUR_MS;

/** Waits for `work` (never rejects) or `ms`, whichever comes first. */
async function raceWithTimer(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([
      work.then(
        () => {},
        () => {},
      ),
      elapsed,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** The job's promise, or a rejection after `ms` (the work itself cannot be stopped: handlers are safe to repeat). */
function withTimeLimit<T>(work: Promise<T>, ms: number, kind: string): Promise<T> {
  if (!(ms > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${kind} job took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
