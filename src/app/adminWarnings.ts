import { claimAdminWarning, recordAdminWarning, releaseAdminWarning } from '../db/repositories/adminWarnings.js';
import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { type MessageKey, t } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import type { AdminWarningsPort } from './ports.js';

export type { AdminWarningDestination, AdminWarningsPort, WarnedGuild } from './ports.js';

/**
 * Warns the admins once per `subject`, whatever the process and however many times the occasion comes back (stored
 * in admin_warnings). Text in the guild's language. Never throws: the member's answer must not depend on it.
 */
export async function warnAdminsOnce(
  deps: AppDeps,
  port: AdminWarningsPort,
  input: { guildId: string; subject: string; key: MessageKey; params: Record<string, string | number> },
): Promise<'warned' | 'alreadyWarned' | 'unreachable'> {
  const log = deps.logger.child({ guildId: input.guildId, warning: input.subject });
  try {
    if (!(await claimAdminWarning(deps.db, input.guildId, input.subject))) return 'alreadyWarned';
    const settings = await getGuildSettings(deps.db, input.guildId);
    const destination = await port
      .warnAdmins(input.guildId, (guild) =>
        t(guildLanguage(settings, guild.preferredLocale), input.key, { ...input.params, guild: guild.name }),
      )
      .catch((error: unknown) => {
        log.warn({ err: error }, 'could not warn the admins');
        return null;
      });
    if (destination === null) {
      // Nobody could be told: the next occasion tries again.
      await releaseAdminWarning(deps.db, input.guildId, input.subject);
      log.warn('no way to warn the admins (no moderators channel, owner’s DMs closed)');
      return 'unreachable';
    }
    await recordAdminWarning(deps.db, {
      guildId: input.guildId,
      subject: input.subject,
      deliveredTo: destination,
      at: deps.clock.now(),
    });
    log.info({ destination }, 'admins warned');
    return 'warned';
  } catch (error) {
    log.warn({ err: error }, 'could not warn the admins');
    return 'unreachable';
  }
}
