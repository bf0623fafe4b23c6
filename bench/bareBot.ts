import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';

/**
 * The floor of the benchmark: a discord.js bot with default caches that only acknowledges. Same library, same
 * intents and the same kind of answer as Escale's RSVP buttons (an ephemeral reply), no database, no logic.
 * Run by bench/run.ts as `node --import tsx bench/bareBot.ts` with DISCORD_TOKEN and DISCORD_API_URL.
 */
const token = process.env.DISCORD_TOKEN ?? '';
const api = process.env.DISCORD_API_URL ?? '';

const client = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers],
  rest: { api },
});

client.on(Events.InteractionCreate, async (interaction) => {
  try {
    if (interaction.isRepliable()) await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
  } catch (error) {
    console.error(`interaction failed: ${(error as Error).message}`);
  }
});
client.once(Events.ClientReady, (ready) => {
  console.log(`ready as ${ready.user.tag} in ${ready.guilds.cache.size} guilds`);
});
process.on('SIGTERM', () => {
  void client.destroy().finally(() => process.exit(0));
});

await client.login(token);
