import { describe, expect, it } from 'vitest';
import { DEFAULT_BOT_PERMISSIONS, Permission } from '../../src/emulator/index.js';
import { formErrorCodes, rawRest, useEmulator } from './support.js';

const world = useEmulator();

const onboardingPath = () => `/guilds/${world.guild.id}/onboarding`;

/** The bot may edit onboarding only with Manage Server and Manage Roles, which its default role lacks. */
function grantManageGuild(): void {
  const { emulator, guild } = world;
  emulator.setRolePermissions(guild.id, guild.botRoleId, DEFAULT_BOT_PERMISSIONS | Permission.ManageGuild);
}

function townsPrompt(roleIds: string[], extra: Record<string, unknown> = {}) {
  return {
    type: 0,
    title: 'Près de quelles villes es-tu ?',
    single_select: false,
    required: false,
    in_onboarding: true,
    options: roleIds.map((roleId, index) => ({ title: `Ville ${index}`, role_ids: [roleId] })),
    ...extra,
  };
}

describe('guild onboarding', () => {
  it('GIVEN a question the admins added WHEN the bot reads, merges its own and writes THEN both are there and theirs is unchanged', async () => {
    const { emulator, guild } = world;
    grantManageGuild();
    const newcomers = emulator.createRole(guild.id, { name: 'Nouveaux' });
    const rimouski = emulator.createRole(guild.id, { name: 'Rimouski' });
    const theirs = emulator.seedOnboardingPrompt(guild.id, {
      title: 'Qui es-tu ?',
      options: [{ title: 'Nouveau', roleIds: [newcomers.id] }],
    });

    const read = await rawRest(emulator, 'GET', onboardingPath());
    const prompts = [...(read.body['prompts'] as unknown[]), townsPrompt([rimouski.id])];
    const written = await rawRest(emulator, 'PUT', onboardingPath(), { prompts, enabled: true });

    expect(written.status).toBe(200);
    const stored = emulator.onboarding(guild.id);
    expect(stored.enabled).toBe(true);
    expect(stored.prompts.map((prompt) => prompt.title)).toEqual(['Qui es-tu ?', 'Près de quelles villes es-tu ?']);
    expect(stored.prompts[0]).toEqual(theirs);
    expect(stored.prompts[1]?.options[0]?.role_ids).toEqual([rimouski.id]);
    expect(stored.prompts[1]?.id).toMatch(/^\d{17,20}$/);
  });

  it('GIVEN a guild never configured WHEN the bot reads its onboarding THEN it is empty and disabled', async () => {
    const read = await rawRest(world.emulator, 'GET', onboardingPath());

    expect(read.body).toEqual({
      guild_id: world.guild.id,
      prompts: [],
      default_channel_ids: [],
      enabled: false,
      mode: 0,
    });
  });

  it.each([
    { name: 'Manage Server', missing: Permission.ManageGuild },
    { name: 'Manage Roles', missing: Permission.ManageRoles },
  ])('GIVEN a bot without $name WHEN it writes the onboarding THEN 50013 and nothing changes', async ({ missing }) => {
    const { emulator, guild } = world;
    const role = emulator.createRole(guild.id, { name: 'Rimouski' });
    const held = (DEFAULT_BOT_PERMISSIONS | Permission.ManageGuild) & ~missing;
    emulator.setRolePermissions(guild.id, guild.botRoleId, held);

    const written = await rawRest(emulator, 'PUT', onboardingPath(), { prompts: [townsPrompt([role.id])] });

    expect(written.status).toBe(403);
    expect(written.body.code).toBe(50013);
    expect(emulator.onboarding(guild.id).prompts).toEqual([]);
  });

  const cases = [
    {
      name: '16 prompts',
      prompts: (role: string) => Array.from({ length: 16 }, () => townsPrompt([role])),
      path: 'prompts',
      code: 'BASE_TYPE_MAX_LENGTH',
    },
    {
      name: '51 options in a prompt',
      prompts: (role: string) => [townsPrompt(Array.from({ length: 51 }, () => role))],
      path: 'prompts.0.options',
      code: 'BASE_TYPE_MAX_LENGTH',
    },
    {
      name: 'a 101-character prompt title',
      prompts: (role: string) => [townsPrompt([role], { title: 'x'.repeat(101) })],
      path: 'prompts.0.title',
      code: 'BASE_TYPE_BAD_LENGTH',
    },
    {
      name: 'a 51-character option title',
      prompts: (role: string) => [townsPrompt([role], { options: [{ title: 'x'.repeat(51), role_ids: [role] }] })],
      path: 'prompts.0.options.0.title',
      code: 'BASE_TYPE_BAD_LENGTH',
    },
    {
      name: 'an option granting a role that does not exist',
      prompts: () => [townsPrompt(['1'.repeat(18)])],
      path: 'prompts.0.options.0.role_ids.0',
      code: 'ONBOARDING_INVALID_ROLE',
    },
  ];

  it.each(cases)(
    'GIVEN $name WHEN the bot writes the onboarding THEN 50035 at $path and nothing changes',
    async (input) => {
      const { emulator, guild } = world;
      grantManageGuild();
      const role = emulator.createRole(guild.id, { name: 'Rimouski' });

      const written = await rawRest(emulator, 'PUT', onboardingPath(), { prompts: input.prompts(role.id) });

      expect(written.status).toBe(400);
      expect(written.body.code).toBe(50035);
      expect(formErrorCodes(written, input.path)).toContain(input.code);
      expect(emulator.onboarding(guild.id).prompts).toEqual([]);
    },
  );

  it('GIVEN a seeded prompt Discord would refuse WHEN a test seeds it THEN the helper throws', () => {
    expect(() =>
      world.emulator.seedOnboardingPrompt(world.guild.id, {
        title: 'x'.repeat(101),
        options: [{ title: 'a', roleIds: [world.guild.botRoleId] }],
      }),
    ).toThrow(/Discord would refuse/);
  });
});
