import { beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import { DEFAULT_BOT_PERMISSIONS, Permission } from '../../src/emulator/index.js';
import { type Actor, useWorld, type World } from '../support/e2e.js';

/**
 * Escale's question in the server's own Discord onboarding (issue 16 item 4): created by `/setup onboarding:true`,
 * kept in sync by `/town add` and `/town remove`, never touching the server's other questions.
 */
const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    question: 'Près de quelles villes es-tu ?',
    shownOn: 'Accueil Discord (question des villes): oui : 10 ville(s)',
    shownOff: 'Accueil Discord (question des villes): non',
    welcomePick: 'Choisis tes villes dans l’accueil du serveur',
    missingBot: 'Il me faut les permissions « Gérer le serveur » et « Gérer les rôles »',
    outOfDate: 'La question des villes de l’accueil Discord n’est plus à jour : il me faut « Gérer le serveur »',
    tooMany: 'La région compte 51 villes, mais une question de l’accueil Discord en contient au plus 50.',
    townAdded: 'Sainte-Flavie',
    adminWarned: 'la question des villes de l’accueil Discord n’est plus à jour, il me faut « Gérer le serveur »',
  },
  {
    name: 'English',
    locale: 'en-US',
    question: 'Which towns are you near?',
    shownOn: 'Discord onboarding (towns question): on: 10 town(s)',
    shownOff: 'Discord onboarding (towns question): off',
    welcomePick: 'Pick your towns in the server’s onboarding',
    missingBot: 'I need the “Manage Server” and “Manage Roles” permissions',
    outOfDate: 'The Discord onboarding towns question is out of date: I need “Manage Server”',
    tooMany: 'The region has 51 towns, but a Discord onboarding question holds at most 50.',
    townAdded: 'Sainte-Flavie',
    adminWarned: 'the Discord onboarding towns question is out of date, I need “Manage Server”',
  },
] as const;

async function answer(
  actor: Actor,
  command: string,
  options: Record<string, string | number | boolean>,
  locale: string,
) {
  return (await actor.runs(command, options, { locale })).settled();
}

function setBotManagesServer(world: World, manages: boolean): void {
  const permissions = manages ? DEFAULT_BOT_PERMISSIONS | Permission.ManageGuild : DEFAULT_BOT_PERMISSIONS;
  world.emulator.setRolePermissions(world.guild.id, world.guild.botRoleId, permissions);
}

function ourQuestion(world: World, title: string) {
  return world.emulator.onboarding(world.guild.id).prompts.find((prompt) => prompt.title === title);
}

function roleOf(world: World, town: string): string {
  const role = world.role(town);
  if (!role) throw new Error(`no role ${town}`);
  return role.id;
}

describe.each(LANGUAGES)('the towns question of Discord’s onboarding in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const { locale } = language;

  beforeEach(async () => {
    const { world } = context;
    world.createGuild({ preferredLocale: locale });
    await deployCommands(world.config());
    await answer(world.owner, '/town preset', { region: 'bas-saint-laurent' }, locale);
  });

  it('GIVEN a question of the server and ten towns WHEN onboarding is turned on, a town added and one removed THEN our question follows the towns and theirs is untouched', async () => {
    const { world } = context;
    setBotManagesServer(world, true);
    const newcomers = world.emulator.createRole(world.guild.id, { name: 'Nouveaux' });
    const theirs = world.emulator.seedOnboardingPrompt(world.guild.id, {
      title: 'Qui es-tu ?',
      options: [{ title: 'Nouveau', roleIds: [newcomers.id] }],
    });

    const turnedOn = await answer(world.owner, '/setup', { onboarding: true }, locale);
    expect(turnedOn.ephemeral).toBe(true);
    expect(turnedOn.text()).toContain(language.shownOn);
    const created = ourQuestion(world, language.question);
    expect(created).toMatchObject({ single_select: false, required: false, in_onboarding: true });
    expect(created?.options).toHaveLength(10);
    expect(created?.options.find((option) => option.title === 'Rimouski')?.role_ids).toEqual([
      roleOf(world, 'Rimouski'),
    ]);

    await answer(world.owner, '/town add', { name: language.townAdded }, locale);
    expect(ourQuestion(world, language.question)?.options.map((option) => option.title)).toContain('Sainte-Flavie');
    expect(ourQuestion(world, language.question)?.options).toHaveLength(11);

    await answer(world.owner, '/town remove', { town: 'Matane' }, locale);
    const after = ourQuestion(world, language.question);
    expect(after?.id).toBe(created?.id);
    expect(after?.options.map((option) => option.title)).not.toContain('Matane');
    expect(after?.options).toHaveLength(10);

    const prompts = world.emulator.onboarding(world.guild.id).prompts;
    expect(prompts).toHaveLength(2);
    expect(prompts[0]).toEqual(theirs);

    // The welcome explains and points to the onboarding: no town menu of its own.
    const newcomer = world.join('Newcomer', { locale });
    await world.settle(() =>
      world
        .channel('#general')
        .messages()
        .some((message) => message.pinged.users.includes(newcomer.id)),
    );
    const welcome = world
      .channel('#general')
      .messages()
      .find((message) => message.pinged.users.includes(newcomer.id));
    expect(welcome?.content).toContain(language.welcomePick);
    expect(welcome?.components).toEqual([]);

    // Off: our question goes, theirs stays.
    const turnedOff = await answer(world.owner, '/setup', { onboarding: false }, locale);
    expect(turnedOff.text()).toContain(language.shownOff);
    expect(world.emulator.onboarding(world.guild.id).prompts).toEqual([theirs]);
  });

  it('GIVEN a bot without Manage Server WHEN onboarding is turned on THEN a private error names the permissions and nothing changes', async () => {
    const { world } = context;
    setBotManagesServer(world, false);
    const refused = await answer(world.owner, '/setup', { onboarding: true }, locale);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text()).toContain(language.missingBot);
    expect(world.emulator.onboarding(world.guild.id).prompts).toEqual([]);
    expect((await answer(world.owner, '/setup', {}, locale)).text()).toContain(language.shownOff);
  });

  it('GIVEN onboarding on WHEN the bot loses Manage Server and towns change THEN the towns change, the owner is warned once, and /setup says the question is out of date', async () => {
    const { world } = context;
    setBotManagesServer(world, true);
    await answer(world.owner, '/setup', { onboarding: true }, locale);
    setBotManagesServer(world, false);

    const added = await answer(world.owner, '/town add', { name: language.townAdded }, locale);
    expect(added.text()).toContain('Sainte-Flavie');
    expect(world.role('Sainte-Flavie')).toBeDefined();
    expect(ourQuestion(world, language.question)?.options).toHaveLength(10);

    expect((await answer(world.owner, '/setup', {}, locale)).text()).toContain(language.outOfDate);
    // The owner is told once (no moderators-only channel here: a DM), however many towns change after.
    await world.settle(() => world.owner.dms().length > 0);
    await answer(world.owner, '/town remove', { town: 'Matane' }, locale);
    const warnings = world.owner.dms().filter((dm) => dm.content.includes(language.adminWarned));
    expect(warnings).toHaveLength(1);
  });

  it('GIVEN 51 towns WHEN onboarding is turned on THEN the limit is explained and nothing changes', async () => {
    const { world } = context;
    setBotManagesServer(world, true);
    for (let index = 1; index <= 41; index++) {
      await answer(world.owner, '/town add', { name: `Village ${String(index).padStart(2, '0')}` }, locale);
    }
    const refused = await answer(world.owner, '/setup', { onboarding: true }, locale);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text()).toContain(language.tooMany);
    expect(world.emulator.onboarding(world.guild.id).prompts).toEqual([]);
    expect((await answer(world.owner, '/setup', {}, locale)).text()).toContain(language.shownOff);
  });
});
