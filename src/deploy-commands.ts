import { REST } from '@discordjs/rest';
import { Routes } from 'discord.js';
import { commands } from '../commands/index.js';
import { type Config, ConfigError, loadConfig } from './config.js';

/**
 * `npm run commands:deploy`: bulk-overwrites the slash commands, in the development guild when
 * DISCORD_GUILD_ID is set (instant), globally otherwise. Never done on boot. REST only (@discordjs/rest, as the
 * discord.js guide's deploy script): no gateway connection is opened.
 */
export async function deployCommands(config: Config): Promise<{ scope: 'guild' | 'global'; count: number }> {
  const rest = new REST(config.discordApiUrl ? { api: config.discordApiUrl } : {}).setToken(config.discordToken);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as { id: string }).id;
  const body = commands.map((command) => command.data);
  if (config.devGuildId) {
    await rest.put(Routes.applicationGuildCommands(applicationId, config.devGuildId), { body });
    return { scope: 'guild', count: body.length };
  }
  await rest.put(Routes.applicationCommands(applicationId), { body });
  return { scope: 'global', count: body.length };
}

const isEntryPoint = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntryPoint) {
  try {
    const config = loadConfig();
    const result = await deployCommands(config);
    console.log(
      result.scope === 'guild'
        ? `Registered ${result.count} commands in guild ${config.devGuildId}.`
        : `Registered ${result.count} commands globally (Discord may take up to an hour to show them).`,
    );
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
