import { describe, expect, it } from 'vitest';
import { cancelJobs, claimDueJobs, failJob, finishJob, listJobs, scheduleJob } from '../../src/jobs/queue.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

const GUILD = '100000000000000001';
const NOW = new Date('2026-12-04T12:00:00Z');
const minutes = (count: number) => new Date(NOW.getTime() + count * 60_000);

describe.each(testDatabaseKinds())('durable job queue on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('GIVEN jobs due and not yet due WHEN claimed THEN only the due ones come, oldest first', async () => {
    await scheduleJob(database.db, {
      kind: 'reminder',
      dedupeKey: 'reminder:1:60',
      guildId: GUILD,
      runAt: minutes(-5),
    });
    await scheduleJob(database.db, {
      kind: 'reminder',
      dedupeKey: 'reminder:2:60',
      guildId: GUILD,
      runAt: minutes(-10),
    });
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:1', guildId: GUILD, runAt: minutes(30) });
    const claimed = await claimDueJobs(database.db, { now: NOW, limit: 10, workerId: 'a' });
    expect(claimed.map((job) => job.dedupeKey)).toEqual(['reminder:2:60', 'reminder:1:60']);
  });

  it('GIVEN a claimed job WHEN another worker claims before the lease ends THEN it gets nothing; after, it gets the job', async () => {
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:7', guildId: GUILD, runAt: minutes(-1) });
    expect(await claimDueJobs(database.db, { now: NOW, limit: 10, workerId: 'a', leaseMs: 60_000 })).toHaveLength(1);
    expect(await claimDueJobs(database.db, { now: minutes(0.5), limit: 10, workerId: 'b' })).toHaveLength(0);
    const retaken = await claimDueJobs(database.db, { now: minutes(2), limit: 10, workerId: 'b' });
    expect(retaken.map((job) => [job.dedupeKey, job.attempts])).toEqual([['recap:7', 2]]);
  });

  it('GIVEN the same job scheduled twice WHEN listed THEN there is one row at the latest time', async () => {
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:3', guildId: GUILD, runAt: minutes(10) });
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:3', guildId: GUILD, runAt: minutes(20) });
    const rows = await listJobs(database.db, 'recap:3');
    expect(rows.map((job) => job.runAt.toISOString())).toEqual([minutes(20).toISOString()]);
  });

  it('GIVEN reminders of a trip WHEN cancelled by prefix THEN none of them is claimed and other trips keep theirs', async () => {
    for (const key of ['reminder:12:1440', 'reminder:12:60', 'reminder:120:60']) {
      await scheduleJob(database.db, { kind: 'reminder', dedupeKey: key, guildId: GUILD, runAt: minutes(-1) });
    }
    expect(await cancelJobs(database.db, 'reminder:12:', NOW)).toBe(2);
    const claimed = await claimDueJobs(database.db, { now: NOW, limit: 10, workerId: 'a' });
    expect(claimed.map((job) => job.dedupeKey)).toEqual(['reminder:120:60']);
  });

  it('GIVEN a finished job WHEN claiming again THEN it is not run twice', async () => {
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:9', guildId: GUILD, runAt: minutes(-1) });
    const [job] = await claimDueJobs(database.db, { now: NOW, limit: 1, workerId: 'a' });
    await finishJob(database.db, { id: job!.id, workerId: 'a', status: 'done', now: NOW });
    expect(await claimDueJobs(database.db, { now: minutes(120), limit: 10, workerId: 'b' })).toHaveLength(0);
  });

  it('GIVEN a failing job WHEN it fails THEN it is retried after a backoff, not at once', async () => {
    await scheduleJob(database.db, { kind: 'recap', dedupeKey: 'recap:5', guildId: GUILD, runAt: minutes(-1) });
    const [job] = await claimDueJobs(database.db, { now: NOW, limit: 1, workerId: 'a' });
    expect(await failJob(database.db, { job: job!, workerId: 'a', error: 'HTTP 500', now: NOW })).toBe('pending');
    expect(await claimDueJobs(database.db, { now: NOW, limit: 1, workerId: 'a' })).toHaveLength(0);
    expect(await claimDueJobs(database.db, { now: minutes(1), limit: 1, workerId: 'a' })).toHaveLength(1);
  });

  // Workers claiming concurrently (SKIP LOCKED): test/integration/concurrency.test.ts, Postgres only.
});
