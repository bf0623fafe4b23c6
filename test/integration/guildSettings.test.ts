import { describe, expect, it } from 'vitest';
import { getGuildSettings, updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';

const GUILD = '100000000000000001';
const NOW = new Date('2026-11-25T15:00:00Z');

describe.each(testDatabaseKinds())('guild settings repository on %s', (kind) => {
  const database = useTestDatabase(kind);

  it('GIVEN a guild never set up WHEN its settings are read THEN the defaults come back', async () => {
    const settings = await getGuildSettings(database.db, GUILD);
    expect(settings).toMatchObject({
      timeZone: 'America/Toronto',
      language: null,
      nearbyMinutes: 60,
      recapDelayMinutes: 30,
      reminderOffsetsMinutes: [1_440, 60],
      maxTripsPerDay: 3,
    });
  });

  it('GIVEN two successive updates WHEN read back THEN both changes are kept and the rest untouched', async () => {
    await updateGuildSettings(database.db, GUILD, { timeZone: 'Europe/Paris', language: 'en' }, NOW);
    await updateGuildSettings(database.db, GUILD, { reminderOffsetsMinutes: [30], nearbyMinutes: 90 }, NOW);
    const settings = await getGuildSettings(database.db, GUILD);
    expect(settings).toMatchObject({
      timeZone: 'Europe/Paris',
      language: 'en',
      nearbyMinutes: 90,
      reminderOffsetsMinutes: [30],
      recapDelayMinutes: 30,
    });
  });

  it('GIVEN an empty reminder list WHEN saved THEN it reads back empty, not the default', async () => {
    await updateGuildSettings(database.db, GUILD, { reminderOffsetsMinutes: [] }, NOW);
    expect((await getGuildSettings(database.db, GUILD)).reminderOffsetsMinutes).toEqual([]);
  });
});
