import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { jobs, towns } from '../../src/db/schema.js';
import { useWorld, type World } from '../support/e2e.js';
import { announceTrip, freshGuildWithTown } from '../support/reliability.js';

/**
 * The bot added back while it was offline (issue 11, item 10's follow-up): no GuildCreate event tells it, only the
 * gateway's guild list at READY. A guild in that list whose data was to be deleted keeps its data.
 */
const EN = { locale: 'en-US' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function jobStatuses(world: World, guildId: string): Promise<string[]> {
  const rows = await world.bot.deps.db.select().from(jobs).where(eq(jobs.guildId, guildId));
  return rows.map((row) => `${row.kind}:${row.status}`).sort();
}

describe('the bot added back to a server while it was offline', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'escale-offline-'));
  const context = useWorld({ dataDir });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('GIVEN the bot was kicked and its data scheduled for deletion WHEN it is invited back while stopped and starts again THEN the deletion is called off, its reminder goes out and 30 days later the town is still there', async () => {
    const { world } = context;
    await freshGuildWithTown(world, EN);
    const guildId = world.guild.id;
    const { message } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'December 4 at noon' }, EN);
    const alice = world.join('Alice', EN);
    await alice.clicks(message, 'going', EN);
    world.emulator.kickBot(guildId);
    await world.emulator.waitFor(
      async () => (await jobStatuses(world, guildId)).includes('guild.purge:pending'),
      10_000,
    );

    await world.bot.stop();
    // Invited back while the bot is offline: it only learns of it from the guild list of its next READY.
    world.emulator.addMember(guildId, { username: 'escale', userId: world.emulator.botUser.id });
    await world.startBot();

    await world.emulator.waitFor(
      async () => (await jobStatuses(world, guildId)).includes('guild.purge:cancelled'),
      10_000,
    );
    expect((await jobStatuses(world, guildId)).filter((job) => job.endsWith(':paused'))).toEqual([]);
    await world.advance(8 * DAY + 3 * HOUR); // the day before the meetup: its reminder went out after all
    expect(alice.dms()).toHaveLength(1);
    await world.advance(30 * DAY);
    expect(await world.bot.deps.db.select().from(towns).where(eq(towns.guildId, guildId))).toHaveLength(1);
  });
});
