import { describe, expect, it } from 'vitest';
import { MAX_CACHED_MEMBER_LISTS } from '../../src/discord/recapPort.js';
import { useWorld, type World } from '../support/e2e.js';

/**
 * The recap counts a town's members from one read of the guild's member list per minute (issue 11, suspected: the
 * cache was never evicted, so a bot in thousands of guilds kept every member list it ever read).
 */
function memberListReads(world: World, guildId: string): number {
  return world.emulator.requests.filter(
    (request) => request.method === 'GET' && request.path === `/guilds/${guildId}/members`,
  ).length;
}

describe('the recap’s member lists', () => {
  const context = useWorld({ preferredLocale: 'en-US' });

  it(`GIVEN recaps in ${MAX_CACHED_MEMBER_LISTS + 1} servers within a minute WHEN the first server is counted again THEN its member list is read again (at most ${MAX_CACHED_MEMBER_LISTS} lists are kept)`, async () => {
    const { world } = context;
    const recap = world.bot.services.ports.recap;
    const guilds = Array.from({ length: MAX_CACHED_MEMBER_LISTS + 1 }, () =>
      world.createGuild({ preferredLocale: 'en-US' }),
    );
    const first = guilds[0]!.id;
    for (const guild of guilds) expect(await recap.countMembers(guild.id, null, [])).toEqual({ total: 1, among: 0 });
    expect(memberListReads(world, first)).toBe(1);

    expect(await recap.countMembers(first, null, [])).toEqual({ total: 1, among: 0 });
    expect(memberListReads(world, first)).toBe(2);
  });

  it('GIVEN a server’s members were read WHEN it is counted again within the minute THEN the list is not read again, and after the minute it is', async () => {
    const { world } = context;
    const recap = world.bot.services.ports.recap;
    const guild = world.createGuild({ preferredLocale: 'en-US' });
    world.join('Alice', { locale: 'en-US' });
    await recap.countMembers(guild.id, null, []);
    expect(await recap.countMembers(guild.id, null, [])).toEqual({ total: 2, among: 0 });
    expect(memberListReads(world, guild.id)).toBe(1);

    world.clock.advance(61_000);
    await recap.countMembers(guild.id, null, []);
    expect(memberListReads(world, guild.id)).toBe(2);
  });
});
