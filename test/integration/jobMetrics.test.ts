import { describe, expect, it } from 'vitest';
import type { AppDeps } from '../../src/app/context.js';
import { parseConfig } from '../../src/config.js';
import { discordMarkup } from '../../src/discord/markup.js';
import { ManualClock } from '../../src/domain/clock.js';
import type { JobContext } from '../../src/jobs/handlers.js';
import { scheduleJob } from '../../src/jobs/queue.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { createLogger } from '../../src/logger.js';
import { jobBacklog } from '../../src/metrics.js';
import { createBotMetrics } from '../../src/metricsPrometheus.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

/** Job metrics as the real scheduler records them over the real jobs table; the handlers are the test's own. */
const GUILD = '100000000000000001';
const NOW = new Date('2026-12-04T12:00:00Z');
const minutes = (count: number) => new Date(NOW.getTime() + count * 60_000);

function value(text: string, line: string): number | undefined {
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? undefined : Number(found.slice(found.lastIndexOf(' ') + 1));
}

describe.each(testDatabaseKinds())('job metrics on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('GIVEN a reminder done, a recap that fails and a job 10 minutes overdue WHEN the scheduler runs THEN outcomes, lateness and the backlog read true', async () => {
    const clock = new ManualClock(NOW);
    const deps: AppDeps = {
      config: parseConfig({ DISCORD_TOKEN: 'x.y.z', LOG_LEVEL: 'silent' }),
      db: database.db,
      dbHandle: database.handle,
      clock,
      logger: createLogger({ level: 'silent', pretty: false }),
      markup: discordMarkup,
    };
    const metrics = createBotMetrics();
    metrics.watchJobBacklog(() => jobBacklog(database.db, clock.now()));
    await scheduleJob(database.db, {
      kind: 'reminder',
      dedupeKey: 'reminder:1:60',
      guildId: GUILD,
      runAt: minutes(-2),
    });
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:1', guildId: GUILD, runAt: minutes(-10) });

    const before = await metrics.registry.metrics();
    expect(value(before, 'escale_jobs_due{kind="reminder"}')).toBe(1);
    expect(value(before, 'escale_jobs_due{kind="recap"}')).toBe(1);
    expect(value(before, 'escale_jobs_late{kind="recap"}')).toBe(1);
    expect(value(before, 'escale_jobs_late{kind="reminder"}')).toBe(0);

    const scheduler = createScheduler({
      deps,
      ports: {} as JobContext['ports'],
      handlers: {
        reminder: async () => ({ status: 'done' }),
        recap: async () => {
          throw new Error('Discord is down');
        },
      },
      metrics,
    });
    await scheduler.runDue();
    await scheduler.stop();

    const after = await metrics.registry.metrics();
    expect(value(after, 'escale_jobs_total{kind="reminder",outcome="done"}')).toBe(1);
    expect(value(after, 'escale_jobs_total{kind="recap",outcome="retry"}')).toBe(1);
    expect(value(after, 'escale_job_lateness_seconds_sum{kind="recap"}')).toBe(600);
    expect(value(after, 'escale_job_lateness_seconds_sum{kind="reminder"}')).toBe(120);
    // The failed recap waits for its retry (backoff): still pending, still due, no longer counted as done.
    expect(value(after, 'escale_jobs_due{kind="reminder"}')).toBeUndefined();
    expect(value(after, 'escale_jobs_due{kind="recap"}')).toBe(1);
  });
});
