import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../app/context.js';
import type { BotMetrics, JobOutcome } from '../metrics.js';
import { type JobContext, type JobHandler, jobHandlers } from './handlers.js';
import { claimDueJobs, failJob, finishJob, type Job } from './queue.js';

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
}): Scheduler {
  const { deps, ports } = input;
  const handlers = input.handlers ?? jobHandlers;
  const workerId = input.workerId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let busy = false;
  let stopped = false;

  const shard = input.shard ?? (() => undefined);

  async function runOne(job: Job): Promise<void> {
    const log = deps.logger.child({ job: job.dedupeKey, guildId: job.guildId, attempt: job.attempts });
    const handler = handlers[job.kind];
    const startedAt = performance.now();
    const lateMs = deps.clock.now().getTime() - job.runAt.getTime();
    let result: JobOutcome = 'retry';
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler(job, { deps, ports });
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
      if (batch.length === 0) return total;
      await Promise.all(batch.map(runOne));
      total += batch.length;
    }
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
