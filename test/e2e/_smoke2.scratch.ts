import { startBot } from '../../src/bot.js';
import { parseConfig } from '../../src/config.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { Permission, startEmulator } from '../../src/emulator/index.js';
import { createLogger } from '../../src/logger.js';

const emulator = await startEmulator();
const guild = emulator.createGuild({ name: 'BSL', preferredLocale: 'en-US' });
const general = guild.systemChannelId ?? '';
const config = parseConfig({ DISCORD_TOKEN: emulator.botToken, DISCORD_API_URL: emulator.apiUrl, DATA_DIR: ':memory:', DISCORD_GUILD_ID: guild.id, LOG_LEVEL: 'warn' });
await deployCommands(config);
const bot = await startBot({ config, logger: createLogger({ level: 'warn', pretty: false }) });
const admin = emulator.addMember(guild.id, { username: 'admin', locale: 'fr', permissions: Permission.ManageRoles | Permission.ManageGuild });
const alice = emulator.addMember(guild.id, { username: 'alice', locale: 'en-US' });
const cmd = (userId: string, name: string, sub: string | null, opts: { name: string; value: string | number | boolean }[], locale = 'en-US') =>
  emulator.runCommand({ channelId: general, userId, name, options: sub ? [{ name: sub, options: opts }] : opts, locale });

let r = await cmd(admin.userId, 'town', 'add', [{ name: 'name', value: 'Rimouski' }]);
console.log('add:', r.text());
const town = emulator.roles(guild.id).find((x) => x.name === 'Rimouski');
emulator.deleteRole(guild.id, town?.id ?? '');
r = await cmd(alice.userId, 'town', 'join', [{ name: 'town', value: 'rimouski' }]);
console.log('join deleted:', r.text(), emulator.member(guild.id, alice.userId)?.roles.map((id) => emulator.role(id)?.name));
const high = emulator.createRole(guild.id, { name: 'Matane', position: 50 });
console.log('positions', emulator.roles(guild.id).map((x) => `${x.name}:${x.position}`).join(','));
r = await cmd(admin.userId, 'town', 'add', [{ name: 'name', value: 'Matane' }, { name: 'role', value: high.id }]);
console.log('add high:', r.text());
r = await cmd(admin.userId, 'town', 'add', [{ name: 'name', value: 'Matane' }]);
console.log('add by name (high exists):', r.text());
r = await cmd(admin.userId, 'town', 'add', [{ name: 'name', value: 'Bic' }, { name: 'lat', value: 48.3 }]);
console.log('add lat only:', r.text());
r = await cmd(admin.userId, 'town', 'drive-time', [{ name: 'town_a', value: 'rimouski' }, { name: 'town_b', value: 'matane' }, { name: 'minutes', value: 70 }]);
console.log('drive:', r.text());
r = await cmd(admin.userId, 'town', 'remove', [{ name: 'town', value: 'matane' }]);
console.log('remove:', r.text(), emulator.roles(guild.id).map((x) => x.name).join(','));
for (let i = emulator.roles(guild.id).length; i < 250; i++) emulator.createRole(guild.id, { name: `filler ${i}` });
r = await cmd(admin.userId, 'town', 'add', [{ name: 'name', value: 'Amqui' }]);
console.log('full:', r.text());
// no welcome channel
emulator.updateGuild(guild.id, { systemChannelId: null });
emulator.addMember(guild.id, { username: 'n1' });
emulator.addMember(guild.id, { username: 'n2' });
await new Promise((res) => setTimeout(res, 500));
r = await cmd(admin.userId, 'setup', null, []);
console.log('setup:', r.text());
await bot.stop();
await emulator.close();
