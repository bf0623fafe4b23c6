import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { botAddedToGuild } from '../../src/app/guildLifecycle.js';
import { jobs, towns, trips } from '../../src/db/schema.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * The bot removed from a guild (issue 11, item 10): its pending jobs stop at once (no reminder DM goes out), and
 * its data is deleted 30 days later unless the bot is added back.
 */
const EN = { locale: 'en-US' };
const DAY = 24 * 3_600_000;

async function jobStatuses(world: World, guildId: string): Promise<string[]> {
  const rows = await world.bot.deps.db.select().from(jobs).where(eq(jobs.guildId, guildId));
  return rows.map((row) => `${row.kind}:${row.status}`).sort();
}

describe('the bot removed from a guild', () => {
  const context = useWorld();

  it('GIVEN a trip with reminders due WHEN the bot is kicked THEN no reminder is sent, and 30 days later the guild’s towns, trips and jobs are gone', async () => {
    const { world } = context;
    await freshGuildWithTown(world, EN);
    const guildId = world.guild.id;
    const { message } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'December 4 at noon' }, EN);
    const alice = world.join('Alice', EN);
    await alice.clicks(message, 'going', EN);

    world.emulator.kickBot(guildId);
    await world.settle(() => true);
    await world.emulator.waitFor(
      async () => (await jobStatuses(world, guildId)).includes('guild.purge:pending'),
      10_000,
    );
    expect((await jobStatuses(world, guildId)).filter((job) => job.endsWith(':pending'))).toEqual([
      'guild.purge:pending',
    ]);

    await world.advance(10 * DAY); // past both reminders and the recap
    expect(alice.dms()).toHaveLength(0);
    const db = world.bot.deps.db;
    expect(await db.select().from(towns).where(eq(towns.guildId, guildId))).toHaveLength(1);

    await world.advance(21 * DAY);
    expect(await db.select().from(towns).where(eq(towns.guildId, guildId))).toHaveLength(0);
    expect(await db.select().from(trips).where(eq(trips.guildId, guildId))).toHaveLength(0);
    expect(await jobStatuses(world, guildId)).toEqual(['guild.purge:done']);
  });

  it('GIVEN the bot was kicked WHEN it is added back before 30 days THEN the deletion is called off and the paused jobs are pending again', async () => {
    const { world } = context;
    await freshGuildWithTown(world, EN);
    const guildId = world.guild.id;
    await announceTrip(world, world.owner, { town: 'Rimouski', when: 'December 4 at noon' }, EN);
    world.emulator.kickBot(guildId);
    await world.emulator.waitFor(
      async () => (await jobStatuses(world, guildId)).includes('guild.purge:pending'),
      10_000,
    );

    // The emulator cannot invite the bot back yet: the GuildCreate handler's use case, on the bot's own database.
    await botAddedToGuild(world.bot.deps, { guildId });
    const statuses = await jobStatuses(world, guildId);
    expect(statuses).toContain('guild.purge:cancelled');
    expect(statuses.filter((job) => job.endsWith(':paused'))).toEqual([]);
    const pending = await world.bot.deps.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.guildId, guildId), eq(jobs.status, 'pending')));
    expect(pending.length).toBeGreaterThan(0);
  });
});
