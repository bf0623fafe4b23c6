import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import { DEFAULT_BOT_PERMISSIONS, Permission } from '../../src/emulator/permissions.js';
import { useWorld, type World } from '../support/e2e.js';

const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    other: { value: 'en', shown: 'Anglais' },
    defaults: [
      'Salon d’accueil: #general (salon système du serveur) *(par défaut)*',
      'Salon des rencontres: le salon où `/rencontre` est utilisé *(par défaut)*',
      'Fuseau horaire: America/Toronto, heure de l’Est (il est 10 h 00) *(par défaut)*',
      'Langue des messages publics: Français, selon la langue du serveur *(par défaut)*',
      'Rayon « à proximité »: 60 min de route *(par défaut)*',
      'Délai avant le bilan: 30 min après la fin *(par défaut)*',
      'Rappels: 24h, 1h avant *(par défaut)*',
      'Rappeler aussi les « peut-être »: non *(par défaut)*',
      'Rencontres annoncées par membre par jour: 3 par jour *(par défaut)*',
      'Délai entre deux mentions d’une ville: 60 min *(par défaut)*',
    ],
    saved: [
      'Réglages enregistrés : Salon d’accueil, Salon des rencontres, Fuseau horaire, Langue des messages publics',
      'Salon d’accueil: #bienvenue',
      'Salon des rencontres: #escales',
      'Fuseau horaire: Europe/Paris, heure de l’Europe centrale (il est 16 h 00)',
      'Langue des messages publics: Anglais',
      'Rayon « à proximité »: 90 min de route',
      'Délai avant le bilan: 45 min après la fin',
      'Rappels: 48h, 2h avant',
      'Rappeler aussi les « peut-être »: oui',
      'Rencontres annoncées par membre par jour: 5 par jour',
      'Délai entre deux mentions d’une ville: 120 min',
    ],
    unknownZone: 'Je ne connais pas le fuseau horaire « Mars/Olympus ».',
    badReminders: 'Je ne comprends pas « bientôt » dans les rappels.',
    missingManageGuild: 'Il te faut la permission « Gérer le serveur » pour faire ça.',
    welcomeInOtherLanguage: /^Welcome <@\d+>!/,
  },
  {
    name: 'English',
    locale: 'en-US',
    other: { value: 'fr', shown: 'French' },
    defaults: [
      'Welcome channel: #general (the server’s system channel) *(default)*',
      'Trips channel: the channel where `/trip` is used *(default)*',
      'Time zone: America/Toronto, Eastern Time (it is 10:00 AM) *(default)*',
      'Language of public posts: English, following the server’s language *(default)*',
      '“Nearby” radius: 60 min of driving *(default)*',
      'Delay before the recap: 30 min after the end *(default)*',
      'Reminders: 24h, 1h before *(default)*',
      'Also remind the “maybe”s: no *(default)*',
      'Trips per member per day: 3 per day *(default)*',
      'Time between two pings of a town: 60 min *(default)*',
    ],
    saved: [
      'Settings saved: Welcome channel, Trips channel, Time zone, Language of public posts',
      'Welcome channel: #bienvenue',
      'Trips channel: #escales',
      'Time zone: Europe/Paris, Central European Time (it is 4:00 PM)',
      'Language of public posts: French',
      '“Nearby” radius: 90 min of driving',
      'Delay before the recap: 45 min after the end',
      'Reminders: 48h, 2h before',
      'Also remind the “maybe”s: yes',
      'Trips per member per day: 5 per day',
      'Time between two pings of a town: 120 min',
    ],
    unknownZone: 'I don’t know the time zone “Mars/Olympus”.',
    badReminders: 'I don’t understand “bientôt” in the reminders.',
    missingManageGuild: 'You need the “Manage Server” permission to do that.',
    welcomeInOtherLanguage: /^Bienvenue <@\d+> !/,
  },
] as const;

type Language = (typeof LANGUAGES)[number];

async function freshGuild(world: World, language: Language): Promise<void> {
  world.createGuild({ preferredLocale: language.locale });
  await deployCommands(world.config());
}

describe.each(LANGUAGES)('/setup in $name', (language) => {
  // 15:00 UTC is 10:00 in Toronto and 16:00 in Paris.
  const context = useWorld({ preferredLocale: language.locale, now: '2026-11-25T15:00:00Z' });
  const where = { locale: language.locale };

  it('GIVEN a guild never set up WHEN the owner runs /setup alone THEN every default shows, welcomes in the system channel', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const result = await world.owner.runs('/setup', {}, where);
    expect(result.ephemeral).toBe(true);
    for (const line of language.defaults) expect(result.text()).toContain(line);
  });

  it('GIVEN every option WHEN saved THEN the answer and a later /setup show each one, and the next welcome follows them', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const saved = await world.owner.runs(
      '/setup',
      {
        welcome_channel: '#bienvenue',
        trips_channel: '#escales',
        timezone: 'Europe/Paris',
        language: language.other.value,
        nearby_minutes: 90,
        recap_delay: 45,
        reminders: '48h, 2h',
        remind_maybe: true,
        max_trips_per_day: 5,
        town_ping_cooldown: 120,
      },
      where,
    );
    for (const line of language.saved) expect(saved.text()).toContain(line);
    expect(saved.text()).not.toMatch(/default|défaut/);

    const shown = await world.owner.runs('/setup', {}, where);
    for (const line of language.saved.slice(1)) expect(shown.text()).toContain(line);

    const newcomer = world.join('Newcomer', { locale: language.locale });
    const welcomeChannel = world.channel('#bienvenue');
    await world.settle(() => welcomeChannel.messages().length > 0);
    expect(welcomeChannel.last()?.content).toMatch(language.welcomeInOtherLanguage);
    expect(welcomeChannel.last()?.pinged.users).toEqual([newcomer.id]);
  });

  it('GIVEN an unknown time zone WHEN /setup saves it THEN the answer names it and nothing is saved', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const result = await world.owner.runs('/setup', { timezone: 'Mars/Olympus', nearby_minutes: 30 }, where);
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toContain(language.unknownZone);
    const shown = await world.owner.runs('/setup', {}, where);
    expect(shown.text()).toContain(language.defaults[2]);
    expect(shown.text()).toContain(language.defaults[4]);
  });

  it('GIVEN reminders the bot cannot read WHEN saved THEN the answer quotes the part it did not understand', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const result = await world.owner.runs('/setup', { reminders: '24h, bientôt' }, where);
    expect(result.text()).toContain(language.badReminders);
  });

  it('GIVEN a few letters WHEN typing the time zone THEN matching IANA zones are offered', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const choices = await world.owner.autocompletes('/setup', { timezone: 'toron' }, 'timezone', where);
    expect(choices.map((choice) => choice.value)).toEqual(['America/Toronto']);
    const paris = await world.owner.autocompletes('/setup', { timezone: 'paris' }, 'timezone', where);
    expect(paris.map((choice) => choice.value)).toEqual(['Europe/Paris']);
  });

  it('GIVEN a member without Manage Server WHEN they try /setup THEN Discord hides it, and if shown anyway the bot refuses clearly', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const bob = world.join('Bob', { locale: language.locale });
    await expect(bob.runs('/setup', {}, where)).rejects.toThrow(/is hidden from bob/);

    const forced = await bob.runs('/setup', { nearby_minutes: 200 }, { ...where, ignoreCommandPermissions: true });
    expect(forced.ephemeral).toBe(true);
    expect(forced.text()).toBe(language.missingManageGuild);
    const shown = await world.owner.runs('/setup', {}, where);
    expect(shown.text()).toContain(language.defaults[4]);
  });
});

describe('/setup warnings and a guild that cannot be welcomed in', () => {
  const logs: { level: number; msg: string; guildId?: string }[] = [];
  const logger = pino(
    { level: 'warn' },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const context = useWorld({
    preferredLocale: 'en-US',
    logger,
    emulator: { botPermissions: DEFAULT_BOT_PERMISSIONS & ~Permission.MentionEveryone },
  });

  it('GIVEN no system channel and no welcome channel WHEN two members join THEN nothing is posted, one warning is logged, and /setup says why', async () => {
    const { world } = context;
    world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
    world.join('First', { locale: 'en-US' });
    world.join('Second', { locale: 'en-US' });
    const isWelcomeWarning = (entry: (typeof logs)[number]) => entry.msg.startsWith('cannot post welcomes');
    await world.settle(() => logs.some(isWelcomeWarning));
    const result = await world.owner.runs('/setup', {}, { locale: 'en-US' });

    const warnings = logs.filter(isWelcomeWarning);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.guildId).toBe(world.guild.id);
    const botMessages = world.emulator
      .channels(world.guild.id)
      .flatMap((channel) => world.emulator.messages(channel.id))
      .filter((message) => message.authorId === world.emulator.botUser.id && !message.ephemeral);
    expect(botMessages).toEqual([]);
    expect(result.text()).toContain('Welcome channel: none: new members are not greeted');
    expect(result.text()).toContain('No welcome channel and no system channel: new members won’t be greeted.');
  });

  it('GIVEN a bot without “Mention @everyone…” and a deleted trips channel WHEN /setup shows THEN both are flagged', async () => {
    const { world } = context;
    const trips = world.channel('#escales');
    await world.owner.runs('/setup', { trips_channel: trips }, { locale: 'fr' });
    world.emulator.deleteChannel(trips.id);

    const result = await world.owner.runs('/setup', {}, { locale: 'fr' });
    expect(result.text()).toContain('#escales n’existe plus : choisis un autre salon.');
    expect(result.text()).toContain('Il me manque la permission « Mentionner @everyone, @here et tous les rôles »');
  });
});
