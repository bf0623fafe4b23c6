import { releaseAdminWarning } from '../db/repositories/adminWarnings.js';
import { getGuildSettings, updateGuildSettings } from '../db/repositories/guildSettings.js';
import { listTowns, type TownRow } from '../db/repositories/towns.js';
import { type Language, t } from '../i18n/index.js';
import { type AdminWarningsPort, warnAdminsOnce } from './adminWarnings.js';
import type { AppDeps } from './context.js';
import { UserFacingError } from './errors.js';
import { guildLanguage } from './guildLanguage.js';
import { OnboardingError, type OnboardingPort, type OnboardingProblem, type OnboardingQuestion } from './ports.js';

/**
 * Escale's question in the server's native Onboarding (`/setup onboarding:true`): "Which towns are you near?",
 * multiple choice, not required, one option per town granting its role. Kept in sync when towns are added, removed
 * or a preset applied (src/app/towns/admin.ts calls syncOnboarding); the server's other questions are never touched
 * (the port reads every question, replaces ours by its stored id, writes them back).
 */

/** Discord's limits on an onboarding question (the emulator enforces the same, src/emulator/onboarding.ts). */
export const ONBOARDING_LIMITS = {
  optionsPerQuestion: 50,
  questionTitle: 100,
  optionTitle: 50,
  questions: 15,
} as const;

/** Why the last sync failed, as stored in guild_settings.onboarding_problem and shown by /setup. */
export type OnboardingSyncProblem = OnboardingProblem | 'tooManyTowns';

const SYNC_PROBLEMS: readonly OnboardingSyncProblem[] = [
  'missingPermissions',
  'tooManyQuestions',
  'rejected',
  'tooManyTowns',
];
/** The admin warning of a failed sync is sent once per problem, until a sync works again. */
const warningSubject = (problem: OnboardingSyncProblem) => `onboarding-sync:${problem}`;

/** The question for these towns, in the server's language; town names cut to Discord's 50 characters. */
export function townsQuestion(towns: readonly TownRow[], language: Language): OnboardingQuestion {
  return {
    title: t(language, 'onboarding.question').slice(0, ONBOARDING_LIMITS.questionTitle),
    options: towns.map((town) => ({
      title:
        town.name.length > ONBOARDING_LIMITS.optionTitle
          ? `${town.name.slice(0, ONBOARDING_LIMITS.optionTitle - 1)}…`
          : town.name,
      roleIds: [town.roleId],
    })),
  };
}

/**
 * `/setup onboarding:true|false`. On: the bot needs Manage Server and Manage Roles, the region at most 50 towns;
 * otherwise a clear error and nothing changes. With no town yet, the question waits for the first one (Discord
 * refuses a question without options). Off: the question is removed, the server's others stay.
 */
export async function setOnboarding(
  deps: AppDeps,
  port: OnboardingPort,
  input: { guildId: string; enabled: boolean; preferredLocale: string | null },
): Promise<void> {
  const { guildId } = input;
  const settings = await getGuildSettings(deps.db, guildId);
  const missing = await port.missingPermissions(guildId);
  if (missing.length > 0 && (input.enabled || settings.onboardingPromptId)) {
    throw new UserFacingError('onboarding.error.botNeedsPermissions');
  }
  let promptId: string | null = null;
  if (input.enabled) {
    const towns = await listTowns(deps.db, guildId);
    if (towns.length > ONBOARDING_LIMITS.optionsPerQuestion) {
      throw new UserFacingError('onboarding.error.tooManyTowns', {
        count: towns.length,
        max: ONBOARDING_LIMITS.optionsPerQuestion,
      });
    }
    const question = towns.length > 0 ? townsQuestion(towns, guildLanguage(settings, input.preferredLocale)) : null;
    promptId = await write(port, guildId, settings.onboardingPromptId, question);
  } else if (settings.onboardingPromptId) {
    await write(port, guildId, settings.onboardingPromptId, null);
  }
  await deps.db.transaction((tx) =>
    updateGuildSettings(
      tx,
      guildId,
      { onboarding: input.enabled, onboardingPromptId: promptId, onboardingProblem: null },
      deps.clock.now(),
    ),
  );
  deps.logger.info({ guildId, enabled: input.enabled, promptId }, 'onboarding question set');
}

async function write(
  port: OnboardingPort,
  guildId: string,
  promptId: string | null,
  question: OnboardingQuestion | null,
): Promise<string | null> {
  try {
    return await port.writeQuestion(guildId, promptId, question);
  } catch (error) {
    if (!(error instanceof OnboardingError)) throw error;
    switch (error.problem) {
      case 'missingPermissions':
        throw new UserFacingError('onboarding.error.botNeedsPermissions');
      case 'tooManyQuestions':
        throw new UserFacingError('onboarding.error.tooManyQuestions', { max: ONBOARDING_LIMITS.questions });
      case 'rejected':
        throw new UserFacingError('onboarding.error.rejected');
    }
  }
}

/**
 * After the towns changed: rewrites the question when the server turned onboarding on. Never throws at the member
 * who changed a town: a failure (permission removed since, too many towns) is logged, stored (/setup shows it among
 * its warnings until a later sync works) and told to the admins once by the usual path (src/app/adminWarnings.ts).
 */
export async function syncOnboarding(
  deps: AppDeps,
  port: OnboardingPort | undefined,
  guildId: string,
  adminWarnings?: AdminWarningsPort,
): Promise<void> {
  if (!port) return;
  try {
    const settings = await getGuildSettings(deps.db, guildId);
    if (!settings.onboarding) return;
    const towns = await listTowns(deps.db, guildId);
    let problem: OnboardingSyncProblem | null = null;
    let promptId = settings.onboardingPromptId;
    if (towns.length > ONBOARDING_LIMITS.optionsPerQuestion) {
      problem = 'tooManyTowns';
    } else {
      const question =
        towns.length > 0 ? townsQuestion(towns, guildLanguage(settings, port.guildLocale(guildId))) : null;
      try {
        promptId = await port.writeQuestion(guildId, settings.onboardingPromptId, question);
      } catch (error) {
        if (!(error instanceof OnboardingError)) throw error;
        problem = error.problem;
      }
    }
    await deps.db.transaction((tx) =>
      updateGuildSettings(tx, guildId, { onboardingPromptId: promptId, onboardingProblem: problem }, deps.clock.now()),
    );
    if (!problem) {
      if (settings.onboardingProblem) {
        for (const known of SYNC_PROBLEMS) await releaseAdminWarning(deps.db, guildId, warningSubject(known));
      }
      return;
    }
    deps.logger.warn({ guildId, problem, towns: towns.length }, 'onboarding question out of sync');
    if (adminWarnings) {
      await warnAdminsOnce(deps, adminWarnings, {
        guildId,
        subject: warningSubject(problem),
        key: `onboarding.warning.${problem}`,
        params: {
          count: towns.length,
          max: problem === 'tooManyQuestions' ? ONBOARDING_LIMITS.questions : ONBOARDING_LIMITS.optionsPerQuestion,
        },
      });
    }
  } catch (error) {
    deps.logger.warn({ err: error, guildId }, 'onboarding sync failed');
  }
}

/** Whether new members pick their towns in Discord's onboarding (so the welcome leaves its menu out). */
export function townsInOnboarding(settings: {
  onboarding: boolean;
  onboardingPromptId: string | null;
  onboardingProblem: string | null;
}): boolean {
  return settings.onboarding && settings.onboardingPromptId !== null && settings.onboardingProblem === null;
}
