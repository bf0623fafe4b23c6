import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/context.js';
import { parseConfig } from '../../src/config.js';
import { jobs } from '../../src/db/schema.js';
import { discordMarkup } from '../../src/discord/markup.js';
import { type Clock, ManualClock } from '../../src/domain/clock.js';
import type { JobContext } from '../../src/jobs/handlers.js';
import { finishJob, scheduleJob } from '../../src/jobs/queue.js';
import { CONCURRENCY, createScheduler, FINISHED_JOB_RETENTION_MS } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

/** The scheduler's limits (issue 11, suspected): a time limit per job, finished jobs deleted after a while. */
const GUILD = '100000000000000001';
const NOW = new Date('2026-12-04T12:00:00Z');

describe.each(testDatabaseKinds())('scheduler limits on %s', (kind) => {
  const database = useTestDatabase(kind);
  const deps = (clock: Clock, env: Record<string, string> = {}): AppDeps => ({
    config: parseConfig({ DISCORD_TOKEN: 'x.y.z', LOG_LEVEL: 'silent', ...env }),
    db: database.db,
    dbHandle: database.handle,
    clock,
    logger: createLogger({ level: 'silent', pretty: false }),
    markup: discordMarkup,
  });
  const statusOf = async (dedupeKey: string) =>
    (await database.db.select().from(jobs).where(eq(jobs.dedupeKey, dedupeKey)))[0]?.status;

  it('GIVEN a job that never ends and another due WHEN the scheduler runs THEN the stuck one is given up after its time limit (to be retried) and the other is done', async () => {
    const clock = new ManualClock(NOW);
    await scheduleJob(database.db, { kind: 'stuck', dedupeKey: 'stuck:1', guildId: GUILD, runAt: NOW });
    await scheduleJob(database.db, { kind: 'quick', dedupeKey: 'quick:1', guildId: GUILD, runAt: NOW });
    const scheduler = createScheduler({
      deps: deps(clock),
      ports: {} as JobContext['ports'],
      handlers: { stuck: () => new Promise(() => {}), quick: async () => ({ status: 'done' }) },
      jobTimeoutMs: 300,
    });
    const started = Date.now();
    await scheduler.runDue();
    await scheduler.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await statusOf('quick:1')).toBe('done');
    expect(await statusOf('stuck:1')).toBe('pending');
    const [stuck] = await database.db.select().from(jobs).where(eq(jobs.dedupeKey, 'stuck:1'));
    expect(stuck?.lastError).toContain('took longer than 300 ms');
  });

  it('GIVEN a job finished 31 days ago and one finished yesterday WHEN the scheduler runs THEN only the old one is deleted', async () => {
    const clock = new ManualClock(NOW);
    for (const [key, finishedAt] of [
      ['old:1', new Date(NOW.getTime() - FINISHED_JOB_RETENTION_MS - 86_400_000)],
      ['recent:1', new Date(NOW.getTime() - 86_400_000)],
    ] as const) {
      await scheduleJob(database.db, { kind: 'quick', dedupeKey: key, guildId: GUILD, runAt: finishedAt });
      const [row] = await database.db.select().from(jobs).where(eq(jobs.dedupeKey, key));
      await database.db.update(jobs).set({ lockedBy: 'w' }).where(eq(jobs.dedupeKey, key));
      await finishJob(database.db, { id: row?.id ?? 0, workerId: 'w', status: 'done', now: finishedAt });
    }
    const scheduler = createScheduler({ deps: deps(clock), ports: {} as JobContext['ports'], handlers: {} });
    await scheduler.runDue();
    await scheduler.stop();
    expect(await statusOf('old:1')).toBeUndefined();
    expect(await statusOf('recent:1')).toBe('done');
  });

  it('GIVEN a slow job and 60 quick ones due WHEN the scheduler runs THEN the quick ones are all done while the slow one still runs: no batch waits for its slowest job', async () => {
    const clock = new ManualClock(NOW);
    await scheduleJob(database.db, { kind: 'slow', dedupeKey: 'slow:1', guildId: GUILD, runAt: NOW });
    for (let index = 0; index < 60; index++) {
      await scheduleJob(database.db, { kind: 'quick', dedupeKey: `quick:${index}`, guildId: GUILD, runAt: NOW });
    }
    let release = () => {};
    const slowFinished = new Promise<void>((resolve) => {
      release = resolve;
    });
    let quickDone = 0;
    let quickDoneWhenSlowEnded = -1;
    let running = 0;
    let mostAtOnce = 0;
    const scheduler = createScheduler({
      deps: deps(clock),
      ports: {} as JobContext['ports'],
      handlers: {
        slow: async () => {
          await slowFinished;
          quickDoneWhenSlowEnded = quickDone;
          return { status: 'done' };
        },
        quick: async () => {
          running += 1;
          mostAtOnce = Math.max(mostAtOnce, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running -= 1;
          quickDone += 1;
          if (quickDone === 60) release();
          return { status: 'done' };
        },
      },
    });
    const ran = await scheduler.runDue();
    await scheduler.stop();
    expect(ran).toBe(61);
    expect(quickDoneWhenSlowEnded).toBe(60);
    expect(await statusOf('slow:1')).toBe('done');
    // Bounded: never more jobs at once than the scheduler's concurrency (the slow one holds one slot).
    expect(mostAtOnce).toBeLessThanOrEqual(CONCURRENCY - 1);
    expect(mostAtOnce).toBeGreaterThan(1);
  });

  it('GIVEN 40 jobs due WHEN each schedules a follow-up due "now" THEN every follow-up runs after all 40: what falls due during a pass waits for the next wave', async () => {
    const clock = new ManualClock(NOW);
    for (let index = 0; index < 40; index++) {
      await scheduleJob(database.db, { kind: 'first', dedupeKey: `first:${index}`, guildId: GUILD, runAt: NOW });
    }
    const order: string[] = [];
    const scheduler = createScheduler({
      deps: deps(clock),
      ports: {} as JobContext['ports'],
      handlers: {
        first: async (job) => {
          await new Promise((resolve) => setTimeout(resolve, 2));
          order.push('first');
          clock.advance(1);
          await scheduleJob(database.db, {
            kind: 'followUp',
            dedupeKey: `followUp:${job.dedupeKey}`,
            guildId: GUILD,
            runAt: clock.now(),
          });
          return { status: 'done' };
        },
        followUp: async () => {
          order.push('followUp');
          return { status: 'done' };
        },
      },
    });
    expect(await scheduler.runDue()).toBe(80);
    await scheduler.stop();
    expect(order).toEqual([...Array(40).fill('first'), ...Array(40).fill('followUp')]);
  });

  it('GIVEN a running scheduler that polls every 10 minutes WHEN a job falls due in 300 ms THEN it runs then, not at the next poll', async () => {
    const clock: Clock = { now: () => new Date() };
    const dueAt = new Date(Date.now() + 300);
    await scheduleJob(database.db, { kind: 'timely', dedupeKey: 'timely:1', guildId: GUILD, runAt: dueAt });
    let ranAt: number | null = null;
    const scheduler = createScheduler({
      deps: deps(clock, { SCHEDULER_INTERVAL_MS: '600000' }),
      ports: {} as JobContext['ports'],
      handlers: {
        timely: async () => {
          ranAt = Date.now();
          return { status: 'done' };
        },
      },
    });
    scheduler.start();
    const deadline = Date.now() + 5_000;
    while (ranAt === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await scheduler.stop();
    expect(ranAt).not.toBeNull();
    expect((ranAt ?? 0) - dueAt.getTime()).toBeGreaterThanOrEqual(0);
    expect((ranAt ?? 0) - dueAt.getTime()).toBeLessThan(2_000);
    expect(await statusOf('timely:1')).toBe('done');
  });

  it('GIVEN a job stuck until its time limit WHEN another job falls due meanwhile THEN that one runs after a short wait, not after the stuck one is given up', async () => {
    const clock = new ManualClock(NOW);
    await scheduleJob(database.db, { kind: 'stuck', dedupeKey: 'stuck:2', guildId: GUILD, runAt: NOW });
    await scheduleJob(database.db, { kind: 'first', dedupeKey: 'first:1', guildId: GUILD, runAt: NOW });
    const events: string[] = [];
    const scheduler = createScheduler({
      deps: deps(clock),
      ports: {} as JobContext['ports'],
      jobTimeoutMs: 3_000,
      stragglerWaitMs: 200,
      handlers: {
        stuck: async () => {
          await new Promise((resolve) => setTimeout(resolve, 10_000).unref());
          return { status: 'done' };
        },
        first: async () => {
          clock.advance(1_000);
          await scheduleJob(database.db, { kind: 'later', dedupeKey: 'later:1', guildId: GUILD, runAt: clock.now() });
          return { status: 'done' };
        },
        later: async () => {
          events.push('later ran');
          return { status: 'done' };
        },
      },
    });
    const started = Date.now();
    const pass = scheduler.runDue();
    while (events.length === 0 && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const laterAfterMs = Date.now() - started;
    await pass;
    await scheduler.stop();
    expect(events).toEqual(['later ran']);
    expect(laterAfterMs).toBeLessThan(2_000);
    expect(await statusOf('later:1')).toBe('done');
    const [stuck] = await database.db.select().from(jobs).where(eq(jobs.dedupeKey, 'stuck:2'));
    expect(stuck?.lastError).toContain('took longer than 3000 ms');
  });
});
