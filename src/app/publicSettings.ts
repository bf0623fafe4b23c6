import { getGuildSettings, updateGuildSettings } from '../db/repositories/guildSettings.js';
import { isSlugTaken } from '../db/repositories/publicPages.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { type FeedIssue, feedUrl, issueFeedToken } from './feeds.js';
import { isValidSlug, slugFromName, townSlug } from './publicPage.js';

/**
 * `/setup public_page public_slug public_names invite` and `/trip feed`: the use cases behind the web side's
 * commands. Bad input changes nothing and says why.
 */
export interface PublicPageChanges {
  publicPage?: boolean | undefined;
  publicSlug?: string | undefined;
  publicNames?: boolean | undefined;
  /** A Discord invite URL, or "none"/"aucun"/"" to remove it. */
  invite?: string | undefined;
}

export interface PublicPageStatus {
  enabled: boolean;
  slug: string | null;
  /** PUBLIC_URL/c/<slug>, when PUBLIC_URL is set and a slug exists. */
  url: string | null;
  showNames: boolean;
  invite: string | null;
  changed: (keyof PublicPageChanges)[];
}

const INVITE = /^https:\/\/(discord\.gg|(www\.)?discord\.com\/invite)\/[A-Za-z0-9-]{2,32}$/;
const NO_INVITE = new Set(['', 'none', 'aucun', 'aucune', '-']);

export function hasPublicPageChanges(changes: PublicPageChanges): boolean {
  return Object.values(changes).some((value) => value !== undefined);
}

export async function changePublicPage(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: { guildId: string; guildName: string; changes: PublicPageChanges },
): Promise<PublicPageStatus> {
  const { changes } = input;
  const current = await getGuildSettings(deps.db, input.guildId);
  if (changes.publicPage === true && !deps.config.publicUrl) throw new UserFacingError('web.setup.needsPublicUrl');

  const patch: { publicPage?: boolean; publicSlug?: string; publicNames?: boolean; inviteUrl?: string | null } = {};
  if (changes.publicSlug !== undefined) {
    const slug = townSlug(changes.publicSlug);
    if (!isValidSlug(slug)) throw new UserFacingError('web.setup.badSlug', { slug: changes.publicSlug.slice(0, 50) });
    if (await isSlugTaken(deps.db, slug, input.guildId)) throw new UserFacingError('web.setup.slugTaken', { slug });
    patch.publicSlug = slug;
  }
  if (changes.invite !== undefined) {
    const invite = changes.invite.trim();
    if (NO_INVITE.has(invite.toLowerCase())) patch.inviteUrl = null;
    else if (INVITE.test(invite)) patch.inviteUrl = invite;
    else throw new UserFacingError('web.setup.badInvite');
  }
  if (changes.publicNames !== undefined) patch.publicNames = changes.publicNames;
  if (changes.publicPage !== undefined) patch.publicPage = changes.publicPage;
  // Turning the page on for the first time: a slug from the server's name, made unique with a number.
  if (patch.publicPage === true && !patch.publicSlug && !current.publicSlug) {
    const base = slugFromName(input.guildName);
    let candidate = base;
    for (let suffix = 2; await isSlugTaken(deps.db, candidate, input.guildId); suffix += 1) {
      candidate = `${base.slice(0, 36)}-${suffix}`;
    }
    patch.publicSlug = candidate;
  }

  let saved = current;
  if (Object.keys(patch).length > 0) {
    try {
      saved = await updateGuildSettings(deps.db, input.guildId, patch, deps.clock.now());
    } catch (error) {
      // Two servers taking one slug at the same moment: the unique index decides.
      if (patch.publicSlug && /unique|duplicate/i.test(String((error as Error).message ?? error))) {
        throw new UserFacingError('web.setup.slugTaken', { slug: patch.publicSlug });
      }
      throw error;
    }
  }
  return {
    enabled: saved.publicPage,
    slug: saved.publicSlug,
    url: deps.config.publicUrl && saved.publicSlug ? `${deps.config.publicUrl}/c/${saved.publicSlug}` : null,
    showNames: saved.publicNames,
    invite: saved.inviteUrl,
    changed: (Object.keys(changes) as (keyof PublicPageChanges)[]).filter((key) => changes[key] !== undefined),
  };
}

export type FeedRequest = { kind: 'created'; url: string } | Extract<FeedIssue, { kind: 'exists' }>;

/** `/trip feed [reset]`: works whether or not the public page is on; needs PUBLIC_URL to make a URL at all. */
export async function requestFeed(
  deps: Pick<AppDeps, 'db' | 'clock' | 'config'>,
  input: { guildId: string; userId: string; reset: boolean },
): Promise<FeedRequest> {
  const publicUrl = deps.config.publicUrl;
  if (!publicUrl) throw new UserFacingError('web.feed.needsPublicUrl');
  const issued = await issueFeedToken(deps, input);
  return issued.kind === 'created' ? { kind: 'created', url: feedUrl(publicUrl, issued.token) } : issued;
}
