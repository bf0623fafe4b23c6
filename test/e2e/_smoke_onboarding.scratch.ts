import { startBot } from '../../src/bot.js';
import { parseConfig } from '../../src/config.js';
import { deployCommands } from '../../src/deploy-commands.js';
import { Permission, startEmulator } from '../../src/emulator/index.js';
import { createLogger } from '../../src/logger.js';

const emulator = await startEmulator();
const guild = emulator.createGuild({ name: 'BSL', preferredLocale: 'fr' });
const general = guild.systemChannelId ?? '';
const config = parseConfig({ DISCORD_TOKEN: emulator.botToken, DISCORD_API_URL: emulator.apiUrl, DATA_DIR: ':memory:', DISCORD_GUILD_ID: guild.id, LOG_LEVEL: 'warn' });
await deployCommands(config);
const bot = await startBot({ config, logger: createLogger({ level: 'warn', pretty: false }) });
const admin = emulator.addMember(guild.id, { username: 'admin', locale: 'fr', permissions: Permission.ManageRoles | Permission.ManageGuild });
const alice = emulator.addMember(guild.id, { username: 'alice', locale: 'en-US' });

let r = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'town', options: [{ name: 'preset', options: [{ name: 'region', value: 'bas-saint-laurent' }] }], locale: 'en-US', ignoreCommandPermissions: true });
console.log('alice preset:', r.text());
r = await emulator.runCommand({ channelId: general, userId: admin.userId, name: 'town', options: [{ name: 'preset', options: [{ name: 'region', value: 'bas-saint-laurent' }] }], locale: 'fr' });
await r.settled();
console.log('preset1:', r.text());
r = await emulator.runCommand({ channelId: general, userId: admin.userId, name: 'town', options: [{ name: 'preset', options: [{ name: 'region', value: 'bas-saint-laurent' }] }], locale: 'fr' });
await r.settled();
console.log('preset2:', r.text(), emulator.roles(guild.id).map((x) => `${x.name}:${x.mentionable}`).join(','));
r = await emulator.autocomplete({ channelId: general, userId: alice.userId, name: 'town', options: [{ name: 'join', options: [] }], focused: { name: 'town', value: 'riv' } });
console.log('autocomplete:', r.choices);
r = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'town', options: [{ name: 'join', options: [{ name: 'town', value: 'riviere du loup' }] }], locale: 'en-US' });
console.log('join:', r.text(), r.ephemeral, emulator.member(guild.id, alice.userId)?.roles);
r = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'town', options: [{ name: 'list' }], locale: 'en-US' });
console.log('list:', r.text());
r = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'town', options: [{ name: 'leave', options: [{ name: 'town', value: 'RIVIERE-DU-LOUP' }] }], locale: 'en-US' });
console.log('leave:', r.text(), emulator.member(guild.id, alice.userId)?.roles);
r = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'town', options: [{ name: 'join', options: [{ name: 'town', value: 'rimouksi' }] }], locale: 'fr' });
console.log('unknown:', r.text());

// setup
r = await emulator.runCommand({ channelId: general, userId: admin.userId, name: 'setup', locale: 'fr' });
console.log('setup show:', r.text());
r = await emulator.runCommand({ channelId: general, userId: admin.userId, name: 'setup', locale: 'en-US', options: [{ name: 'timezone', value: 'Mars/Base' }] });
console.log('setup bad tz:', r.text());
const welcomeChannel = emulator.createChannel(guild.id, { name: 'bienvenue' });
r = await emulator.runCommand({ channelId: general, userId: admin.userId, name: 'setup', locale: 'en-US', options: [{ name: 'welcome_channel', value: welcomeChannel.id }, { name: 'language', value: 'fr' }, { name: 'reminders', value: '24h, 1h' }, { name: 'nearby_minutes', value: 90 }] });
console.log('setup save:', r.text());
r = await emulator.autocomplete({ channelId: general, userId: admin.userId, name: 'setup', options: [], focused: { name: 'timezone', value: 'toro' } });
console.log('tz autocomplete:', r.choices);
r = await emulator.runCommand({ channelId: general, userId: alice.userId, name: 'setup', locale: 'fr', ignoreCommandPermissions: true });
console.log('setup alice:', r.text());

// welcome
const newbie = emulator.addMember(guild.id, { username: 'newbie', locale: 'fr' });
await emulator.waitFor(() => emulator.messages(welcomeChannel.id).length > 0);
const welcome = emulator.messages(welcomeChannel.id)[0];
if (!welcome) throw new Error('no welcome');
console.log('welcome:', emulator.renderMessage(welcome.id), JSON.stringify(welcome.pinged));
const options = (welcome as any).components;
console.log(JSON.stringify(options).slice(0, 400));
const ids = JSON.stringify(options).match(/"value":"(\d+)"/g);
console.log(ids);
const [v1, v2] = (ids ?? []).map((x) => x.match(/\d+/)?.[0] ?? '');
r = await emulator.selectMenu({ channelId: welcomeChannel.id, messageId: welcome.id, customId: `towns:${newbie.userId}`, userId: alice.userId, values: [v1 ?? ''], locale: 'fr' });
console.log('other picks:', r.text());
r = await emulator.selectMenu({ channelId: welcomeChannel.id, messageId: welcome.id, customId: `towns:${newbie.userId}`, userId: newbie.userId, values: [v1 ?? '', v2 ?? ''], locale: 'fr' });
await r.settled();
console.log('picks:', r.text(), emulator.member(guild.id, newbie.userId)?.roles.map((id) => emulator.role(id)?.name));
r = await emulator.selectMenu({ channelId: welcomeChannel.id, messageId: welcome.id, customId: `towns:${newbie.userId}`, userId: newbie.userId, values: [v2 ?? ''], locale: 'fr' });
await r.settled();
console.log('picks2:', r.text(), emulator.member(guild.id, newbie.userId)?.roles.map((id) => emulator.role(id)?.name));
emulator.addMember(guild.id, { username: 'robot', bot: true });
await new Promise((res) => setTimeout(res, 300));
console.log('after bot join, welcome count', emulator.messages(welcomeChannel.id).length);

await bot.stop();
await emulator.close();
