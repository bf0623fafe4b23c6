import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { createCommandMentions, type DeployedCommand } from '../../src/discord/commandMentions.js';

/** The real command definitions; Discord's answers to "which commands are deployed" given per scope. */
function mentionsWith(deployed: Record<string, DeployedCommand[]>) {
  let now = 0;
  const reads: (string | null)[] = [];
  const mentions = createCommandMentions({
    commands: commands.map((command) => command.data),
    fetchDeployed: async (guildId) => {
      reads.push(guildId);
      return deployed[guildId ?? 'global'] ?? [];
    },
    now: () => now,
  });
  return { mentions, reads, deployed, advance: (ms: number) => (now += ms) };
}

describe('command mentions', () => {
  it('GIVEN global commands deployed WHEN a French text names `/town join` THEN it is the clickable mention', async () => {
    const { mentions } = mentionsWith({ global: [{ name: 'town', id: '111' }] });
    await mentions.ensure('g1');
    const text = mentions.forGuild('g1').linkify('Utilise `/town join` ou `/town join town:Amqui`.', 'fr');
    expect(text).toBe('Utilise </town join:111> ou </town join:111> `ville:Amqui`.');
  });

  it('GIVEN no id known WHEN a text names a command THEN its name in the message’s language, options too', async () => {
    const { mentions } = mentionsWith({});
    await mentions.ensure('g1');
    const guild = mentions.forGuild('g1');
    expect(guild.linkify('Essaie `/trip new town:Amqui when:"midi"`.', 'fr')).toBe(
      'Essaie `/rencontre nouvelle` `ville:Amqui quand:"midi"`.',
    );
    expect(guild.mention('trip new', 'en')).toBe('`/trip new`');
    expect(guild.linkify('with `/trip` and `/not-a-command`', 'fr')).toBe('with `/rencontre` and `/not-a-command`');
  });

  it('GIVEN a guild’s own commands WHEN they are deployed after start THEN the next read (a minute later) links them, and an interaction teaches its id at once', async () => {
    const { mentions, deployed, advance, reads } = mentionsWith({});
    await mentions.ensure('g1');
    expect(mentions.forGuild('g1').mention('trip new', 'en')).toBe('`/trip new`');
    deployed.g1 = [{ name: 'trip', id: '222' }];
    await mentions.ensure('g1');
    expect(reads).toEqual([null, 'g1']); // not read again within the minute
    advance(61_000);
    await mentions.ensure('g1');
    expect(mentions.forGuild('g1').mention('trip new', 'en')).toBe('</trip new:222>');
    expect(mentions.forGuild('g2').mention('trip new', 'en')).toBe('`/trip new`'); // another guild's ids are not its own

    mentions.learn('rsvp', '333', 'g2');
    expect(mentions.forGuild('g2').mention('rsvp', 'fr')).toBe('</rsvp:333>');
  });
});
