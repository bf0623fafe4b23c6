import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../client.js';
import { feedTokens, guildSettings } from '../schema.js';
import type { GuildSettingsRow } from './guildSettings.js';

/**
 * The public page's settings and the members' private feed tokens. Only the SHA-256 of a token is stored: a leaked
 * database does not give anyone's calendar away.
 */

/** The guild whose public page answers at this slug, only when it opted in (else undefined, like a missing slug). */
export async function findPublishedGuild(executor: Executor, slug: string): Promise<GuildSettingsRow | undefined> {
  const [row] = await executor
    .select()
    .from(guildSettings)
    .where(and(eq(guildSettings.publicSlug, slug), eq(guildSettings.publicPage, true)))
    .limit(1);
  return row;
}

/** True when another guild holds this slug already (opted in or not: slugs are unique). */
export async function isSlugTaken(executor: Executor, slug: string, guildId: string): Promise<boolean> {
  const [row] = await executor
    .select({ guildId: guildSettings.guildId })
    .from(guildSettings)
    .where(and(eq(guildSettings.publicSlug, slug), ne(guildSettings.guildId, guildId)))
    .limit(1);
  return row !== undefined;
}

/** Replaces the member's token (hashed) for this guild: the previous URL stops working at once. */
export async function saveFeedToken(
  executor: Executor,
  input: { guildId: string; userId: string; tokenHash: string; now: Date },
): Promise<void> {
  await executor
    .insert(feedTokens)
    .values({ guildId: input.guildId, userId: input.userId, tokenHash: input.tokenHash, createdAt: input.now })
    .onConflictDoUpdate({
      target: [feedTokens.guildId, feedTokens.userId],
      set: { tokenHash: input.tokenHash, createdAt: input.now },
    });
}

export async function findFeedToken(
  executor: Executor,
  guildId: string,
  userId: string,
): Promise<{ tokenHash: string; createdAt: Date } | undefined> {
  const [row] = await executor
    .select({ tokenHash: feedTokens.tokenHash, createdAt: feedTokens.createdAt })
    .from(feedTokens)
    .where(and(eq(feedTokens.guildId, guildId), eq(feedTokens.userId, userId)))
    .limit(1);
  return row;
}

/** The owner of a token, looked up by its hash (an index lookup; the caller compares the hashes in constant time). */
export async function findFeedOwnerByHash(
  executor: Executor,
  tokenHash: string,
): Promise<{ guildId: string; userId: string; tokenHash: string; createdAt: Date } | undefined> {
  const [row] = await executor.select().from(feedTokens).where(eq(feedTokens.tokenHash, tokenHash)).limit(1);
  return row;
}
