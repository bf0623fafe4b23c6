import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuGuild, Emulator } from '../../src/emulator/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { type BotProcess, botEnv, spawnBot, stopBot, waitUntil } from './botProcess.js';

/**
 * The bot stopping (SIGTERM, as a deploy does), at process level (issue 11, suspected, confirmed): an interaction
 * that arrives meanwhile gets a short answer in the member's language instead of "The application did not
 * respond", and a welcome started while it waits for work in flight is posted before the process exits.
 */
describe('the bot stopping', { timeout: 120_000 }, () => {
  let emulator: Emulator;
  let guild: EmuGuild;
  let dataDir: string;
  let bot: BotProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    guild = emulator.createGuild({ name: 'Réseau Bas-Saint-Laurent', preferredLocale: 'fr' });
    await deployCommands(parseConfig({ DISCORD_TOKEN: emulator.botToken, DISCORD_API_URL: emulator.apiUrl }));
    dataDir = mkdtempSync(path.join(tmpdir(), 'escale-stopping-'));
  }, 60_000);

  afterAll(async () => {
    if (bot) await stopBot(bot);
    await emulator?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('GIVEN a command slow to answer WHEN the bot is told to stop, then members run a command (French, English) and a newcomer joins THEN each member reads that the bot is restarting, the newcomer is welcomed, and the process exits 0', async () => {
    bot = spawnBot(botEnv(emulator, { dataDir }));
    const running = bot;
    await waitUntil(
      () => /ready as .* in 1 guilds/.test(running.output.text),
      90_000,
      () => `not ready:\n${running.output.text}`,
    );
    const general = guild.systemChannelId ?? '';
    const townList = (userId: string, locale: string) =>
      emulator.runCommand({
        guildId: guild.id,
        channelId: general,
        userId,
        name: 'town',
        options: [{ name: 'list' }],
        locale,
      });
    const [first, french, english] = ['lea', 'marc', 'kim'].map(
      (username) => emulator.addMember(guild.id, { username }).userId,
    );

    // Discord holds the first answer for 2 s (a rate limit): the bot's stop waits for it.
    emulator.injectFault({ path: /\/callback$/, status: 429, retryAfterSeconds: 2, times: 1 });
    const slow = townList(first ?? '', 'fr');
    await waitUntil(
      () => emulator.requests.some((request) => /\/callback$/.test(request.path)),
      10_000,
      () => 'the first command was not answered',
    );
    running.child.kill('SIGTERM');
    await waitUntil(
      () => running.output.text.includes('"msg":"stopping"'),
      10_000,
      () => `not stopping:\n${running.output.text}`,
    );

    const [frenchAnswer, englishAnswer] = await Promise.all([
      townList(french ?? '', 'fr'),
      townList(english ?? '', 'en-US'),
    ]);
    // The welcome's post is held 3 s by a rate limit too: it ends after the first command's answer.
    emulator.injectFault({
      method: 'POST',
      path: `/channels/${general}/messages`,
      status: 429,
      retryAfterSeconds: 3,
      times: 1,
    });
    const newcomer = emulator.addMember(guild.id, { username: 'nadia' }).userId;

    expect(await running.exited).toBe(0);
    await slow;
    expect(frenchAnswer.ephemeral).toBe(true);
    expect(frenchAnswer.text()).toBe('Escale redémarre : réessaie dans une minute.');
    expect(englishAnswer.ephemeral).toBe(true);
    expect(englishAnswer.text()).toBe('Escale is restarting: try again in a minute.');
    const welcomes = emulator.messages(general).filter((message) => message.pinged.users.includes(newcomer));
    expect(welcomes).toHaveLength(1);
    bot = undefined;
  });
});
