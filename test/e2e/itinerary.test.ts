import { beforeEach, describe, expect, it } from 'vitest';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { DEFAULT_START } from '../../src/sandbox/world.js';
import { type Actor, useWorld, type World } from '../support/e2e.js';

/**
 * A trip through three towns, as members live it (issue 12): Rimouski Tuesday 12:00, Matane Wednesday 17:00, then
 * Amqui added for Tuesday 14:00 (too close to Rimouski by road: the host is warned). DEFAULT_START is Wednesday
 * 2026-11-25, so Tuesday is 2026-12-01.
 */
const LANGUAGES = [
  {
    name: 'French',
    locale: 'fr',
    added: 'Escale ajoutée à la rencontre',
    road: 'Rimouski se termine à 13 h 30 ; Amqui est à environ 1 h 05 de route : tu arriverais à 14 h 35, après 14 h 00.',
    newStop: 'Nouvelle escale de la rencontre',
    alreadyTold: 'Déjà prévenus pour cette rencontre',
    waitlisted: 'tu es n° 1 sur la liste d’attente',
    promotedDm: 'Une place s’est libérée pour la rencontre',
    stopCancelled: 'Escale annulée',
    cancelledField: '~~Amqui~~ (annulée)',
    required: 'a plusieurs escales : précise laquelle',
    notOfTrip: 'ne fait pas partie de la rencontre',
    tooMany: 'Une rencontre compte au plus 5 escales',
    overlap: 'chevauche celle de Rimouski',
    notAllowed: 'Seul·e',
  },
  {
    name: 'English',
    locale: 'en-US',
    added: 'Stop added to meetup',
    road: 'Rimouski ends at 1:30 PM; Amqui is about 1 h 05 min away: you’d arrive at 2:35 PM, after 2:00 PM.',
    newStop: 'New stop of meetup',
    alreadyTold: 'Already told about this meetup',
    waitlisted: 'you’re #1 on the waitlist',
    promotedDm: 'A seat freed up for meetup',
    stopCancelled: 'Stop cancelled',
    cancelledField: '~~Amqui~~ (cancelled)',
    required: 'has several stops: say which one',
    notOfTrip: 'is not part of meetup',
    tooMany: 'A meetup has at most 5 stops',
    overlap: 'overlaps the one in Rimouski',
    notAllowed: 'Only',
  },
] as const;

async function freshGuild(world: World, locale: string): Promise<void> {
  world.clock.set(DEFAULT_START);
  world.createGuild({ preferredLocale: locale });
  world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
  await deployCommands(world.config());
  await (await world.owner.runs('/town preset', { region: 'bas-saint-laurent' })).settled();
}

function announcement(world: World): EmuMessage {
  const message = world
    .channel('#general')
    .messages()
    .find((candidate) => candidate.embeds.length > 0);
  if (!message) throw new Error('no announcement');
  return message;
}

/** The stop ids of the announcement's rows, in itinerary order (`rsvp:<stopId>:going` on each row's first button). */
function stopIds(message: EmuMessage): string[] {
  return message.components.map((row) => {
    const first = (row.components as { custom_id?: string }[])[0];
    return String(first?.custom_id).split(':')[1] ?? '';
  });
}

/** The trip's number, as its announcement's footer shows it ("Rencontre #12 · …"). */
function tripNumber(message: EmuMessage): string {
  const footer = (message.embeds[0] as { footer?: { text?: string } } | undefined)?.footer?.text ?? '';
  return /#(\d+)/.exec(footer)?.[1] ?? '';
}

/** Runs a command and waits for its (deferred) answer. */
async function answer(
  actor: Actor,
  command: string,
  options: Record<string, string | number>,
  where: { locale: string },
) {
  return (await actor.runs(command, options, where)).settled();
}

function roleId(world: World, name: string): string {
  const role = world.role(name);
  if (!role) throw new Error(`no role ${name}`);
  return role.id;
}

describe.each(LANGUAGES)('an itinerary in $name', (language) => {
  const context = useWorld({ preferredLocale: language.locale });
  const where = { locale: language.locale };
  beforeEach(async () => {
    await freshGuild(context.world, language.locale);
  });

  it('GIVEN a trip to Rimouski WHEN the host adds Matane then Amqui THEN each stop pings only its own new towns in a reply, the host is warned about the road, members answer per stop with a waitlist each, and cancelling one stop leaves the others', async () => {
    const { world } = context;
    const owner = world.owner;
    await (
      await answer(owner, '/trip new', { town: 'Rimouski', when: '2026-12-01 12:00', capacity: 2 }, where)
    ).settled();
    const message = announcement(world);
    const tripId = tripNumber(message);
    expect(message).toPing(roleId(world, 'Rimouski'));

    const matane = await answer(
      owner,
      '/trip add-stop',
      { trip: `#${tripId}`, town: 'Matane', when: '2026-12-02 17:00', capacity: 2 },
      where,
    );
    expect(matane.text()).toContain(language.added);
    const amqui = await answer(
      owner,
      '/trip add-stop',
      { trip: `${tripId}`, town: 'Amqui', when: '2026-12-01 14:00' },
      where,
    );
    expect(amqui.text()).toContain(language.road);

    // Two short replies to the announcement, each pinging exactly its new town's role.
    await world.settle(() => world.channel('#general').messages().length >= 3);
    const replies = world
      .channel('#general')
      .messages()
      .filter((candidate) => candidate.messageReference?.messageId === message.id);
    expect(replies.map((reply) => reply.pinged.roles)).toEqual([[roleId(world, 'Matane')], [roleId(world, 'Amqui')]]);
    expect(replies.every((reply) => world.emulator.text(reply.id).includes(language.newStop))).toBe(true);
    expect(replies.map((reply) => reply.pinged.users)).toEqual([[], []]);

    // A stop reaching a town already pinged for this trip does not ping it again.
    const again = await answer(
      owner,
      '/trip add-stop',
      { trip: `${tripId}`, town: 'Rimouski', when: '2026-12-03 12:00' },
      where,
    );
    expect(again.text()).toContain(language.alreadyTold);

    // One message, the stops in time order: Rimouski, Amqui, Matane, Rimouski again.
    await world.settle(() => stopIds(world.emulator.message(message.id)!).length === 4);
    const refreshed = world.emulator.message(message.id)!;
    const [rimouskiStop, amquiStop, mataneStop] = stopIds(refreshed);
    const text = world.emulator.text(message.id);
    expect(text.indexOf('Amqui')).toBeLessThan(text.indexOf('Matane'));

    // Answers per stop: Alice goes to Rimouski and Matane; Matane (2 seats: the host and Carol) is full for her.
    const alice = world.join('Alice', where);
    const carol = world.join('Carol', where);
    const dave = world.join('Dave', where);
    expect((await alice.clicks(refreshed, `rsvp:${rimouskiStop}:going`, where)).ephemeral).toBe(true);
    await carol.clicks(refreshed, `rsvp:${mataneStop}:going`, where);
    expect((await alice.clicks(refreshed, `rsvp:${mataneStop}:going`, where)).text()).toContain(language.waitlisted);
    // Rimouski (2 seats: the host and Alice) is full too: Dave waits there.
    expect(
      (await answer(dave, '/rsvp', { trip: tripId, stop: `s${rimouskiStop}`, response: 'going' }, where)).text(),
    ).toContain(language.waitlisted);

    // A seat freed at Matane promotes Matane's waitlist only.
    await carol.clicks(refreshed, `rsvp:${mataneStop}:no`, where);
    await world.settle(() => alice.dms().length > 0);
    expect(alice.dms()[0]?.content).toContain(language.promotedDm);
    expect(alice.dms()[0]?.content).toContain('Matane');
    expect(dave.dms()).toHaveLength(0);

    // /rsvp on a trip of several stops needs the stop; a stop of another trip is refused.
    expect((await answer(dave, '/rsvp', { trip: tripId, response: 'going' }, where)).text()).toContain(
      language.required,
    );

    // Cancelling Amqui leaves Rimouski and Matane.
    const cancel = await answer(owner, '/trip cancel', { trip: tripId, stop: `s${amquiStop}` }, where);
    expect(cancel.text()).toContain(language.stopCancelled);
    await world.settle(() => world.emulator.text(message.id).includes(language.cancelledField));
    const after = world.emulator.message(message.id)!;
    const rows = after.components.map((row) => (row.components as { disabled?: boolean }[])[0]?.disabled ?? false);
    expect(rows).toEqual([false, true, false, false]);
  });

  it('GIVEN a trip of five stops WHEN a sixth, an overlapping stop, a stranger’s stop or a stop of another trip is asked for THEN each gets a clear private error and nobody is pinged', async () => {
    const { world } = context;
    const owner = world.owner;
    await (await answer(owner, '/trip new', { town: 'Rimouski', when: '2026-12-01 12:00' }, where)).settled();
    const tripId = tripNumber(announcement(world));
    const before = world.channel('#general').messages().length;

    const overlap = await answer(
      owner,
      '/trip add-stop',
      { trip: `${tripId}`, town: 'Matane', when: '2026-12-01 12:30' },
      where,
    );
    expect(overlap.ephemeral).toBe(true);
    expect(overlap.text()).toContain(language.overlap);

    const stranger = world.join('Stranger', where);
    const refused = await answer(
      stranger,
      '/trip add-stop',
      { trip: `${tripId}`, town: 'Matane', when: '2026-12-02 12:00' },
      where,
    );
    expect(refused.text()).toContain(language.notAllowed);
    expect(world.channel('#general').messages()).toHaveLength(before);

    for (const [index, town] of ['Matane', 'Amqui', 'Mont-Joli', 'Trois-Pistoles'].entries()) {
      await answer(owner, '/trip add-stop', { trip: `${tripId}`, town, when: `2026-12-0${index + 2} 12:00` }, where);
    }
    const sixth = await answer(
      owner,
      '/trip add-stop',
      { trip: `${tripId}`, town: 'Rivière-du-Loup', when: '2026-12-08 12:00' },
      where,
    );
    expect(sixth.text()).toContain(language.tooMany);

    await (await answer(owner, '/trip new', { town: 'Matane', when: '2026-12-10 12:00' }, where)).settled();
    const other = world
      .channel('#general')
      .messages()
      .filter((candidate) => candidate.embeds.length > 0)
      .at(-1)!;
    const [otherStop] = stopIds(other);
    const wrong = await answer(owner, '/trip edit', { trip: `${tripId}`, stop: `s${otherStop}`, venue: 'Café' }, where);
    expect(wrong.text()).toContain(language.notOfTrip);
  });
  it('GIVEN a two-stop trip and members going to one stop each WHEN time passes THEN each gets the reminders of their stop only, and each stop gets its own recap in the trip’s one thread', async () => {
    const { world } = context;
    const owner = world.owner;
    await answer(owner, '/trip new', { town: 'Rimouski', when: '2026-12-01 12:00' }, where);
    const message = announcement(world);
    const tripId = tripNumber(message);
    await answer(owner, '/trip add-stop', { trip: tripId, town: 'Matane', when: '2026-12-02 17:00' }, where);
    await world.settle(() => stopIds(world.emulator.message(message.id)!).length === 2);
    const refreshed = world.emulator.message(message.id)!;
    const [rimouskiStop, mataneStop] = stopIds(refreshed);
    const alice = world.join('Alice', where);
    const bob = world.join('Bob', where);
    await alice.clicks(refreshed, `rsvp:${rimouskiStop}:going`, where);
    await bob.clicks(refreshed, `rsvp:${mataneStop}:going`, where);

    // The scheduler runs as the clock reaches each moment (a reminder long past its time is not sent late).
    const until = async (iso: string) => world.advance(new Date(iso).getTime() - world.clock.now().getTime());
    await until('2026-11-30T17:30:00Z');
    await until('2026-12-01T16:30:00Z');
    await world.settle(() => alice.dms().length >= 2);
    expect(alice.dms().map((dm) => dm.content.includes('Rimouski'))).toEqual([true, true]);
    expect(bob.dms()).toHaveLength(0);

    // Past both stops and their recap delay: Matane's reminders to Bob, and two recaps in one thread.
    await until('2026-12-01T22:30:00Z');
    await until('2026-12-02T21:30:00Z');
    await until('2026-12-03T00:30:00Z');
    await world.settle(() => bob.dms().length >= 2 && (world.threadOf(message)?.messages().length ?? 0) >= 2);
    expect(bob.dms().map((dm) => dm.content.includes('Matane'))).toEqual([true, true]);
    expect(alice.dms()).toHaveLength(2);
    expect(world.emulator.threads(message.channelId).filter((thread) => thread.id === message.id)).toHaveLength(1);
    const recaps = world.threadOf(message)?.messages() ?? [];
    expect(recaps).toHaveLength(2);
    expect(world.emulator.text(recaps[0]!.id)).toContain('Rimouski');
    expect(recaps[0]?.pinged.users.sort()).toEqual([alice.id, owner.id].sort());
    expect(world.emulator.text(recaps[1]!.id)).toContain('Matane');
    expect(recaps[1]?.pinged.users.sort()).toEqual([bob.id, owner.id].sort());
  });
});
