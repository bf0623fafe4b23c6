import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { listTowns, type TownRow } from '../db/repositories/towns.js';
import type { Language } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import { townsInOnboarding } from './onboarding.js';

/** A Discord select menu holds at most 25 options; the other towns are reached with /town join. */
export const WELCOME_MENU_LIMIT = 25;

/** Shown in the example command when the guild has no town yet. */
const FALLBACK_EXAMPLE_TOWN = 'Rimouski';

export interface WelcomePlan {
  guildId: string;
  memberId: string;
  /** Where to post: the welcome channel of /setup, else the guild's system channel; null: nowhere. */
  channelId: string | null;
  language: Language;
  /**
   * The towns of the menu (alphabetical, at most 25); none when the server's Discord onboarding asks for them
   * (src/app/onboarding.ts): the welcome then only explains.
   */
  offeredTowns: TownRow[];
  /** New members pick their towns in Discord's onboarding question. */
  townsInOnboarding: boolean;
  /** Towns that did not fit in the menu. */
  otherTownCount: number;
  /** A town of this guild for the example command. */
  exampleTown: string;
}

/** What to post when a member joins. Bots are not greeted: returns null for them. */
export async function planWelcome(
  deps: AppDeps,
  input: {
    guildId: string;
    memberId: string;
    isBot: boolean;
    systemChannelId: string | null;
    preferredLocale: string | null;
  },
): Promise<WelcomePlan | null> {
  if (input.isBot) return null;
  const [settings, towns] = await Promise.all([
    getGuildSettings(deps.db, input.guildId),
    listTowns(deps.db, input.guildId),
  ]);
  const inOnboarding = towns.length > 0 && townsInOnboarding(settings);
  const offeredTowns = inOnboarding ? [] : towns.slice(0, WELCOME_MENU_LIMIT);
  return {
    guildId: input.guildId,
    memberId: input.memberId,
    channelId: settings.welcomeChannelId ?? input.systemChannelId,
    language: guildLanguage(settings, input.preferredLocale),
    offeredTowns,
    townsInOnboarding: inOnboarding,
    otherTownCount: inOnboarding ? 0 : towns.length - offeredTowns.length,
    exampleTown: towns[0]?.name ?? FALLBACK_EXAMPLE_TOWN,
  };
}
