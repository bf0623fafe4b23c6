import { describe, expect, it } from 'vitest';
import { respond } from '../../src/app/rsvp.js';
import type { AnnouncementView } from '../../src/app/views.js';
import { insertTrip } from '../../src/db/repositories/trips.js';
import { createAnnouncementUpdater } from '../../src/discord/announcementUpdater.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

const GUILD = '100000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');
const member = (index: number) => `4000000000000${String(index).padStart(5, '0')}`;

describe.each(testDatabaseKinds())('announcement updater on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup(editor: (view: AnnouncementView) => Promise<void>, minIntervalMs = 50) {
    const deps = testAppDeps(database, NOW);
    const trip = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: member(0),
      townName: 'Rimouski',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      capacity: 50,
      channelId: '110000000000000001',
      messageId: '120000000000000001',
      createdAt: NOW,
      updatedAt: NOW,
    });
    const edits: AnnouncementView[] = [];
    const updater = createAnnouncementUpdater({
      deps,
      guildLocale: () => 'fr',
      minIntervalMs,
      edit: async (view) => {
        edits.push(view);
        await editor(view);
      },
    });
    return { deps, trip, edits, updater };
  }

  it('GIVEN 100 answers each asking for a refresh WHEN they arrive together THEN a handful of edits are made and the last one shows all 100', async () => {
    const slowEdit = () => new Promise<void>((resolve) => setTimeout(resolve, 20));
    const { deps, trip, edits, updater } = await setup(slowEdit);
    await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        await respond(deps, { guildId: GUILD, userId: member(index + 1), trip: trip.id, response: 'going' });
        void updater.refresh(GUILD, trip.id);
      }),
    );
    await updater.idle();
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.length).toBeLessThanOrEqual(10);
    expect(edits.at(-1)?.counts).toMatchObject({ going: 50, waitlist: 50 });
  });

  it('GIVEN answers arriving one every 20 ms, each after the previous edit finished WHEN each asks for a refresh THEN the edits start at least the interval apart (a few, not one per answer) and the last shows them all', async () => {
    const startedAt: number[] = [];
    const { deps, trip, edits, updater } = await setup(async () => {
      startedAt.push(performance.now());
    }, 200);
    for (let index = 0; index < 25; index += 1) {
      await respond(deps, { guildId: GUILD, userId: member(index + 1), trip: trip.id, response: 'going' });
      void updater.refresh(GUILD, trip.id);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await updater.idle();
    const gaps = startedAt.slice(1).map((at, index) => at - startedAt[index]!);
    // Measured when the editor is called, after the edit’s read of the database: jitter around 200 ms under load.
    expect(Math.min(...gaps)).toBeGreaterThan(100);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    expect(edits.length).toBeLessThan(25 / 2);
    expect(edits.at(-1)?.counts.going).toBe(25);
  });

  it('GIVEN an edit that fails WHEN more refreshes come THEN nothing is thrown, every caller is released, and the next edit shows the latest state', async () => {
    let failures = 1;
    const { deps, trip, edits, updater } = await setup(async () => {
      if (failures-- > 0) throw new Error('HTTP 500');
    });
    const first = updater.refresh(GUILD, trip.id);
    await respond(deps, { guildId: GUILD, userId: member(1), trip: trip.id, response: 'going' });
    const second = updater.refresh(GUILD, trip.id, { withCalendar: true });
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(edits).toHaveLength(2);
    expect(edits[1]?.counts.going).toBe(1);
  });

  it('GIVEN a trip whose announcement was never posted WHEN refreshed THEN no edit is attempted', async () => {
    const { deps, edits, updater } = await setup(async () => {});
    const unposted = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: member(0),
      townName: 'Matane',
      startsAt: new Date('2026-12-04T17:00:00Z'),
      createdAt: NOW,
      updatedAt: NOW,
    });
    await updater.refresh(GUILD, unposted.id);
    await updater.refresh(GUILD, 999_999);
    expect(edits).toHaveLength(0);
  });
});
