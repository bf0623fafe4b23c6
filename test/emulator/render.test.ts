import { describe, expect, it } from 'vitest';
import { onInteraction, rawRest, useEmulator } from './support.js';

const world = useEmulator();

const trip = {
  name: 'trip',
  description: 'Trips',
  name_localizations: { fr: 'rencontre' },
  options: [{ type: 1, name: 'new', description: 'Announce', name_localizations: { fr: 'nouvelle' } }],
};

async function deployAndPost(
  content: (commandId: string) => string,
): Promise<{ messageId: string; commandId: string }> {
  const { emulator } = world;
  const deployed = await rawRest(emulator, 'PUT', `/applications/${emulator.application.id}/commands`, [trip]);
  const commandId = String((deployed.body as unknown as { id: string }[])[0]?.id);
  const posted = await rawRest(emulator, 'POST', `/channels/${world.general}/messages`, {
    content: content(commandId),
  });
  return { messageId: String(posted.body['id']), commandId };
}

describe('command mentions as the Discord client shows them', () => {
  it('GIVEN a mention of a deployed command WHEN a French reader reads it THEN it shows the French names', async () => {
    const { messageId } = await deployAndPost((id) => `Annonce ta venue avec </trip new:${id}>.`);

    expect(world.emulator.text(messageId)).toBe('Annonce ta venue avec /rencontre nouvelle.');
    expect(world.emulator.renderMessage(messageId, { locale: 'fr' })).toContain('/rencontre nouvelle');
  });

  it('GIVEN the same mention WHEN an English reader reads it THEN it shows the command names', async () => {
    const { messageId } = await deployAndPost((id) => `Announce with </trip new:${id}>.`);

    expect(world.emulator.text(messageId, { locale: 'en-US' })).toBe('Announce with /trip new.');
    expect(world.emulator.render(world.general, { locale: 'en-US' })).toContain('Announce with /trip new.');
  });

  it('GIVEN a mention whose id is not a deployed command WHEN read THEN the names written are shown', async () => {
    const { messageId } = await deployAndPost(() => 'Essaie </trip new:123456789012345678>.');

    expect(world.emulator.text(messageId)).toBe('Essaie /trip new.');
  });

  it('GIVEN a reply mentioning a command WHEN the member who ran the command reads it THEN it is in their language', async () => {
    const { emulator } = world;
    const client = await world.connect();
    const deployed = await rawRest(emulator, 'PUT', `/applications/${emulator.application.id}/commands`, [trip]);
    const commandId = String((deployed.body as unknown as { id: string }[])[0]?.id);
    onInteraction(client, async (interaction) => {
      if (interaction.isRepliable()) await interaction.reply({ content: `Essaie </trip new:${commandId}>` });
    });

    const english = await emulator.runCommand({
      channelId: world.general,
      userId: world.alice.userId,
      name: 'trip',
      locale: 'en-US',
    });
    const french = await emulator.runCommand({
      channelId: world.general,
      userId: world.alice.userId,
      name: 'trip',
      locale: 'fr',
    });

    expect(english.response()).toBe('Essaie /trip new');
    expect(french.response()).toBe('Essaie /rencontre nouvelle');
  });
});
