import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, useWorld, type World } from '../support/e2e.js';

const PRESET_TOWNS = [
  'Amqui',
  'Dégelis',
  'La Pocatière',
  'Matane',
  'Mont-Joli',
  'Rimouski',
  'Rivière-du-Loup',
  'Saint-Pascal',
  'Témiscouata-sur-le-Lac',
  'Trois-Pistoles',
];

/** What a member reads, per language: fragments of the texts, not message keys. */
const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    welcome: [/Bienvenue <@\d+> !/, /Annonce tes déplacements/, /Réponds présent/, /bilan/],
    /** The example as written (`{trip}`: the command's mention) and as a French member reads it. */
    example: '{trip} `ville:Amqui quand:"4 décembre midi" sujet:"IA en région"`',
    exampleRead: '/rencontre nouvelle `ville:Amqui quand:"4 décembre midi" sujet:"IA en région"`',
    exampleUndeployed: '`/rencontre nouvelle` `ville:Amqui quand:"4 décembre midi" sujet:"IA en région"`',
    habitUndeployed: 'avec `/rencontre`',
    placeholder: 'Choisis tes villes',
    added: 'Ajoutées : **Matane**, **Rimouski**.',
    removed: 'Retirées : **Matane**.',
    notForYou: 'Ce menu est destiné à @Alice. Utilise /ville joindre pour choisir tes villes.',
    joined: 'Tu fais maintenant partie de **Rivière-du-Loup**',
    left: 'Tu ne fais plus partie de **Rivière-du-Loup**',
    presetFirst: 'Créées (10)',
    presetAgain: 'Tout y était déjà : rien de nouveau créé.',
    missingManageRoles: 'Il te faut la permission « Gérer les rôles » pour faire ça.',
    notFound: 'Je ne trouve pas de ville « rimouksi ». Voulais-tu dire : Rimouski',
    moreTowns: 'Il y en a 5 autres : utilise {town join}.',
    noTowns: 'Aucune ville n’est encore configurée',
    listMine: '✅ **Rimouski**',
  },
  {
    name: 'English',
    locale: 'en-US',
    welcome: [/Welcome <@\d+>!/, /Announce your trips/, /Say you’re coming/, /recap/],
    example: '{trip} `town:Amqui when:"December 4 noon" topic:"AI in the region"`',
    exampleRead: '/trip new `town:Amqui when:"December 4 noon" topic:"AI in the region"`',
    exampleUndeployed: '`/trip new` `town:Amqui when:"December 4 noon" topic:"AI in the region"`',
    habitUndeployed: 'with `/trip`',
    placeholder: 'Pick your towns',
    added: 'Added: **Matane**, **Rimouski**.',
    removed: 'Removed: **Matane**.',
    notForYou: 'This menu is for @Alice. Use /town join to pick your towns.',
    joined: 'You’re now part of **Rivière-du-Loup**',
    left: 'You’re no longer part of **Rivière-du-Loup**',
    presetFirst: 'Created (10)',
    presetAgain: 'Everything was already there: nothing new was created.',
    missingManageRoles: 'You need the “Manage Roles” permission to do that.',
    notFound: 'I can’t find a town called “rimouksi”. Did you mean: Rimouski',
    moreTowns: 'There are 5 more: use {town join}.',
    noTowns: 'No towns are set up yet.',
    listMine: '✅ **Rimouski**',
  },
] as const;

type Language = (typeof LANGUAGES)[number];

/** A new guild of that language, with the slash commands deployed there, made the world's current guild. */
async function freshGuild(world: World, language: Language): Promise<void> {
  world.createGuild({ preferredLocale: language.locale });
  await deployCommands(world.config());
}

async function loadPreset(world: World, language: Language) {
  const result = await world.owner.runs('/town preset', { region: 'bas-saint-laurent' }, { locale: language.locale });
  return result.settled();
}

/** A text with `{trip}`, `{town join}`… replaced by the mentions of the commands deployed in the world's guild. */
function withMentions(world: World, text: string): string {
  const ids = new Map(world.emulator.commands(world.guild.id).map((command) => [command.name, command.id]));
  return text.replace(/\{(\w+)(?: (\w+))?\}/g, (_, name: string, sub: string | undefined) => {
    const id = ids.get(name);
    if (!id) throw new Error(`/${name} is not deployed in the guild`);
    return `</${name} ${sub ?? 'new'}:${id}>`;
  });
}

/** The welcome posted for this member, wherever the guild's welcome channel is. */
function welcomeOf(world: World, actor: Actor): EmuMessage | undefined {
  return world.emulator
    .channels(world.guild.id)
    .flatMap((channel) => world.emulator.messages(channel.id))
    .find((message) => message.authorId === world.emulator.botUser.id && message.pinged.users.includes(actor.id));
}

async function joinAndWaitForWelcome(world: World, name: string, language: Language) {
  const actor = world.join(name, { locale: language.locale });
  await world.settle(() => welcomeOf(world, actor) !== undefined);
  const welcome = welcomeOf(world, actor);
  if (!welcome) throw new Error(`no welcome for ${name}`);
  return { actor, welcome };
}

interface SelectMenu {
  custom_id: string;
  placeholder: string;
  min_values: number;
  max_values: number;
  options: { label: string; value: string }[];
}

function menuOf(message: EmuMessage): SelectMenu | undefined {
  const rows = message.components as { components?: SelectMenu[] }[];
  return rows.flatMap((row) => row.components ?? []).find((component) => 'options' in component);
}

describe.each(LANGUAGES)('onboarding in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });

  it('GIVEN the ten preset towns WHEN a member joins THEN a welcome mentions only them, explains the habit and offers the towns', async () => {
    const { world } = context;
    await freshGuild(world, language);
    await loadPreset(world, language);
    const { actor, welcome } = await joinAndWaitForWelcome(world, 'Alice', language);

    expect(welcome.channelId).toBe(world.guild.systemChannelId);
    expect(welcome.pinged).toEqual({ users: [actor.id], roles: [], everyone: false });
    expect(welcome.allowedMentions).toEqual({ parse: [], users: [actor.id] });
    for (const fragment of language.welcome) expect(welcome.content).toMatch(fragment);
    // The example is the command's clickable mention, with the deployed id, its options in the guild's language.
    expect(welcome.content).toContain(withMentions(world, language.example));
    expect(world.emulator.text(welcome.id, { locale: language.locale })).toContain(language.exampleRead);
    const menu = menuOf(welcome);
    expect(menu).toMatchObject({
      custom_id: `towns:${actor.id}`,
      placeholder: language.placeholder,
      min_values: 0,
      max_values: 10,
    });
    expect(menu?.options.map((option) => option.label)).toEqual(PRESET_TOWNS);
  });

  it('GIVEN the welcome menu WHEN the member picks Rimouski and Matane, then only Rimouski THEN they hold exactly the towns picked', async () => {
    const { world } = context;
    await freshGuild(world, language);
    await loadPreset(world, language);
    const { actor, welcome } = await joinAndWaitForWelcome(world, 'Alice', language);

    const first = await (await actor.selects(welcome, ['Rimouski', 'Matane'], { locale: language.locale })).settled();
    expect(first.ephemeral).toBe(true);
    expect(first.text()).toContain(language.added);
    expect(actor.roles()).toEqual(['Matane', 'Rimouski']);

    const second = await (await actor.selects(welcome, ['Rimouski'], { locale: language.locale })).settled();
    expect(second.text()).toContain(language.removed);
    expect(actor.roles()).toEqual(['Rimouski']);
  });

  it('GIVEN Alice’s welcome WHEN Bob uses its menu THEN he is politely told it is not for him and nothing changes', async () => {
    const { world } = context;
    await freshGuild(world, language);
    await loadPreset(world, language);
    const { welcome } = await joinAndWaitForWelcome(world, 'Alice', language);
    const bob = world.join('Bob', { locale: language.locale });

    const result = await bob.selects(welcome, ['Rimouski'], { locale: language.locale });
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toBe(language.notForYou);
    expect(bob.roles()).toEqual([]);
  });

  it('GIVEN a bot joins WHEN the welcome channel is read THEN nobody greeted it', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const robot = world.join('Robot', { bot: true });
    const human = world.join('Human', { locale: language.locale });
    await world.settle(() => welcomeOf(world, human) !== undefined);
    expect(welcomeOf(world, robot)).toBeUndefined();
  });

  it('GIVEN a guild with no towns WHEN a member joins THEN the welcome has no menu and says an admin can load towns', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const { welcome } = await joinAndWaitForWelcome(world, 'Alice', language);
    expect(menuOf(welcome)).toBeUndefined();
    expect(welcome.content).toContain(language.noTowns);
    expect(welcome.content).toContain(withMentions(world, '{town preset}'));
  });

  it('GIVEN 30 towns WHEN a member joins THEN the menu holds the first 25 and the welcome points to /town join for the rest', async () => {
    const { world } = context;
    await freshGuild(world, language);
    for (let index = 1; index <= 30; index++) {
      const added = await world.owner.runs('/town add', { name: `Village ${String(index).padStart(2, '0')}` });
      expect(added.ephemeral).toBe(true);
    }
    const { welcome } = await joinAndWaitForWelcome(world, 'Alice', language);
    const menu = menuOf(welcome);
    expect(menu?.options).toHaveLength(25);
    expect(menu?.max_values).toBe(25);
    expect(menu?.options.at(-1)?.label).toBe('Village 25');
    expect(welcome.content).toContain(withMentions(world, language.moreTowns));
  });

  it('GIVEN the preset WHEN a member types "riviere du loup" to join and "RIVIERE-DU-LOUP" to leave THEN the role comes and goes', async () => {
    const { world } = context;
    await freshGuild(world, language);
    await loadPreset(world, language);
    const alice = world.join('Alice', { locale: language.locale });

    const choices = await alice.autocompletes('/town join', { town: 'riv' }, 'town', { locale: language.locale });
    expect(choices.map((choice) => choice.name)).toEqual(['Rivière-du-Loup']);

    const joined = await alice.runs('/town join', { town: 'riviere du loup' }, { locale: language.locale });
    expect(joined.ephemeral).toBe(true);
    expect(joined.text()).toContain(language.joined);
    expect(alice.roles()).toEqual(['Rivière-du-Loup']);

    const left = await alice.runs('/town leave', { town: 'RIVIERE-DU-LOUP' }, { locale: language.locale });
    expect(left.text()).toContain(language.left);
    expect(alice.roles()).toEqual([]);
  });

  it('GIVEN a misspelled town WHEN a member joins it THEN the answer suggests the closest towns', async () => {
    const { world } = context;
    await freshGuild(world, language);
    await loadPreset(world, language);
    const alice = world.join('Alice', { locale: language.locale });
    const result = await alice.runs('/town join', { town: 'rimouksi' }, { locale: language.locale });
    expect(result.ephemeral).toBe(true);
    expect(result.text()).toContain(language.notFound);
    expect(alice.roles()).toEqual([]);
  });

  it('GIVEN a member of Rimouski WHEN they list the towns THEN all ten show and Rimouski is marked theirs', async () => {
    const { world } = context;
    await freshGuild(world, language);
    await loadPreset(world, language);
    const alice = world.join('Alice', { locale: language.locale });
    await alice.runs('/town join', { town: 'rimouski' }, { locale: language.locale });

    const list = await alice.runs('/town list', {}, { locale: language.locale });
    const text = list.text();
    expect(text).toContain(language.listMine);
    for (const town of PRESET_TOWNS) expect(text).toContain(`**${town}**`);
    expect(text.match(/✅/g)).toHaveLength(2);
  });

  it('GIVEN an admin WHEN /town preset bas-saint-laurent runs twice THEN the ten town roles exist once each, not mentionable by members', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const rolesBefore = world.emulator.roles(world.guild.id).length;

    const first = await loadPreset(world, language);
    expect(first.text()).toContain(language.presetFirst);
    const second = await loadPreset(world, language);
    expect(second.text()).toContain(language.presetAgain);

    const roles = world.emulator.roles(world.guild.id).filter((role) => !role.deleted);
    expect(roles).toHaveLength(rolesBefore + 10);
    for (const town of PRESET_TOWNS) {
      const named = roles.filter((role) => role.name === town);
      expect(named, town).toHaveLength(1);
      expect(named[0]?.mentionable).toBe(false);
    }
  });

  it('GIVEN a member without Manage Roles WHEN they run /town preset or /town add THEN they get a clear refusal and nothing is created', async () => {
    const { world } = context;
    await freshGuild(world, language);
    const bob = world.join('Bob', { locale: language.locale });
    const rolesBefore = world.emulator.roles(world.guild.id).length;

    const preset = await bob.runs('/town preset', { region: 'bas-saint-laurent' }, { locale: language.locale });
    expect(preset.ephemeral).toBe(true);
    expect(preset.text()).toBe(language.missingManageRoles);
    const add = await bob.runs('/town add', { name: 'Rimouski' }, { locale: language.locale });
    expect(add.text()).toBe(language.missingManageRoles);
    expect(world.emulator.roles(world.guild.id)).toHaveLength(rolesBefore);
  });
});

describe.each(LANGUAGES)('command mentions before the commands are deployed, in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale, deployCommands: false });

  it('GIVEN commands not deployed WHEN a member joins THEN the welcome names them in the guild’s language; AFTER commands:deploy the next welcome links them', async () => {
    const { world } = context;
    const alice = await joinAndWaitForWelcome(world, 'Alice', language);
    // No towns yet: the example names Rimouski.
    expect(alice.welcome.content).toContain(language.exampleUndeployed.replace('Amqui', 'Rimouski'));
    expect(alice.welcome.content).toContain(language.habitUndeployed);
    expect(alice.welcome.content).not.toContain('</');

    await deployCommands(world.config());
    await world.advance('2m'); // the ids are read again at most once a minute
    const bob = await joinAndWaitForWelcome(world, 'Bob', language);
    expect(bob.welcome.content).toContain(withMentions(world, language.example).replace('Amqui', 'Rimouski'));
  });
});

describe('town roles that Discord changed behind the bot’s back', () => {
  const context = useWorld({ preferredLocale: 'en-US' });

  it('GIVEN a town whose role an admin deleted WHEN a member joins the town THEN the role is recreated and given', async () => {
    const { world } = context;
    await world.owner.runs('/town add', { name: 'Rimouski' }, { locale: 'en-US' });
    const original = world.role('Rimouski');
    world.emulator.deleteRole(world.guild.id, original?.id ?? '');

    const alice = world.join('Alice', { locale: 'en-US' });
    const result = await alice.runs('/town join', { town: 'rimouski' });
    expect(result.text()).toContain('This town’s role had been deleted: I recreated it.');
    expect(alice.roles()).toEqual(['Rimouski']);
    expect(world.role('Rimouski')?.id).not.toBe(original?.id);
  });

  it('GIVEN a role placed above the bot’s WHEN an admin makes it a town THEN the answer explains to move the bot’s role up', async () => {
    const { world } = context;
    const high = world.emulator.createRole(world.guild.id, { name: 'Matane', position: 50 });
    const result = await world.owner.runs('/town add', { name: 'Matane', role: high }, { locale: 'en-US' });
    expect(result.text()).toContain('it sits above mine');
    expect(result.text()).toContain('drag Escale’s role above the town roles');
  });

  it('GIVEN a guild at 250 roles WHEN an admin adds a town THEN the answer names Discord’s limit', async () => {
    const { world } = context;
    // Each new role goes on top, so no other role moves (and the bot is not flooded with role updates).
    for (let count = world.emulator.roles(world.guild.id).length; count < 250; count++) {
      world.emulator.createRole(world.guild.id, { name: `filler ${count}`, position: count });
    }
    const botGuild = world.bot.services.client.guilds.cache.get(world.guild.id);
    await world.settle(() => botGuild?.roles.cache.size === 250);
    const result = await world.owner.runs('/town add', { name: 'Amqui' }, { locale: 'fr' });
    expect(result.text()).toContain('Ce serveur a atteint la limite de 250 rôles de Discord');
  });
});

describe('the welcome menu after a restart', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'escale-onboarding-'));
  const context = useWorld({ preferredLocale: 'fr', dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('GIVEN a welcome posted before the bot restarted WHEN the member picks towns in it THEN they get the roles', async () => {
    const { world } = context;
    await loadPreset(world, LANGUAGES[0]);
    const { actor, welcome } = await joinAndWaitForWelcome(world, 'Alice', LANGUAGES[0]);

    await world.restartBot();
    const result = await (await actor.selects(welcome, ['Dégelis', 'Amqui'])).settled();
    expect(result.text()).toContain('Ajoutées : **Amqui**, **Dégelis**.');
    expect(actor.roles()).toEqual(['Amqui', 'Dégelis']);
  });
});
