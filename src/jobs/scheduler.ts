import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app/context.js';
import type { BotMetrics, JobOutcome } from '../metrics.js';
import { type JobContext, type JobHandler, jobHandlers } from './handlers.js';
import { claimDueJobs, deleteFinishedJobs, failJob, finishJob, type Job } from './queue.js';

export interface Scheduler {
  start(): void;
  /** Runs every due job now and resolves when they are done (the sandbox's `advance`, tests). */
  runDue(): Promise<number>;
  stop(): Promise<void>;
}

const BATCH_SIZE = 25;

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
}): Scheduler {
  const { deps, ports } = input;
  const handlers = input.handlers ?? jobHandlers;
  const workerId = input.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let busy = false;
  let stopped = false;

  const shard = input.shard ?? (() => undefined);
  const jobTimeoutMs = input.jobTimeoutMs ?? Math.floor(deps.config.jobLeaseMs * 0.8);
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

  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      if (stopped) return total;
      const batch = await claimDueJobs(deps.db, {
        now: deps.clock.now(),
        limit: BATCH_SIZE,
        workerId,
        shard: shard(),
        leaseMs: deps.config.jobLeaseMs,
      });
      if (batch.length === 0) {
        await cleanUp();
        return total;
      }
      await Promise.all(batch.map(runOne));
      total += batch.length;
    }
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

  function runDue(): Promise<number> {
    // One pass at a time; a caller arriving mid-pass waits for it and then runs its own.
    const previous = running ?? Promise.resolve(0);
    const next = previous
      .catch(() => 0)
      .then(() => {
        busy = true;
        return drain();
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
      await running?.catch(() => {});
    },
  };
}

const HOUR_MS = 3_600_000;
/** Done, skipped, failed and cancelled jobs are deleted this long after they finished. */
export const FINISHED_JOB_RETENTION_MS = 30 * 24 * HOUR_MS;

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
