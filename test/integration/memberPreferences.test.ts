import { describe, expect, it } from 'vitest';
import {
  addDigestTown,
  digestMembersOf,
  digestTownIdsOf,
  removeDigestTown,
  scheduleJobOnce,
} from '../../src/db/repositories/digestQueries.js';
import { deleteGuildData } from '../../src/db/repositories/guildData.js';
import {
  getMemberPreferences,
  getMemberPreferencesMany,
  updateMemberPreferences,
} from '../../src/db/repositories/memberPreferences.js';
import { insertTown } from '../../src/db/repositories/towns.js';
import { claimDueJobs, finishJob, listJobs } from '../../src/jobs/queue.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

const GUILD = '100000000000000001';
const OTHER_GUILD = '100000000000000002';
const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const NOW = new Date('2026-11-25T15:00:00Z');

describe.each(testDatabaseKinds())('members’ preferences and digest towns on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function town(name: string, guildId = GUILD) {
    const row = await insertTown(database.db, {
      guildId,
      name,
      normalizedName: name.toLowerCase(),
      roleId: `3000000000000000${name.length}${name.charCodeAt(0)}`,
    });
    if (!row) throw new Error('town not saved');
    return row;
  }

  it('GIVEN a member who never chose WHEN their preferences are read THEN the defaults come back (DM reminders, no quiet hours, their Discord’s language)', async () => {
    expect(await getMemberPreferences(database.db, GUILD, ALICE)).toEqual({
      guildId: GUILD,
      userId: ALICE,
      reminders: 'dm',
      quietHours: null,
      language: 'auto',
      isDefault: true,
    });
  });

  it('GIVEN quiet hours saved then the reminders choice changed WHEN read back THEN both hold, per guild, and "none" clears the hours', async () => {
    await updateMemberPreferences(database.db, {
      guildId: GUILD,
      userId: ALICE,
      quietHours: { startMinute: 1_320, endMinute: 420 },
      now: NOW,
    });
    await updateMemberPreferences(database.db, { guildId: GUILD, userId: ALICE, reminders: 'thread', now: NOW });
    expect(await getMemberPreferences(database.db, GUILD, ALICE)).toMatchObject({
      reminders: 'thread',
      quietHours: { startMinute: 1_320, endMinute: 420 },
      language: 'auto',
      isDefault: false,
    });
    expect((await getMemberPreferences(database.db, OTHER_GUILD, ALICE)).isDefault).toBe(true);
    await updateMemberPreferences(database.db, { guildId: GUILD, userId: ALICE, quietHours: null, now: NOW });
    expect(await getMemberPreferences(database.db, GUILD, ALICE)).toMatchObject({
      reminders: 'thread',
      quietHours: null,
    });
  });

  it('GIVEN one member with a row and one without WHEN many are read at once THEN each asked member is there once, with the defaults when they never chose', async () => {
    await updateMemberPreferences(database.db, { guildId: GUILD, userId: ALICE, language: 'en', now: NOW });
    const many = await getMemberPreferencesMany(database.db, GUILD, [ALICE, BOB, ALICE]);
    expect([...many.keys()].sort()).toEqual([ALICE, BOB]);
    expect(many.get(ALICE)?.language).toBe('en');
    expect(many.get(BOB)).toMatchObject({ language: 'auto', reminders: 'dm', isDefault: true });
    expect((await getMemberPreferencesMany(database.db, GUILD, [])).size).toBe(0);
  });

  it('GIVEN a member following two towns by digest WHEN one is followed again and one left THEN the rows say exactly which towns remain', async () => {
    const rimouski = await town('Rimouski');
    const matane = await town('Matane');
    expect(await addDigestTown(database.db, { guildId: GUILD, townId: rimouski.id, userId: ALICE, now: NOW })).toBe(
      true,
    );
    expect(await addDigestTown(database.db, { guildId: GUILD, townId: rimouski.id, userId: ALICE, now: NOW })).toBe(
      false,
    );
    await addDigestTown(database.db, { guildId: GUILD, townId: matane.id, userId: ALICE, now: NOW });
    await addDigestTown(database.db, { guildId: GUILD, townId: matane.id, userId: BOB, now: NOW });
    expect([...(await digestTownIdsOf(database.db, GUILD, ALICE))].sort()).toEqual(
      [rimouski.id, matane.id].sort((a, b) => a - b),
    );
    expect(await removeDigestTown(database.db, rimouski.id, ALICE)).toBe(true);
    expect(await removeDigestTown(database.db, rimouski.id, ALICE)).toBe(false);
    expect(await digestMembersOf(database.db, GUILD)).toEqual(
      new Map([
        [ALICE, [matane.id]],
        [BOB, [matane.id]],
      ]),
    );
  });

  it('GIVEN preferences and digest towns in two guilds WHEN one guild’s data is purged THEN only that guild’s rows are gone', async () => {
    const rimouski = await town('Rimouski');
    const other = await town('Amqui', OTHER_GUILD);
    await updateMemberPreferences(database.db, { guildId: GUILD, userId: ALICE, reminders: 'off', now: NOW });
    await updateMemberPreferences(database.db, { guildId: OTHER_GUILD, userId: ALICE, reminders: 'off', now: NOW });
    await addDigestTown(database.db, { guildId: GUILD, townId: rimouski.id, userId: ALICE, now: NOW });
    await addDigestTown(database.db, { guildId: OTHER_GUILD, townId: other.id, userId: ALICE, now: NOW });

    const counts = await deleteGuildData(database.db, GUILD, 'guild-purge');

    expect(counts).toMatchObject({ memberPreferences: 1, townDigestMembers: 1 });
    expect((await getMemberPreferences(database.db, GUILD, ALICE)).isDefault).toBe(true);
    expect((await getMemberPreferences(database.db, OTHER_GUILD, ALICE)).reminders).toBe('off');
    expect((await digestMembersOf(database.db, OTHER_GUILD)).get(ALICE)).toEqual([other.id]);
  });

  it('GIVEN a member’s digest job already done WHEN the weekly job plans it again THEN it stays done (sent once)', async () => {
    const job = {
      kind: 'digest-dm',
      dedupeKey: `digest-dm:${GUILD}:week:${ALICE}`,
      subject: `digest-dm:${GUILD}:week:`,
      guildId: GUILD,
      runAt: NOW,
    };
    expect(await scheduleJobOnce(database.db, job)).toBe(true);
    const [claimed] = await claimDueJobs(database.db, { now: NOW, workerId: 'worker-1', limit: 5 });
    if (!claimed) throw new Error('job not claimed');
    await finishJob(database.db, { id: claimed.id, workerId: 'worker-1', status: 'done', now: NOW });
    expect(await scheduleJobOnce(database.db, job)).toBe(false);
    expect((await listJobs(database.db, `digest-dm:${GUILD}:week:`)).map((row) => row.status)).toEqual(['done']);
  });
});
