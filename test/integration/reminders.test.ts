import { describe, expect, it } from 'vitest';
import type { ReminderPort } from '../../src/app/ports.js';
import { sendReminder } from '../../src/app/reminders.js';
import { reminderKey } from '../../src/app/tripJobs.js';
import type { ReminderView } from '../../src/app/views.js';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { saveRsvps } from '../../src/db/repositories/rsvps.js';
import { getStop, insertTrip } from '../../src/db/repositories/trips.js';
import type { ManualClock } from '../../src/domain/clock.js';
import { scheduleJob } from '../../src/jobs/queue.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

const GUILD = '100000000000000001';
const HOST = '300000000000000001';
const ALICE = '300000000000000002';
const BOB = '300000000000000003';
const CAROL = '300000000000000004';
const STARTS = new Date('2026-12-04T17:00:00Z');
const HOUR = 3_600_000;

/** Discord for reminders: DMs and thread messages, closed DMs, and failures on demand. */
class FakeReminderPort implements ReminderPort {
  readonly dms: { userId: string; nonce: string; view: ReminderView }[] = [];
  readonly threadPosts: { userIds: readonly string[]; nonce: string; threadName: string }[] = [];
  readonly closedDms = new Set<string>();
  /** Members whose next DM fails with a Discord 500 (once each). */
  readonly failNextDm = new Set<string>();
  failNextThreadPost = false;

  guildLocale() {
    return 'fr';
  }

  async sendReminderDm(input: { userId: string; nonce: string; view: ReminderView }) {
    if (this.failNextDm.delete(input.userId)) throw new Error('HTTP 500');
    if (this.closedDms.has(input.userId)) return 'refused' as const;
    this.dms.push(input);
    return 'sent' as const;
  }

  async postReminderInThread(input: {
    view: ReminderView;
    threadName: string;
    userIds: readonly string[];
    nonce: string;
  }) {
    if (this.failNextThreadPost) {
      this.failNextThreadPost = false;
      throw new Error('HTTP 500');
    }
    this.threadPosts.push(input);
    return { threadId: input.view.trip.messageId ?? '' };
  }

  dmsTo(userId: string) {
    return this.dms.filter((dm) => dm.userId === userId);
  }
}

describe.each(testDatabaseKinds())('reminders on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup(options: { status?: string; now?: Date } = {}) {
    const deps = testAppDeps(database, options.now ?? new Date(STARTS.getTime() - 24 * HOUR));
    const trip = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: HOST,
      townId: null,
      townName: 'Rimouski',
      startsAt: STARTS,
      durationMinutes: 90,
      venue: 'Café du Port',
      topic: 'IA et PME',
      status: options.status ?? 'scheduled',
      channelId: '110000000000000001',
      messageId: '120000000000000001',
      createdAt: new Date('2026-11-25T15:00:00Z'),
      updatedAt: new Date('2026-11-25T15:00:00Z'),
    });
    const answered = new Date('2026-11-26T15:00:00Z');
    await saveRsvps(
      deps.db,
      [
        [HOST, 'going'],
        [ALICE, 'going'],
        [BOB, 'going'],
        [CAROL, 'maybe'],
      ].map(([userId = '', status = ''], index) => ({
        stopId: trip.id,
        userId,
        status,
        guests: 0,
        respondedAt: new Date(answered.getTime() + index * 1_000),
        waitlistedAt: null,
      })),
    );
    for (const offset of [1440, 60]) {
      await scheduleJob(deps.db, {
        kind: 'reminder',
        dedupeKey: reminderKey(trip.id, offset),
        guildId: GUILD,
        runAt: new Date(STARTS.getTime() - offset * 60_000),
        payload: { tripId: trip.id, offsetMinutes: offset },
      });
    }
    const port = new FakeReminderPort();
    const run = (offsetMinutes = 1440) => sendReminder(deps, port, { guildId: GUILD, tripId: trip.id, offsetMinutes });
    return { deps, trip, port, run, clock: deps.clock as ManualClock };
  }

  it('GIVEN Discord fails on the third DM WHEN the job is retried THEN everyone going gets exactly one DM, with the same nonce', async () => {
    const { port, run } = await setup();
    port.failNextDm.add(BOB);
    await expect(run()).rejects.toThrow('HTTP 500');
    expect(port.dms.map((dm) => dm.userId)).toEqual([HOST, ALICE]);
    expect(await run()).toEqual({ status: 'done' });
    expect(await run()).toEqual({ status: 'done' });
    expect([HOST, ALICE, BOB].map((userId) => port.dmsTo(userId).length)).toEqual([1, 1, 1]);
    expect(port.dmsTo(CAROL)).toHaveLength(0);
    expect(new Set(port.dms.map((dm) => dm.nonce))).toEqual(new Set([expect.stringMatching(/^rem:\d+:1440$/)]));
    expect(port.dms[0]?.view.language).toBe('fr');
  });

  it('GIVEN two members with closed DMs and the thread post failing once WHEN retried THEN one thread message mentions exactly them, and nobody is DMed twice', async () => {
    const { deps, trip, port, run } = await setup();
    port.closedDms.add(ALICE).add(BOB);
    port.failNextThreadPost = true;
    await expect(run()).rejects.toThrow('HTTP 500');
    await run();
    await run();
    expect(port.threadPosts.map((post) => post.userIds)).toEqual([[ALICE, BOB]]);
    expect(port.threadPosts[0]?.threadName).toBe('Rimouski · 4 déc.');
    expect(port.dms.map((dm) => dm.userId)).toEqual([HOST]);
    expect((await getStop(deps.db, GUILD, trip.id))?.threadId).toBe(trip.messageId);
  });

  it('GIVEN the guild reminds "maybe" too WHEN the reminder runs THEN the member who said maybe gets it', async () => {
    const { deps, port, run } = await setup();
    await updateGuildSettings(deps.db, GUILD, { remindMaybe: true }, deps.clock.now());
    await run();
    expect(port.dmsTo(CAROL)).toHaveLength(1);
  });

  it('GIVEN a cancelled trip, a started one, a deleted one, an offset no longer configured WHEN the reminder runs THEN it is skipped with the reason and nothing is sent', async () => {
    const cancelled = await setup({ status: 'cancelled' });
    expect(await cancelled.run()).toEqual({ status: 'skipped', reason: 'trip cancelled' });
    const started = await setup({ now: new Date(STARTS.getTime() + 60_000) });
    expect(await started.run(60)).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('already started'),
    });
    const deleted = await setup();
    expect(
      await sendReminder(deleted.deps, deleted.port, { guildId: GUILD, tripId: 999_999, offsetMinutes: 60 }),
    ).toEqual({ status: 'skipped', reason: 'trip deleted' });
    await updateGuildSettings(deleted.deps.db, GUILD, { reminderOffsetsMinutes: [60] }, deleted.deps.clock.now());
    expect(await deleted.run(1440)).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('no longer configured'),
    });
    for (const { port } of [cancelled, started, deleted]) expect(port.dms).toHaveLength(0);
  });

  it('GIVEN the bot comes back 30 minutes before the start WHEN both reminders are due THEN the 24 h one is skipped as superseded and the 1 h one is sent', async () => {
    const { port, run } = await setup({ now: new Date(STARTS.getTime() - 30 * 60_000) });
    expect(await run(1440)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('60 min before') });
    expect(await run(60)).toEqual({ status: 'done' });
    expect(port.dmsTo(ALICE)).toHaveLength(1);
  });
});
