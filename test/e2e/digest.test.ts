import { beforeEach, describe, expect, it } from 'vitest';
import { useWorld } from '../support/e2e.js';
import '../support/matchers.js';
import { advanceTo, announce, dmsOf, freshGuild, LANGUAGES, rimouskiMember, tripIdOf } from './recapSupport.js';

/**
 * /town join mode:digest: no role, no ping, and each Monday 08:00 (America/Toronto) one DM listing the coming week's
 * stops in the member's digest towns. The world starts Wednesday 2026-11-25; the first digest is Monday November 30
 * at 08:00 (13:00 UTC), covering the week to Monday December 7 08:00.
 */
const TEXTS = {
  fr: {
    joined: 'Tu suis **Rimouski** par le résumé de la semaine',
    heading: '📬 Cette semaine près de chez toi (Rimouski, Rivière-du-Loup)',
    dates: { rdl: '2 décembre midi', luce: '3 décembre midi', later: '9 décembre midi' },
    listDigest: '📬 **Rimouski**',
    modeDigest: 'résumé du lundi',
    left: 'Tu ne fais plus partie de **Rivière-du-Loup**',
    waited: 'Ce message a attendu la fin de tes heures calmes',
  },
  en: {
    joined: 'You follow **Rimouski** by the weekly digest',
    heading: '📬 This week near you (Rimouski, Rivière-du-Loup)',
    dates: { rdl: 'December 2 at noon', luce: 'December 3 at noon', later: 'December 9 at noon' },
    listDigest: '📬 **Rimouski**',
    modeDigest: 'Monday digest',
    left: 'You’re no longer part of **Rivière-du-Loup**',
    waited: 'This message waited for the end of your quiet hours',
  },
} as const;

const MONDAY_8 = new Date('2026-11-30T13:00:00Z');

describe.each(LANGUAGES)('weekly digest in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const texts = language.locale === 'fr' ? TEXTS.fr : TEXTS.en;
  beforeEach(async () => {
    await freshGuild(context.world, language);
  });

  it('GIVEN a member of Rimouski who switches it and Rivière-du-Loup to digest WHEN stops are announced and Monday 08:00 comes THEN they hold no town role, are pinged by none, and get one DM listing exactly the week’s stops in those two towns', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const alice = rimouskiMember(world, 'Alice', language);
    const joined = await (
      await alice.runs('/town join', { town: 'Rimouski', mode: 'digest' }, { locale: language.locale })
    ).settled();
    expect(joined.ephemeral).toBe(true);
    expect(joined.text()).toContain(texts.joined);
    await (
      await alice.runs('/town join', { town: 'Rivière-du-Loup', mode: 'digest' }, { locale: language.locale })
    ).settled();
    expect(alice.roles()).toEqual([]);
    const list = await (await alice.runs('/town list', {}, { locale: language.locale })).settled();
    expect(list.text()).toContain(texts.listDigest);
    expect(list.text()).toContain(texts.modeDigest);

    const rimouski = await announce(world, host, language);
    const rdl = await announce(world, host, language, { town: 'Rivière-du-Loup', when: texts.dates.rdl });
    const luce = await announce(world, host, language, { town: 'Trois-Pistoles', when: texts.dates.luce });
    const otherHost = world.join('Gilles', { locale: language.locale });
    const later = await announce(world, otherHost, language, { when: texts.dates.later });
    for (const announcement of [rimouski, rdl, luce, later]) {
      expect(announcement.pinged.users).not.toContain(alice.id);
    }

    await advanceTo(world, new Date(MONDAY_8.getTime() - 60_000));
    expect(dmsOf(world, alice)).toHaveLength(0);
    await advanceTo(world, MONDAY_8);
    const digests = dmsOf(world, alice);
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    expect(digest?.content).toContain(texts.heading);
    const link = (message: typeof rimouski) =>
      `https://discord.com/channels/${world.guild.id}/${message.channelId}/${message.id}`;
    expect(digest?.content).toContain(link(rimouski));
    expect(digest?.content).toContain(link(rdl));
    expect(digest?.content).not.toContain(link(luce));
    expect(digest?.content).not.toContain(link(later));
    expect(digest?.content).not.toContain('Trois-Pistoles');
    // Rivière-du-Loup (Wednesday) before Rimouski (Friday).
    expect(digest?.content.indexOf(link(rdl))).toBeLessThan(digest?.content.indexOf(link(rimouski)) ?? 0);
    expect(digest).toPingNobody();
    expect(tripIdOf(rimouski)).toBeGreaterThan(0);

    await advanceTo(world, new Date(MONDAY_8.getTime() + 60 * 60_000));
    expect(dmsOf(world, alice)).toHaveLength(1);
  });

  it('GIVEN a digest member who leaves one of their towns and has nothing in the other WHEN Monday 08:00 comes THEN no DM at all, and the town left is gone from /town list', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const bob = world.join('Bob', { locale: language.locale });
    await (await bob.runs('/town join', { town: 'Rimouski', mode: 'digest' }, { locale: language.locale })).settled();
    await (
      await bob.runs('/town join', { town: 'Rivière-du-Loup', mode: 'digest' }, { locale: language.locale })
    ).settled();
    await announce(world, host, language, { town: 'Rivière-du-Loup', when: texts.dates.rdl });
    const left = await (
      await bob.runs('/town leave', { town: 'Rivière-du-Loup' }, { locale: language.locale })
    ).settled();
    expect(left.text()).toContain(texts.left);
    const list = await (await bob.runs('/town list', {}, { locale: language.locale })).settled();
    expect(list.text()).toContain(texts.listDigest);
    expect(list.text()).not.toContain('📬 **Rivière-du-Loup**');

    await advanceTo(world, new Date(MONDAY_8.getTime() + 60_000));
    expect(dmsOf(world, bob)).toHaveLength(0);
  });

  it('GIVEN a digest member quiet from 22:00 to 09:00 WHEN Monday 08:00 comes THEN their digest waits to 09:00 and says it waited', async () => {
    const { world } = context;
    const host = world.join('Hélène', { locale: language.locale });
    const carol = world.join('Carol', { locale: language.locale });
    await (await carol.runs('/preferences', { quiet_hours: '22:00-09:00' }, { locale: language.locale })).settled();
    await (await carol.runs('/town join', { town: 'Rimouski', mode: 'digest' }, { locale: language.locale })).settled();
    const rimouski = await announce(world, host, language);

    await advanceTo(world, MONDAY_8);
    await advanceTo(world, new Date(MONDAY_8.getTime() + 59 * 60_000));
    expect(dmsOf(world, carol)).toHaveLength(0);

    await advanceTo(world, new Date(MONDAY_8.getTime() + 60 * 60_000));
    const digests = dmsOf(world, carol);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.content).toContain(
      `https://discord.com/channels/${world.guild.id}/${rimouski.channelId}/${rimouski.id}`,
    );
    expect(digests[0]?.content).toContain(texts.waited);
  });
});
