import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { findFeedOwnerByHash, findFeedToken, saveFeedToken } from '../db/repositories/publicPages.js';
import { lastAnswerOfMember, listStopsOfMember } from '../db/repositories/stops.js';
import type { Language } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import { FEED_PAST_DAYS, FEED_STOP_LIMIT, type WebDeps } from './publicPage.js';
import { lastModified, type Stop, withCounts } from './stops.js';

/**
 * Members' private calendar feeds (`/trip feed`): the stops they are going to, at PUBLIC_URL/feed/<token>.ics. Works
 * whether or not the guild has a public page. The token is 32 random bytes; only its SHA-256 is stored, so the URL
 * is shown once, and `reset` replaces it (the old URL stops working at once).
 */

export function hashFeedToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token's shape: 43 base64url characters (32 bytes). Anything else is not looked up. */
export function isFeedTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export type FeedIssue =
  | { kind: 'created'; token: string }
  /** A feed exists: its URL was shown when it was made and cannot be shown again (only its hash is kept). */
  | { kind: 'exists'; createdAt: Date };

export async function issueFeedToken(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  input: { guildId: string; userId: string; reset: boolean },
): Promise<FeedIssue> {
  if (!input.reset) {
    const existing = await findFeedToken(deps.db, input.guildId, input.userId);
    if (existing) return { kind: 'exists', createdAt: existing.createdAt };
  }
  const token = randomBytes(32).toString('base64url');
  await saveFeedToken(deps.db, {
    guildId: input.guildId,
    userId: input.userId,
    tokenHash: hashFeedToken(token),
    now: deps.clock.now(),
  });
  return { kind: 'created', token };
}

export function feedUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/feed/${token}.ics`;
}

export interface PersonalFeedView {
  guildId: string;
  guildName: string;
  language: Language;
  stops: Stop[];
  lastModified: Date;
}

/** The feed behind a token, or null (unknown, revoked or malformed: the same answer). */
export async function loadPersonalFeed(deps: WebDeps, token: string): Promise<PersonalFeedView | null> {
  if (!isFeedTokenShape(token)) return null;
  const hash = hashFeedToken(token);
  const owner = await findFeedOwnerByHash(deps.db, hash);
  // The lookup is by index; the comparison of what was found is constant-time all the same.
  if (!owner || !timingSafeEqual(Buffer.from(owner.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  const since = new Date(deps.clock.now().getTime() - FEED_PAST_DAYS * 86_400_000);
  const [settings, rows, lastAnswer] = await Promise.all([
    getGuildSettings(deps.db, owner.guildId),
    listStopsOfMember(deps.db, { guildId: owner.guildId, userId: owner.userId, since, limit: FEED_STOP_LIMIT }),
    lastAnswerOfMember(deps.db, owner.guildId, owner.userId),
  ]);
  const stops = await withCounts(deps.db, rows);
  const floor = new Date(Math.max(owner.createdAt.getTime(), lastAnswer?.getTime() ?? 0));
  return {
    guildId: owner.guildId,
    guildName: deps.directory.guildName(owner.guildId) ?? 'Escale',
    language: guildLanguage(settings, deps.directory.guildLocale(owner.guildId)),
    stops,
    lastModified: lastModified(stops, floor),
  };
}
