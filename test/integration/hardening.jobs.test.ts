import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/context.js';
import { parseConfig } from '../../src/config.js';
import { jobs } from '../../src/db/schema.js';
import { discordMarkup } from '../../src/discord/markup.js';
import { ManualClock } from '../../src/domain/clock.js';
import type { JobContext } from '../../src/jobs/handlers.js';
import { finishJob, scheduleJob } from '../../src/jobs/queue.js';
import { createScheduler, FINISHED_JOB_RETENTION_MS } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

/** The scheduler's limits (issue 11, suspected): a time limit per job, finished jobs deleted after a while. */
const GUILD = '100000000000000001';
const NOW = new Date('2026-12-04T12:00:00Z');

describe.each(testDatabaseKinds())('scheduler limits on %s', (kind) => {
  const database = useTestDatabase(kind);
  const deps = (clock: ManualClock): AppDeps => ({
    config: parseConfig({ DISCORD_TOKEN: 'x.y.z', LOG_LEVEL: 'silent' }),
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
});
