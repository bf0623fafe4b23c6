import { describe, expect, it } from 'vitest';
import { changePublicPage, requestFeed } from '../../src/app/publicSettings.js';
import { parseConfig } from '../../src/config.js';
import { getGuildSettings, updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { ManualClock } from '../../src/domain/clock.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';

const GUILD = '100000000000000001';
const OTHER = '100000000000000002';
const MEMBER = '300000000000000002';
const NOW = new Date('2026-11-25T15:00:00Z');
const TOKEN = 'MTIz.fake-token-for-tests.abcdefghijklmnopqrstuvwxyz';

describe.each(testDatabaseKinds())('public page settings and private feeds on %s', (kind) => {
  const database = useTestDatabase(kind);
  const deps = (publicUrl?: string) => ({
    db: database.db,
    clock: new ManualClock(NOW),
    config: parseConfig({ DISCORD_TOKEN: TOKEN, ...(publicUrl ? { PUBLIC_URL: publicUrl } : {}) }),
  });
  const withUrl = () => deps('https://escale.example.org');

  it('GIVEN a server that never set a slug WHEN the page is turned on THEN its address comes from the server’s name', async () => {
    const status = await changePublicPage(withUrl(), {
      guildId: GUILD,
      guildName: 'Réseau Bas-Saint-Laurent !',
      changes: { publicPage: true },
    });
    expect(status).toMatchObject({
      enabled: true,
      slug: 'reseau-bas-saint-laurent',
      url: 'https://escale.example.org/c/reseau-bas-saint-laurent',
      showNames: false,
    });
  });

  it('GIVEN another server holds the name WHEN a second one turns its page on THEN it gets a numbered address; asking for the taken one is refused', async () => {
    await changePublicPage(withUrl(), { guildId: OTHER, guildName: 'Tech BSL', changes: { publicPage: true } });
    const second = await changePublicPage(withUrl(), {
      guildId: GUILD,
      guildName: 'Tech BSL',
      changes: { publicPage: true },
    });
    expect(second.slug).toBe('tech-bsl-2');
    const refused = await failure(
      changePublicPage(withUrl(), { guildId: GUILD, guildName: 'Tech BSL', changes: { publicSlug: 'Tech BSL' } }),
    );
    expect(refused).toMatchObject({ key: 'web.setup.slugTaken', params: { slug: 'tech-bsl' } });
    expect((await getGuildSettings(database.db, GUILD)).publicSlug).toBe('tech-bsl-2');
  });

  it('GIVEN bad input WHEN the settings are changed THEN each is refused with its reason and nothing changes', async () => {
    await updateGuildSettings(database.db, GUILD, { publicSlug: 'tech-bsl' }, NOW);
    expect(
      await failure(changePublicPage(deps(), { guildId: GUILD, guildName: 'x', changes: { publicPage: true } })),
    ).toMatchObject({ key: 'web.setup.needsPublicUrl' });
    expect(
      await failure(changePublicPage(withUrl(), { guildId: GUILD, guildName: 'x', changes: { publicSlug: '---' } })),
    ).toMatchObject({ key: 'web.setup.badSlug' });
    expect(
      await failure(
        changePublicPage(withUrl(), {
          guildId: GUILD,
          guildName: 'x',
          changes: { invite: 'https://evil.example/discord.gg/x', publicNames: true },
        }),
      ),
    ).toMatchObject({ key: 'web.setup.badInvite' });
    expect(await getGuildSettings(database.db, GUILD)).toMatchObject({
      publicPage: false,
      publicSlug: 'tech-bsl',
      publicNames: false,
      inviteUrl: null,
    });
  });

  it('GIVEN a Discord invite WHEN set, then "none" WHEN set again THEN the link is shown, then removed', async () => {
    const set = await changePublicPage(withUrl(), {
      guildId: GUILD,
      guildName: 'x',
      changes: { invite: 'https://discord.gg/escale-bsl' },
    });
    expect(set.invite).toBe('https://discord.gg/escale-bsl');
    const removed = await changePublicPage(withUrl(), { guildId: GUILD, guildName: 'x', changes: { invite: 'aucun' } });
    expect(removed.invite).toBeNull();
  });

  it('GIVEN no PUBLIC_URL WHEN a member asks for their feed THEN they are told it is needed; with it THEN they get a private URL once', async () => {
    expect(await failure(requestFeed(deps(), { guildId: GUILD, userId: MEMBER, reset: false }))).toMatchObject({
      key: 'web.feed.needsPublicUrl',
    });
    const created = await requestFeed(withUrl(), { guildId: GUILD, userId: MEMBER, reset: false });
    expect(created).toMatchObject({ kind: 'created' });
    expect(created.kind === 'created' && created.url).toMatch(
      /^https:\/\/escale\.example\.org\/feed\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    expect(await requestFeed(withUrl(), { guildId: GUILD, userId: MEMBER, reset: false })).toEqual({
      kind: 'exists',
      createdAt: NOW,
    });
  });
});
