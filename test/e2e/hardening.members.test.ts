import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rsvps, tripStops } from '../../src/db/schema.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * A member who leaves the guild (issue 11, item 6): their seat goes to the first on the waitlist (told as usual),
 * and the trips they host are cancelled with the usual notice, saying the host left the server.
 */
const EN = { locale: 'en-US' };

async function statusOf(world: World, stopId: number, userId: string): Promise<string | undefined> {
  const rows = await world.bot.deps.db.select().from(rsvps).where(eq(rsvps.stopId, stopId));
  return rows.find((row) => row.userId === userId)?.status;
}

function botMessages(world: World, channelId: string): EmuMessage[] {
  return world.emulator.messages(channelId).filter((message) => message.authorId === world.emulator.botUser.id);
}

describe('members who leave', () => {
  const context = useWorld();

  it('GIVEN Alice holds the last seat and Bob waits WHEN Alice leaves the server THEN Bob gets the seat and is told, and the announcement counts him going', async () => {
    const { world } = context;
    await freshGuildWithTown(world, EN);
    const { message, tripId: stopId } = await announceTrip(
      world,
      world.owner,
      { town: 'Rimouski', when: 'December 4 at noon', capacity: 2 },
      EN,
    );
    const alice = world.join('Alice', EN);
    const bob = world.join('Bob', EN);
    await alice.clicks(message, 'going', EN);
    await bob.clicks(message, 'going', EN);
    expect(await statusOf(world, stopId, bob.id)).toBe('waitlist');

    world.emulator.removeMember(world.guild.id, alice.id);
    await world.settle(() => bob.dms().length > 0, 15_000);
    expect(await statusOf(world, stopId, alice.id)).toBe('no');
    expect(await statusOf(world, stopId, bob.id)).toBe('going');
    await world.settle(
      () => world.emulator.text(message.id).includes(bob.id) || /2\s*\/\s*2/.test(world.emulator.text(message.id)),
      15_000,
    );
  });

  it('GIVEN Carol hosts a meetup Dave is going to WHEN Carol leaves the server THEN the meetup is cancelled and Dave is told in the thread that the host left', async () => {
    const { world } = context;
    await freshGuildWithTown(world, EN);
    const carol = world.join('Carol', EN);
    const { message, tripId: stopId } = await announceTrip(
      world,
      carol,
      { town: 'Rimouski', when: 'December 4 at noon' },
      EN,
    );
    const dave = world.join('Dave', { ...EN, dmClosed: true });
    await dave.clicks(message, 'going', EN);

    world.emulator.removeMember(world.guild.id, carol.id);
    await world.settle(() => {
      const thread = world.threadOf(message);
      return (
        thread !== undefined &&
        botMessages(world, thread.id).some((post) => post.content.includes('the host left the server'))
      );
    }, 15_000);
    const thread = world.threadOf(message);
    const notice = botMessages(world, thread?.id ?? '').find((post) =>
      post.content.includes('the host left the server'),
    );
    expect(notice?.pinged.users).toContain(dave.id);
    const [stop] = await world.bot.deps.db.select().from(tripStops).where(eq(tripStops.id, stopId));
    expect(stop?.status).toBe('cancelled');
  });
});
