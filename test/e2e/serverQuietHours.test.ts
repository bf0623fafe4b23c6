import { beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { type Actor, useWorld, type World } from '../support/e2e.js';

/**
 * The server's quiet hours for pings (issue 16 item 3), as members live them. The server keeps Toronto's time:
 * 04:00 UTC is 23:00 there (Thursday 2026-11-26 begins), 12:00 UTC is 07:00, the end of quiet hours 22:00–07:00.
 */
const LATE_EVENING = '2026-11-26T04:00:00Z';
const END_OF_QUIET_HOURS = new Date('2026-11-26T12:00:00Z');

const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    typed: '22h à 7h',
    field: 'Heures calmes (mentions des villes)',
    shownNone: 'aucune : les mentions partent tout de suite',
    shownSet: '22:00-07:00 : les mentions attendent la fin',
    held: 'Heures calmes du serveur :',
    followUp: 'Annoncée pendant les heures calmes : rencontre #',
    unparseable: 'Je ne comprends pas « tard » comme heures calmes.',
    zeroLength: 'Les heures calmes « 7h à 7h » commencent et finissent à la même heure',
  },
  {
    name: 'English',
    locale: 'en-US',
    typed: '10pm to 7am',
    field: 'Quiet hours (town pings)',
    shownNone: 'none: pings go out at once',
    shownSet: '22:00-07:00: pings wait for the end',
    held: 'Server quiet hours:',
    followUp: 'Announced during quiet hours: meetup #',
    unparseable: 'I don’t understand “tard” as quiet hours.',
    zeroLength: 'The quiet hours “7h à 7h” start and end at the same time',
  },
] as const;

async function answer(actor: Actor, command: string, options: Record<string, string | number>, locale: string) {
  return (await actor.runs(command, options, { locale })).settled();
}

function roleId(world: World, name: string): string {
  const role = world.role(name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

function announcements(world: World): EmuMessage[] {
  return world
    .channel('#general')
    .messages()
    .filter((message) => message.embeds.length > 0 && message.messageReference === null);
}

function repliesTo(world: World, message: EmuMessage): EmuMessage[] {
  return world
    .channel('#general')
    .messages()
    .filter((candidate) => candidate.messageReference?.messageId === message.id);
}

function tripNumber(message: EmuMessage): string {
  const footer = (message.embeds[0] as { footer?: { text?: string } } | undefined)?.footer?.text ?? '';
  return /#(\d+)/.exec(footer)?.[1] ?? '';
}

async function advanceTo(world: World, instant: Date): Promise<void> {
  await world.advance(instant.getTime() - world.clock.now().getTime());
}

describe.each(LANGUAGES)('the server’s quiet hours in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const { locale } = language;

  beforeEach(async () => {
    const { world } = context;
    world.clock.set(LATE_EVENING);
    world.createGuild({ preferredLocale: locale });
    world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
    await deployCommands(world.config());
    await answer(world.owner, '/town preset', { region: 'bas-saint-laurent' }, locale);
  });

  it('GIVEN quiet hours 22:00–07:00 WHEN a trip is announced at 23:00 THEN it pings nobody, and at 07:00 one reply pings exactly its town', async () => {
    const { world } = context;
    expect((await answer(world.owner, '/setup', {}, locale)).text()).toContain(
      `${language.field}: ${language.shownNone}`,
    );
    const saved = await answer(world.owner, '/setup', { quiet_hours: language.typed }, locale);
    expect(saved.text()).toContain(`${language.field}: ${language.shownSet}`);

    const host = world.join('Hélène', { locale });
    const announced = await answer(host, '/trip new', { town: 'Rimouski', when: '2026-11-28 12:00' }, locale);
    expect(announced.text()).toContain(language.held);
    const [message] = announcements(world);
    if (!message) throw new Error('no announcement');
    expect(message).toPingNobody();

    // 06:59: still quiet.
    await advanceTo(world, new Date(END_OF_QUIET_HOURS.getTime() - 60_000));
    expect(repliesTo(world, message)).toHaveLength(0);

    await advanceTo(world, END_OF_QUIET_HOURS);
    await world.settle(() => repliesTo(world, message).length > 0);
    const replies = repliesTo(world, message);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.pinged).toEqual({ users: [], roles: [roleId(world, 'Rimouski')], everyone: false });
    expect(world.emulator.text(replies[0]?.id ?? '')).toContain(`${language.followUp}${tripNumber(message)}`);

    // Later passes of the scheduler send nothing more.
    await world.advance('2h');
    expect(repliesTo(world, message)).toHaveLength(1);
  });

  it('GIVEN a trip announced in quiet hours WHEN it is cancelled before 07:00 THEN nobody is pinged at 07:00', async () => {
    const { world } = context;
    await answer(world.owner, '/setup', { quiet_hours: language.typed }, locale);
    await answer(world.owner, '/trip new', { town: 'Rimouski', when: '2026-11-28 12:00' }, locale);
    const [message] = announcements(world);
    if (!message) throw new Error('no announcement');

    await world.advance('2h');
    await answer(world.owner, '/trip cancel', { trip: tripNumber(message) }, locale);
    await advanceTo(world, new Date(END_OF_QUIET_HOURS.getTime() + 60_000));

    const pings = world
      .channel('#general')
      .messages()
      .filter((candidate) => candidate.pinged.roles.length > 0);
    expect(pings).toHaveLength(0);
  });

  it('GIVEN a trip announced in the day WHEN a stop is added at 23:00 THEN the stop’s town is pinged at 07:00 in one reply, not before', async () => {
    const { world } = context;
    await answer(world.owner, '/setup', { quiet_hours: language.typed }, locale);
    // 15:00 in Toronto: outside quiet hours, the announcement pings Rimouski at once.
    world.clock.set('2026-11-25T20:00:00Z');
    await answer(world.owner, '/trip new', { town: 'Rimouski', when: '2026-11-28 12:00' }, locale);
    const [message] = announcements(world);
    if (!message) throw new Error('no announcement');
    expect(message).toPing(roleId(world, 'Rimouski'));

    world.clock.set(LATE_EVENING);
    const added = await answer(
      world.owner,
      '/trip add-stop',
      { trip: tripNumber(message), town: 'Matane', when: '2026-11-29 17:00' },
      locale,
    );
    expect(added.text()).toContain(language.held);
    expect(repliesTo(world, message)).toHaveLength(0);

    await advanceTo(world, END_OF_QUIET_HOURS);
    await world.settle(() => repliesTo(world, message).length > 0);
    const replies = repliesTo(world, message);
    expect(replies.map((reply) => reply.pinged.roles)).toEqual([[roleId(world, 'Matane')]]);
  });

  it('GIVEN two trips to one town announced overnight WHEN quiet hours end THEN the town is pinged once (the cooldown counts from the ping)', async () => {
    const { world } = context;
    await answer(world.owner, '/setup', { quiet_hours: language.typed }, locale);
    const alice = world.join('Alice', { locale });
    await answer(world.owner, '/trip new', { town: 'Rimouski', when: '2026-11-28 12:00' }, locale);
    await world.advance('2h');
    await answer(alice, '/trip new', { town: 'Rimouski', when: '2026-11-29 12:00' }, locale);
    expect(announcements(world)).toHaveLength(2);

    await advanceTo(world, END_OF_QUIET_HOURS);
    await world.settle(() =>
      world
        .channel('#general')
        .messages()
        .some((message) => message.pinged.roles.length > 0),
    );
    await world.advance('1m');
    const pings = world
      .channel('#general')
      .messages()
      .filter((message) => message.pinged.roles.length > 0);
    expect(pings.map((message) => message.pinged.roles)).toEqual([[roleId(world, 'Rimouski')]]);
  });

  it('GIVEN quiet hours that do not parse or last no time WHEN saved THEN a private error names them and nothing changes', async () => {
    const { world } = context;
    const unparseable = await answer(world.owner, '/setup', { quiet_hours: 'tard', nearby_minutes: 90 }, locale);
    expect(unparseable.ephemeral).toBe(true);
    expect(unparseable.text()).toContain(language.unparseable);
    const zero = await answer(world.owner, '/setup', { quiet_hours: '7h à 7h' }, locale);
    expect(zero.text()).toContain(language.zeroLength);

    const shown = await answer(world.owner, '/setup', {}, locale);
    expect(shown.text()).toContain(`${language.field}: ${language.shownNone}`);
    expect(shown.text()).not.toContain('90 min');
  });
});
