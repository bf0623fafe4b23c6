import { Client, Events, GatewayIntentBits } from 'discord.js';
import { createDiscordClient } from '../src/discord/client.js';

/**
 * One client in a clean process, for its resident memory after GUILD_CREATE: `escale` is the bot's client
 * (src/discord/client.ts: cache limits), `bare` a discord.js client with the default caches and the same intents,
 * `baseline` loads the same modules and never logs in. Prints one JSON line. Needs --expose-gc.
 */
const mode = process.argv[2] ?? 'escale';
const token = process.env.DISCORD_TOKEN ?? '';
const api = process.env.DISCORD_API_URL ?? '';
const expectedMembers = Number(process.env.EXPECTED_MEMBERS ?? '0');

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

async function settleAndMeasure(extra: Record<string, unknown>): Promise<void> {
  // Let the gateway's buffers and parsed payloads become garbage, then collect twice.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc?.();
  const memory = process.memoryUsage();
  console.log(
    JSON.stringify({ mode, rss: memory.rss, heapUsed: memory.heapUsed, external: memory.external, ...extra }),
  );
}

if (mode === 'baseline') {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api } });
  createDiscordClient({ apiUrl: api }).destroy();
  await settleAndMeasure({ guilds: 0, cachedMembers: 0, cachedUsers: 0 });
  await client.destroy();
  process.exit(0);
}

const client =
  mode === 'escale'
    ? createDiscordClient({ apiUrl: api })
    : new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers], rest: { api } });
const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
await client.login(token);
await ready;
const guild = client.guilds.cache.first();
if (!guild) throw new Error('no guild after ready');
if (expectedMembers > 0 && guild.memberCount < expectedMembers) {
  throw new Error(`guild has ${guild.memberCount} members, expected ${expectedMembers}`);
}
await settleAndMeasure({
  guilds: client.guilds.cache.size,
  memberCount: guild.memberCount,
  cachedMembers: guild.members.cache.size,
  cachedUsers: client.users.cache.size,
});
await client.destroy();
process.exit(0);
