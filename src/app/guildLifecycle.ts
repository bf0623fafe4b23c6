import { deleteGuildData } from '../db/repositories/guildData.js';
import { cancelJob, guildsWithPendingJob, pauseGuildJobs, resumeGuildJobs, scheduleJob } from '../jobs/queue.js';
import type { AppDeps } from './context.js';

/** How long a guild's data is kept after the bot was removed from it, in case it is added back. */
export const GUILD_DATA_RETENTION_DAYS = 30;
export const GUILD_PURGE_JOB = 'guild.purge';

const DAY_MS = 24 * 60 * 60 * 1000;
const purgeKey = (guildId: string) => `guild-purge:${guildId}`;

/**
 * The bot was removed from a guild (kicked, or the guild deleted; not an outage): its pending reminders and recaps
 * stop at once, and its data is deleted 30 days later by a durable job, unless the bot is added back meanwhile.
 */
export async function botRemovedFromGuild(deps: AppDeps, input: { guildId: string }): Promise<{ paused: number }> {
  const now = deps.clock.now();
  const paused = await deps.db.transaction(async (tx) => {
    const count = await pauseGuildJobs(tx, input.guildId, GUILD_PURGE_JOB);
    await scheduleJob(tx, {
      kind: GUILD_PURGE_JOB,
      dedupeKey: purgeKey(input.guildId),
      guildId: input.guildId,
      runAt: new Date(now.getTime() + GUILD_DATA_RETENTION_DAYS * DAY_MS),
    });
    return count;
  });
  deps.logger.info({ guildId: input.guildId, paused }, 'removed from the guild: jobs paused, data deleted in 30 days');
  return { paused };
}

/** The bot is (back) in a guild: the deletion is called off and the paused jobs resume. */
export async function botAddedToGuild(deps: AppDeps, input: { guildId: string }): Promise<{ resumed: number }> {
  const now = deps.clock.now();
  const { cancelled, resumed } = await deps.db.transaction(async (tx) => ({
    cancelled: await cancelJob(tx, purgeKey(input.guildId), now),
    resumed: await resumeGuildJobs(tx, input.guildId),
  }));
  if (cancelled || resumed > 0) deps.logger.info({ guildId: input.guildId, resumed }, 'added back to the guild');
  return { resumed };
}

/**
 * The gateway's guild list at READY: a guild the bot was added back to while it was offline sends no GuildCreate
 * event, so every listed guild whose data is scheduled for deletion is treated as added back. Returns those guilds.
 */
export async function botPresentInGuilds(
  deps: AppDeps,
  input: { guildIds: Iterable<string> },
): Promise<{ addedBack: string[] }> {
  const present = new Set(input.guildIds);
  const scheduled = await guildsWithPendingJob(deps.db, GUILD_PURGE_JOB);
  const addedBack = scheduled.filter((guildId) => present.has(guildId));
  for (const guildId of addedBack) await botAddedToGuild(deps, { guildId });
  return { addedBack };
}

/** The retention ended: everything Escale stored about the guild is deleted. */
export async function purgeGuildData(deps: AppDeps, input: { guildId: string }): Promise<Record<string, number>> {
  const counts = await deps.db.transaction((tx) => deleteGuildData(tx, input.guildId, GUILD_PURGE_JOB));
  deps.logger.info({ guildId: input.guildId, ...counts }, 'guild data deleted 30 days after the bot was removed');
  return counts;
}
