import { eq } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { guildSettings } from '../schema.js';

export type GuildSettingsRow = typeof guildSettings.$inferSelect;
export type GuildSettingsPatch = Partial<Omit<GuildSettingsRow, 'guildId' | 'createdAt' | 'updatedAt'>>;

/** The settings of a guild never set up: what the schema's defaults say, without writing a row. */
export function defaultGuildSettings(guildId: string): GuildSettingsRow {
  const epoch = new Date(0);
  return {
    guildId,
    welcomeChannelId: null,
    tripsChannelId: null,
    timeZone: 'America/Toronto',
    language: null,
    nearbyMinutes: 60,
    recapDelayMinutes: 30,
    reminderOffsetsMinutes: [1_440, 60],
    remindMaybe: false,
    maxTripsPerDay: 3,
    townPingCooldownMinutes: 60,
    publicPage: false,
    publicSlug: null,
    publicNames: false,
    inviteUrl: null,
    quietHours: null,
    onboarding: false,
    onboardingPromptId: null,
    onboardingProblem: null,
    createdAt: epoch,
    updatedAt: epoch,
  };
}

export async function getGuildSettings(executor: Executor, guildId: string): Promise<GuildSettingsRow> {
  const [row] = await executor.select().from(guildSettings).where(eq(guildSettings.guildId, guildId)).limit(1);
  return row ?? defaultGuildSettings(guildId);
}

export async function updateGuildSettings(
  executor: Executor,
  guildId: string,
  patch: GuildSettingsPatch,
  now: Date,
): Promise<GuildSettingsRow> {
  const [row] = await executor
    .insert(guildSettings)
    .values({ guildId, ...patch, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: guildSettings.guildId, set: { ...patch, updatedAt: now } })
    .returning();
  if (!row) throw new Error(`settings of guild ${guildId} were not saved`);
  return row;
}
