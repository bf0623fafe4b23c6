import { describe, expect, it } from 'vitest';
import { addTown, applyPreset, removeTown, setDriveTime } from '../../src/app/towns/admin.js';
import { joinTown, leaveTown, listTownsForMember, setMemberTowns } from '../../src/app/towns/membership.js';
import { suggestTowns } from '../../src/app/towns/resolve.js';
import { planWelcome } from '../../src/app/welcome.js';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { getDriveTimeOverrides, listTowns } from '../../src/db/repositories/towns.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { failure } from '../support/errors.js';
import { FakeTownRoles, testAppDeps } from '../support/fakeTownRoles.js';

const GUILD = '100000000000000001';
const ALICE = '300000000000000001';
const BOB = '300000000000000002';
const REGION = 'bas-saint-laurent';

describe.each(testDatabaseKinds())('towns use cases on %s', (kind) => {
  const database = useTestDatabase(kind);
  const setup = () => ({ deps: testAppDeps(database), roles: new FakeTownRoles(GUILD) });
  const member = (roles: FakeTownRoles, userId: string) => ({
    guildId: GUILD,
    userId,
    memberRoleIds: roles.rolesOf(userId),
  });

  it('GIVEN an empty guild WHEN the Bas-Saint-Laurent preset runs twice THEN ten towns and ten roles exist, created once', async () => {
    const { deps, roles } = setup();
    const first = await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const second = await applyPreset(deps, roles, { guildId: GUILD, region: REGION });

    expect(first.created.map((town) => town.name)).toContain('Rivière-du-Loup');
    expect(first.created).toHaveLength(10);
    expect(second.created).toHaveLength(0);
    expect(second.existing).toHaveLength(10);
    expect(roles.createdCount).toBe(10);
    const towns = await listTowns(deps.db, GUILD);
    expect(towns).toHaveLength(10);
    expect(new Set(towns.map((town) => town.roleId)).size).toBe(10);
    expect(towns.find((town) => town.name === 'Rimouski')).toMatchObject({ latitude: 48.45, longitude: -68.53 });
  });

  it('GIVEN a "rimouski" role already in the guild WHEN the preset runs THEN that role is linked, not duplicated', async () => {
    const { deps, roles } = setup();
    const existingRoleId = roles.addExistingRole('rimouski');
    const result = await applyPreset(deps, roles, { guildId: GUILD, region: REGION });

    expect(result.linked.map((town) => [town.name, town.roleId])).toEqual([['Rimouski', existingRoleId]]);
    expect(result.created).toHaveLength(9);
    expect([...roles.roles.values()].filter((role) => role.name.toLowerCase() === 'rimouski')).toHaveLength(1);
  });

  it('GIVEN towns from the preset WHEN a member joins "riviere du loup" typed without accents THEN they get the Rivière-du-Loup role', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });

    const joined = await joinTown(deps, roles, { ...member(roles, ALICE), town: 'riviere du loup' });
    expect(joined).toMatchObject({ status: 'joined', recreated: false, town: { name: 'Rivière-du-Loup' } });
    expect(roles.rolesOf(ALICE)).toEqual([joined.town.roleId]);

    const again = await joinTown(deps, roles, { ...member(roles, ALICE), town: 'RIVIÈRE-DU-LOUP' });
    expect(again.status).toBe('alreadyMember');
  });

  it('GIVEN a member of Matane WHEN they leave "matane" THEN the role is gone, and leaving again changes nothing', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    await joinTown(deps, roles, { ...member(roles, ALICE), town: 'Matane' });

    const left = await leaveTown(deps, roles, { ...member(roles, ALICE), town: 'matane' });
    expect(left.status).toBe('left');
    expect(roles.rolesOf(ALICE)).toEqual([]);
    expect((await leaveTown(deps, roles, { ...member(roles, ALICE), town: 'matane' })).status).toBe('notMember');
  });

  it('GIVEN a misspelled town WHEN a member joins it THEN the error names what they typed and suggests the closest towns', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });

    const error = await failure(joinTown(deps, roles, { ...member(roles, ALICE), town: 'Rimouksi' }));
    expect(error.key).toBe('town.notFound');
    expect(error.params.input).toBe('Rimouksi');
    expect(String(error.params.suggestions).split(', ')[0]).toBe('Rimouski');
  });

  it('GIVEN an ambiguous beginning WHEN a member joins "t" THEN the error lists the candidates', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const error = await failure(joinTown(deps, roles, { ...member(roles, ALICE), town: 't' }));
    expect(error.key).toBe('town.ambiguous');
    expect(error.params.candidates).toBe('Témiscouata-sur-le-Lac, Trois-Pistoles');
  });

  it('GIVEN a guild with no towns WHEN a member joins one THEN they are told an admin must set towns up first', async () => {
    const { deps, roles } = setup();
    const error = await failure(joinTown(deps, roles, { ...member(roles, ALICE), town: 'Rimouski' }));
    expect(error.key).toBe('town.error.noTowns');
  });

  it('GIVEN a town whose role was deleted in Discord WHEN a member joins it THEN the role is recreated and given', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const amqui = (await listTowns(deps.db, GUILD)).find((town) => town.name === 'Amqui');
    roles.deleteInDiscord(amqui?.roleId ?? '');

    const joined = await joinTown(deps, roles, { ...member(roles, ALICE), town: 'amqui' });
    expect(joined.recreated).toBe(true);
    expect(joined.town.roleId).not.toBe(amqui?.roleId);
    expect(roles.rolesOf(ALICE)).toEqual([joined.town.roleId]);
    const stored = (await listTowns(deps.db, GUILD)).find((town) => town.name === 'Amqui');
    expect(stored).toMatchObject({ roleId: joined.town.roleId, roleManaged: true });
  });

  it('GIVEN a "Mont-Joli" role above the bot WHEN the town is added, with or without that role THEN the error explains the order of roles and no duplicate role is made', async () => {
    const { deps, roles } = setup();
    const roleId = roles.addExistingRole('Mont-Joli', { manageable: 'roleAboveBot' });
    const given = await failure(addTown(deps, roles, { guildId: GUILD, name: 'Mont-Joli', roleId }));
    expect(given.key).toBe('town.error.roleAboveBot');
    const byName = await failure(addTown(deps, roles, { guildId: GUILD, name: 'mont-joli' }));
    expect(byName).toMatchObject({ key: 'town.error.roleAboveBot', params: { role: `<@&${roleId}>` } });
    expect(roles.createdCount).toBe(0);
    expect(await listTowns(deps.db, GUILD)).toEqual([]);
  });

  it('GIVEN a town whose role was moved above the bot WHEN a member joins THEN the error explains the bot’s role must be above it', async () => {
    const { deps, roles } = setup();
    await addTown(deps, roles, { guildId: GUILD, name: 'Mont-Joli' });
    const town = (await listTowns(deps.db, GUILD))[0];
    const fakeRole = roles.roles.get(town?.roleId ?? '');
    if (fakeRole) fakeRole.manageable = 'roleAboveBot';
    const error = await failure(joinTown(deps, roles, { ...member(roles, ALICE), town: 'mont joli' }));
    expect(error.key).toBe('town.error.roleAboveBot');
    expect(error.params).toMatchObject({ town: 'Mont-Joli', role: `<@&${town?.roleId}>` });
  });

  it('GIVEN a guild at 250 roles WHEN a town is added THEN the error says so and no town is saved', async () => {
    const { deps, roles } = setup();
    roles.fillRoles();
    const error = await failure(addTown(deps, roles, { guildId: GUILD, name: 'Rimouski' }));
    expect(error.key).toBe('town.error.tooManyRoles');
    expect(await listTowns(deps.db, GUILD)).toEqual([]);
  });

  it('GIVEN Rimouski exists WHEN "RIMOUSKI" is added THEN it is refused as already existing', async () => {
    const { deps, roles } = setup();
    const first = await addTown(deps, roles, { guildId: GUILD, name: 'Rimouski' });
    const error = await failure(addTown(deps, roles, { guildId: GUILD, name: 'RIMOUSKI' }));
    expect(error.key).toBe('town.error.alreadyExists');
    expect(error.params).toMatchObject({ town: 'Rimouski', role: `<@&${first.town.roleId}>` });
    expect(roles.createdCount).toBe(1);
  });

  it('GIVEN a known town name without coordinates WHEN added THEN the preset coordinates are used; a new name gets none', async () => {
    const { deps, roles } = setup();
    const known = await addTown(deps, roles, { guildId: GUILD, name: 'Rimouski' });
    expect(known).toMatchObject({ role: 'created', coordinatesFromPreset: true, town: { latitude: 48.45 } });
    const custom = await addTown(deps, roles, {
      guildId: GUILD,
      name: 'Sainte-Luce',
      latitude: 48.55,
      longitude: -68.39,
    });
    expect(custom).toMatchObject({ coordinatesFromPreset: false, town: { latitude: 48.55, longitude: -68.39 } });
    const none = await addTown(deps, roles, { guildId: GUILD, name: 'Bic' });
    expect(none.town).toMatchObject({ latitude: null, longitude: null });
  });

  it('GIVEN bad coordinates or a bad name WHEN a town is added THEN each is refused with its own message', async () => {
    const { deps, roles } = setup();
    expect((await failure(addTown(deps, roles, { guildId: GUILD, name: 'Bic', latitude: 48 }))).key).toBe(
      'town.error.coordinatesIncomplete',
    );
    expect((await failure(addTown(deps, roles, { guildId: GUILD, name: 'Bic', latitude: 91, longitude: 0 }))).key).toBe(
      'town.error.coordinatesOutOfRange',
    );
    expect((await failure(addTown(deps, roles, { guildId: GUILD, name: '@everyone' }))).key).toBe('town.badName');
    expect((await failure(addTown(deps, roles, { guildId: GUILD, name: 'x'.repeat(60) }))).key).toBe('text.tooLong');
    expect(roles.createdCount).toBe(0);
  });

  it('GIVEN a role given explicitly WHEN it is @everyone or already a town THEN it is refused; a free one is linked', async () => {
    const { deps, roles } = setup();
    expect((await failure(addTown(deps, roles, { guildId: GUILD, name: 'Bic', roleId: GUILD }))).key).toBe(
      'town.error.roleReserved',
    );
    const roleId = roles.addExistingRole('Gens du Bic');
    const linked = await addTown(deps, roles, { guildId: GUILD, name: 'Bic', roleId });
    expect(linked).toMatchObject({ role: 'linked', town: { roleId, roleManaged: false } });
    const twice = await failure(addTown(deps, roles, { guildId: GUILD, name: 'Le Bic', roleId }));
    expect(twice).toMatchObject({ key: 'town.error.roleAlreadyLinked', params: { town: 'Bic' } });
  });

  it('GIVEN a town with the bot’s role and one with a linked role WHEN both are removed THEN only the bot’s role is deleted', async () => {
    const { deps, roles } = setup();
    const linkedRoleId = roles.addExistingRole('Rimouski');
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });

    const matane = await removeTown(deps, roles, { guildId: GUILD, town: 'matane' });
    expect(matane.role).toBe('deleted');
    expect(roles.roleNamed('Matane')).toBeUndefined();

    const rimouski = await removeTown(deps, roles, { guildId: GUILD, town: 'rimouski' });
    expect(rimouski.role).toBe('kept');
    expect(roles.roles.has(linkedRoleId)).toBe(true);
    expect((await listTowns(deps.db, GUILD)).map((town) => town.name)).not.toContain('Rimouski');
  });

  it('GIVEN a menu offering three towns WHEN the member picks two THEN they hold exactly those, and the third is taken away', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const towns = await listTowns(deps.db, GUILD);
    const [amqui, degelis, laPocatiere] = towns;
    if (!amqui || !degelis || !laPocatiere) throw new Error('preset towns missing');
    await joinTown(deps, roles, { ...member(roles, ALICE), town: amqui.name });
    const outsideMenu = towns.find((town) => town.name === 'Rimouski');
    await joinTown(deps, roles, { ...member(roles, ALICE), town: 'Rimouski' });

    const result = await setMemberTowns(deps, roles, {
      ...member(roles, ALICE),
      addressedMemberId: ALICE,
      offeredTownIds: [amqui.id, degelis.id, laPocatiere.id],
      chosenTownIds: [degelis.id, laPocatiere.id],
    });
    expect(result.added.map((town) => town.name)).toEqual(['Dégelis', 'La Pocatière']);
    expect(result.removed.map((town) => town.name)).toEqual(['Amqui']);
    expect(roles.rolesOf(ALICE).sort()).toEqual([degelis.roleId, laPocatiere.roleId, outsideMenu?.roleId].sort());
  });

  it('GIVEN Alice’s welcome menu WHEN Bob uses it THEN he is politely refused and nothing changes', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const [town] = await listTowns(deps.db, GUILD);
    const error = await failure(
      setMemberTowns(deps, roles, {
        ...member(roles, BOB),
        addressedMemberId: ALICE,
        offeredTownIds: [town?.id ?? 0],
        chosenTownIds: [town?.id ?? 0],
      }),
    );
    expect(error).toMatchObject({ key: 'error.notForYou', params: { user: `<@${ALICE}>` } });
    expect(roles.rolesOf(BOB)).toEqual([]);
  });

  it('GIVEN a menu whose town was removed since WHEN it is chosen THEN the others still apply and the missing one is counted', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const [amqui, degelis] = await listTowns(deps.db, GUILD);
    if (!amqui || !degelis) throw new Error('preset towns missing');
    await removeTown(deps, roles, { guildId: GUILD, town: amqui.name });
    const fakeDegelisRole = roles.roles.get(degelis.roleId);
    if (fakeDegelisRole) fakeDegelisRole.manageable = 'roleAboveBot';

    const result = await setMemberTowns(deps, roles, {
      ...member(roles, ALICE),
      addressedMemberId: ALICE,
      offeredTownIds: [amqui.id, degelis.id],
      chosenTownIds: [amqui.id, degelis.id],
    });
    expect(result.vanished).toBe(1);
    expect(result.failed.map((entry) => [entry.town.name, entry.problem])).toEqual([['Dégelis', 'roleAboveBot']]);
  });

  it('GIVEN towns and a member WHEN listed THEN every town shows, the member’s marked, a deleted role flagged', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    await joinTown(deps, roles, { ...member(roles, ALICE), town: 'Rimouski' });
    const matane = (await listTowns(deps.db, GUILD)).find((town) => town.name === 'Matane');
    roles.deleteInDiscord(matane?.roleId ?? '');

    const entries = await listTownsForMember(deps, roles, member(roles, ALICE));
    expect(entries).toHaveLength(10);
    expect(entries.filter((entry) => entry.member).map((entry) => entry.town.name)).toEqual(['Rimouski']);
    expect(entries.filter((entry) => entry.roleMissing).map((entry) => entry.town.name)).toEqual(['Matane']);
  });

  it('GIVEN two towns WHEN an admin overrides their drive time THEN it is stored and the estimate is reported', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const result = await setDriveTime(deps, { guildId: GUILD, townA: 'rimouski', townB: 'matane', minutes: 75 });
    expect(result.minutes).toBe(75);
    expect(result.estimatedMinutes).toBeGreaterThan(50);
    const overrides = await getDriveTimeOverrides(deps.db, GUILD);
    expect([...overrides.values()]).toEqual([75]);

    const same = await failure(setDriveTime(deps, { guildId: GUILD, townA: 'matane', townB: 'MATANE', minutes: 5 }));
    expect(same.key).toBe('town.error.sameTown');
  });

  it('GIVEN preset towns WHEN autocompleting "loup" THEN Rivière-du-Loup comes first', async () => {
    const { deps, roles } = setup();
    await applyPreset(deps, roles, { guildId: GUILD, region: REGION });
    const suggestions = await suggestTowns(deps, { guildId: GUILD, query: 'loup' });
    expect(suggestions.map((town) => town.name)).toEqual(['Rivière-du-Loup']);
    expect(await suggestTowns(deps, { guildId: GUILD, query: '' })).toHaveLength(10);
  });
});

describe.each(testDatabaseKinds())('welcome plan on %s', (kind) => {
  const database = useTestDatabase(kind);
  const base = { guildId: GUILD, memberId: ALICE, isBot: false, systemChannelId: '400000000000000001' };

  it('GIVEN a bot joining WHEN the welcome is planned THEN there is none', async () => {
    const deps = testAppDeps(database);
    expect(await planWelcome(deps, { ...base, isBot: true, preferredLocale: 'fr' })).toBeNull();
  });

  it('GIVEN a guild never set up WHEN a member joins THEN the welcome goes to the system channel in the guild’s locale', async () => {
    const deps = testAppDeps(database);
    const plan = await planWelcome(deps, { ...base, preferredLocale: 'en-US' });
    expect(plan).toMatchObject({
      channelId: '400000000000000001',
      language: 'en',
      offeredTowns: [],
      otherTownCount: 0,
    });
  });

  it('GIVEN a welcome channel, French, and 30 towns WHEN a member joins THEN 25 towns are offered there and 5 left for /town join', async () => {
    const deps = testAppDeps(database);
    const roles = new FakeTownRoles(GUILD);
    await updateGuildSettings(deps.db, GUILD, { welcomeChannelId: '400000000000000009', language: 'fr' }, new Date());
    for (let index = 1; index <= 30; index++) {
      await addTown(deps, roles, { guildId: GUILD, name: `Village ${String(index).padStart(2, '0')}` });
    }
    const plan = await planWelcome(deps, { ...base, preferredLocale: 'en-US' });
    expect(plan?.channelId).toBe('400000000000000009');
    expect(plan?.language).toBe('fr');
    expect(plan?.offeredTowns).toHaveLength(25);
    expect(plan?.offeredTowns[0]?.name).toBe('Village 01');
    expect(plan?.otherTownCount).toBe(5);
  });
});
