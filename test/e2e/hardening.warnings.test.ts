import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Permission } from '../../src/emulator/permissions.js';
import { useWorld } from '../support/e2e.js';
import { freshGuildWithTown } from '../support/reliability.js';

/**
 * A town's role that gained permissions is no longer given (issue 11, item 1), and the admins are warned ONCE per
 * role and set of permissions, whatever the process: in the guild's moderators-only channel when it has one, else
 * by a direct message to the owner (this guild has no such channel). In the guild's language.
 */
describe.each([
  {
    language: 'French',
    locale: 'fr',
    refused: 'Je ne peux pas te donner le rôle de **Rimouski** : il donne maintenant des permissions (Administrator)',
    warning:
      '⚠️ Sur **Réseau Bas-Saint-Laurent**, le rôle @Rimouski de la ville **Rimouski** donne maintenant des permissions (Administrator)',
    second: 'donne maintenant des permissions (Manage Messages)',
  },
  {
    language: 'English',
    locale: 'en-US',
    refused: 'I can’t give you the role of **Rimouski**: it now grants permissions (Administrator)',
    warning:
      '⚠️ On **Réseau Bas-Saint-Laurent**, the role @Rimouski of the town **Rimouski** now grants permissions (Administrator)',
    second: 'now grants permissions (Manage Messages)',
  },
])('the admins warned of a privileged town role in $language', ({ locale, refused, warning, second }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'escale-warnings-'));
  const context = useWorld({ dataDir, preferredLocale: locale });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('GIVEN a town whose role was given Administrator WHEN members join it, before and after the bot restarts THEN each is refused and the owner gets one warning; a new set of permissions warns again', async () => {
    const { world } = context;
    await freshGuildWithTown(world, { locale });
    const rimouski = world.role('Rimouski');
    if (!rimouski) throw new Error('no Rimouski role');
    world.emulator.setRolePermissions(world.guild.id, rimouski.id, Permission.Administrator);
    const join = async (name: string) => {
      const member = world.join(name, { locale });
      const result = await (await member.runs('/town join', { town: 'Rimouski' }, { locale })).settled();
      expect(result.text()).toContain(refused);
      expect(world.rolesOf(member)).toEqual([]);
    };

    await join('Alice');
    await join('Bob');
    await world.restartBot(); // another process: the warning was stored, not remembered in memory
    await join('Chloé');

    const warnings = () => world.owner.dms().map((message) => message.content);
    expect(warnings()).toHaveLength(1);
    expect(warnings()[0]).toContain(warning);
    expect(world.owner.dms()[0]?.pinged).toEqual({ everyone: false, users: [], roles: [] });

    world.emulator.setRolePermissions(world.guild.id, rimouski.id, Permission.ManageMessages);
    const dave = world.join('Dave', { locale });
    await (await dave.runs('/town join', { town: 'Rimouski' }, { locale })).settled();
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]).toContain(second);
  });

  it('GIVEN a moderators-only updates channel WHEN a member joins a town whose role was given Administrator THEN the warning is posted there once, pinging nobody, and the owner gets no DM', async () => {
    const { world } = context;
    await freshGuildWithTown(world, { locale });
    const moderators = world.emulator.createChannel(world.guild.id, { name: 'moderateurs' });
    world.emulator.setChannelOverwrite(moderators.id, { id: world.guild.id, deny: Permission.ViewChannel });
    world.emulator.setChannelOverwrite(moderators.id, {
      id: world.guild.botRoleId,
      allow: Permission.ViewChannel | Permission.SendMessages,
    });
    world.emulator.updateGuild(world.guild.id, { publicUpdatesChannelId: moderators.id });
    const rimouski = world.role('Rimouski');
    if (!rimouski) throw new Error('no Rimouski role');
    world.emulator.setRolePermissions(world.guild.id, rimouski.id, Permission.Administrator);

    for (const name of ['Émile', 'Fanny']) {
      const member = world.join(name, { locale });
      const result = await (await member.runs('/town join', { town: 'Rimouski' }, { locale })).settled();
      expect(result.text()).toContain(refused);
    }
    const posted = world.emulator.messages(moderators.id);
    expect(posted.map((message) => message.content)).toHaveLength(1);
    expect(posted[0]?.content).toContain(warning);
    expect(posted[0]?.pinged).toEqual({ everyone: false, users: [], roles: [] });
    expect(world.owner.dms()).toEqual([]);
  });
});
