import { type Client, PermissionFlagsBits, Routes } from 'discord.js';
import { OnboardingError, type OnboardingPort } from '../app/ports.js';
import type { Logger } from '../logger.js';
import { DISCORD_ERROR, discordCode } from './discordErrors.js';

const AUDIT_REASON = 'Escale: towns question of the onboarding';
/** Discord's maximum of onboarding questions per server. */
const MAX_PROMPTS = 15;
/** Invalid form body: a role gone, a limit crossed. */
const INVALID_FORM_BODY = 50_035;

type RawOption = Record<string, unknown> & { emoji?: { id?: string | null; name?: string | null; animated?: boolean } };
type RawPrompt = Record<string, unknown> & { id?: string; options?: RawOption[] };
interface RawOnboarding {
  prompts?: RawPrompt[];
  default_channel_ids?: string[];
  enabled?: boolean;
  mode?: number;
}

/**
 * An option as read, ready to be written back: Discord reads an option's emoji from `emoji_id`/`emoji_name`/
 * `emoji_animated` on PUT while GET returns an `emoji` object; both are sent so the server's own questions keep theirs.
 */
function writable(option: RawOption): RawOption {
  if (!option.emoji) return option;
  return {
    ...option,
    emoji_id: option.emoji.id ?? undefined,
    emoji_name: option.emoji.name ?? undefined,
    emoji_animated: option.emoji.animated ?? undefined,
  };
}

/** The server's native Onboarding through raw REST (every field of the other questions sent back as read). */
export function createOnboardingPort(deps: { client: Client; logger: Logger }): OnboardingPort {
  const { client, logger } = deps;
  return {
    guildLocale(guildId) {
      return client.guilds.cache.get(guildId)?.preferredLocale ?? null;
    },

    async missingPermissions(guildId) {
      const guild = client.guilds.cache.get(guildId);
      const me = guild ? (guild.members.me ?? (await guild.members.fetchMe().catch(() => null))) : null;
      if (!me) return ['manageGuild', 'manageRoles'];
      const missing: ('manageGuild' | 'manageRoles')[] = [];
      if (!me.permissions.has(PermissionFlagsBits.ManageGuild)) missing.push('manageGuild');
      if (!me.permissions.has(PermissionFlagsBits.ManageRoles)) missing.push('manageRoles');
      return missing;
    },

    async writeQuestion(guildId, promptId, question) {
      try {
        const current = (await client.rest.get(Routes.guildOnboarding(guildId))) as RawOnboarding;
        const prompts = current.prompts ?? [];
        const others = prompts
          .filter((prompt) => !promptId || prompt.id !== promptId)
          .map((prompt) => ({ ...prompt, options: (prompt.options ?? []).map(writable) }));
        if (!question) {
          if (others.length === prompts.length) return null;
        } else if (others.length >= MAX_PROMPTS) {
          throw new OnboardingError('tooManyQuestions');
        }
        const ours = question
          ? {
              ...(promptId && prompts.some((prompt) => prompt.id === promptId) ? { id: promptId } : {}),
              type: 0,
              title: question.title,
              single_select: false,
              required: false,
              in_onboarding: true,
              options: question.options.map((option) => ({ title: option.title, role_ids: option.roleIds })),
            }
          : null;
        // Ours keeps its place among the questions; a new one goes last.
        const index = promptId ? prompts.findIndex((prompt) => prompt.id === promptId) : -1;
        const next: RawPrompt[] = [...others];
        if (ours) next.splice(index >= 0 ? index : next.length, 0, ours);
        const written = (await client.rest.put(Routes.guildOnboarding(guildId), {
          body: {
            prompts: next,
            default_channel_ids: current.default_channel_ids ?? [],
            enabled: current.enabled ?? false,
            mode: current.mode ?? 0,
          },
          reason: AUDIT_REASON,
        })) as RawOnboarding;
        if (!ours) return null;
        // Discord assigns the id of a new question: ours is the one at our place with our title.
        const saved = written.prompts?.[index >= 0 ? index : next.length - 1];
        return typeof saved?.id === 'string' ? saved.id : null;
      } catch (error) {
        if (error instanceof OnboardingError) throw error;
        const code = discordCode(error);
        if (code === DISCORD_ERROR.missingPermissions || code === DISCORD_ERROR.missingAccess) {
          throw new OnboardingError('missingPermissions');
        }
        if (code === INVALID_FORM_BODY) {
          logger.warn({ err: error, guildId }, 'Discord refused the onboarding question');
          throw new OnboardingError('rejected');
        }
        throw error;
      }
    },
  };
}
