import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/app/errors.js';
import { canonicalTimeZone, saveSettings, searchTimeZones, showSettings } from '../../src/app/setup.js';
import { getGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';
import { FakeGuildChannels, testAppDeps } from '../support/fakeTownRoles.js';

const GUILD = '100000000000000001';
const SYSTEM_CHANNEL = '400000000000000001';
const WELCOME_CHANNEL = '400000000000000002';
const TRIPS_CHANNEL = '400000000000000003';

describe.each(testDatabaseKinds())('/setup use cases on %s', (kind) => {
  const database = useTestDatabase(kind);
  const setup = () => {
    const channels = new FakeGuildChannels();
    channels.systemChannel = SYSTEM_CHANNEL;
    for (const id of [SYSTEM_CHANNEL, WELCOME_CHANNEL, TRIPS_CHANNEL]) channels.access.set(id, 'ok');
    return { deps: testAppDeps(database), channels };
  };

  it('GIVEN a guild never set up WHEN its settings are shown THEN every value is the default and welcomes go to the system channel', async () => {
    const { deps, channels } = setup();
    const view = await showSettings(deps, channels, { guildId: GUILD, preferredLocale: 'fr' });

    expect(view.welcome).toEqual({ channelId: SYSTEM_CHANNEL, source: 'system' });
    expect(view.settings.tripsChannelId).toBeNull();
    expect(view.language).toEqual({ value: 'fr', source: 'guildLocale' });
    expect(view.settings).toMatchObject({ timeZone: 'America/Toronto', nearbyMinutes: 60, recapDelayMinutes: 30 });
    // The twelve /setup settings (quiet hours and onboarding included) and the four of the public page.
    expect(view.defaults.size).toBe(16);
    expect(view.warnings).toEqual([]);
    expect(view.changed).toEqual([]);
  });

  it('GIVEN every option WHEN saved THEN each reads back as given and is no longer marked default', async () => {
    const { deps, channels } = setup();
    const view = await saveSettings(deps, channels, {
      guildId: GUILD,
      preferredLocale: 'fr',
      changes: {
        welcomeChannelId: WELCOME_CHANNEL,
        tripsChannelId: TRIPS_CHANNEL,
        timeZone: 'europe/paris',
        language: 'en',
        nearbyMinutes: 90,
        recapDelayMinutes: 120,
        reminders: '48h, 2h, 30m',
        remindMaybe: true,
        maxTripsPerDay: 5,
        townPingCooldownMinutes: 15,
      },
    });
    expect(view.changed).toHaveLength(10);
    // Only the settings this call does not touch (the public page's, quiet hours, onboarding) are still defaults.
    expect([...view.defaults].sort()).toEqual([
      'inviteUrl',
      'onboarding',
      'publicNames',
      'publicPage',
      'publicSlug',
      'quietHours',
    ]);
    expect(view.welcome).toEqual({ channelId: WELCOME_CHANNEL, source: 'configured' });
    expect(await getGuildSettings(deps.db, GUILD)).toMatchObject({
      welcomeChannelId: WELCOME_CHANNEL,
      tripsChannelId: TRIPS_CHANNEL,
      timeZone: 'Europe/Paris',
      language: 'en',
      nearbyMinutes: 90,
      recapDelayMinutes: 120,
      reminderOffsetsMinutes: [2_880, 120, 30],
      remindMaybe: true,
      maxTripsPerDay: 5,
      townPingCooldownMinutes: 15,
    });
  });

  it('GIVEN saved settings WHEN one option changes THEN the others are untouched', async () => {
    const { deps, channels } = setup();
    const input = { guildId: GUILD, preferredLocale: 'fr' };
    await saveSettings(deps, channels, { ...input, changes: { language: 'en', nearbyMinutes: 45 } });
    const view = await saveSettings(deps, channels, { ...input, changes: { reminders: 'aucun' } });
    expect(view.changed).toEqual(['reminderOffsetsMinutes']);
    expect(view.settings).toMatchObject({ language: 'en', nearbyMinutes: 45, reminderOffsetsMinutes: [] });
  });

  it('GIVEN an unknown time zone WHEN saved THEN the error names it and nothing is saved', async () => {
    const { deps, channels } = setup();
    const error = await failure(
      saveSettings(deps, channels, {
        guildId: GUILD,
        preferredLocale: 'fr',
        changes: { timeZone: 'Mars/Olympus_Mons', nearbyMinutes: 30 },
      }),
    );
    expect(error).toMatchObject({ key: 'setup.error.unknownTimeZone', params: { timeZone: 'Mars/Olympus_Mons' } });
    expect((await getGuildSettings(deps.db, GUILD)).nearbyMinutes).toBe(60);
  });

  it('GIVEN unreadable reminders WHEN saved THEN the error quotes the part it did not understand', async () => {
    const { deps, channels } = setup();
    const error = await failure(
      saveSettings(deps, channels, { guildId: GUILD, preferredLocale: 'en', changes: { reminders: '24h, soon' } }),
    );
    expect(error).toMatchObject({ key: 'setup.badReminders', params: { value: 'soon' } });
  });

  it('GIVEN a channel the bot cannot write in WHEN chosen THEN it is saved with a warning naming it', async () => {
    const { deps, channels } = setup();
    channels.access.set(TRIPS_CHANNEL, 'cannotSend');
    channels.mentionRoles = false;
    const view = await saveSettings(deps, channels, {
      guildId: GUILD,
      preferredLocale: 'fr',
      changes: { tripsChannelId: TRIPS_CHANNEL },
    });
    expect(view.settings.tripsChannelId).toBe(TRIPS_CHANNEL);
    expect(view.warnings).toEqual([
      { key: 'setup.warning.cannotSend', params: { channel: `<#${TRIPS_CHANNEL}>` } },
      { key: 'setup.warning.cannotMentionRoles', params: {} },
    ]);
  });

  it('GIVEN no welcome channel and no system channel WHEN shown THEN the admin is warned that nobody will be greeted', async () => {
    const { deps, channels } = setup();
    channels.systemChannel = null;
    const view = await showSettings(deps, channels, { guildId: GUILD, preferredLocale: 'en-US' });
    expect(view.welcome.source).toBe('none');
    expect(view.language.value).toBe('en');
    expect(view.warnings.map((warning) => warning.key)).toEqual(['setup.warning.noWelcomeChannel']);
  });
});

describe('time zone names', () => {
  it('GIVEN names typed loosely WHEN validated THEN they come back as IANA spells them; offsets and inventions are refused', () => {
    expect(canonicalTimeZone(' america/toronto ')).toBe('America/Toronto');
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    for (const bad of ['+05:00', 'EST', 'Mars/Olympus', '']) {
      expect(() => canonicalTimeZone(bad)).toThrow(UserFacingError);
    }
  });

  it('GIVEN part of a city WHEN autocompleted THEN matching zones come, the city’s own first', () => {
    expect(searchTimeZones('toronto')).toEqual(['America/Toronto']);
    expect(searchTimeZones('new york')).toEqual(['America/New_York']);
    expect(searchTimeZones('montréal')).toEqual(['America/Toronto']);
    expect(searchTimeZones('')).toContain('America/Toronto');
    expect(searchTimeZones('a')).toHaveLength(25);
  });
});
