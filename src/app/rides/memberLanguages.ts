import { getMemberPreferencesMany } from '../../db/repositories/memberPreferences.js';
import type { Language } from '../../i18n/index.js';
import type { AppDeps } from '../context.js';
import type { RidePort } from './port.js';

/**
 * The ride port with each member's /preferences language for what goes to them alone (the proposal DM to a driver,
 * the notices to riders and drivers): one read of the members' preferences per message. Members who chose `auto`
 * (or nothing) get the guild's language, as before; what is posted in a thread stays in the guild's.
 */
export function withMemberLanguages(deps: Pick<AppDeps, 'db'>, port: RidePort): RidePort {
  async function languagesOf(guildId: string, userIds: readonly string[]): Promise<Map<string, Language>> {
    const chosen = new Map<string, Language>();
    // The guild's language rather than no message: the port's notify never throws, nor does this.
    const preferences = await getMemberPreferencesMany(deps.db, guildId, userIds).catch(() => new Map());
    for (const [userId, choice] of preferences) {
      if (choice.language === 'fr' || choice.language === 'en') chosen.set(userId, choice.language);
    }
    return chosen;
  }
  return {
    ...port,
    async sendProposal(proposal) {
      const languages = await languagesOf(proposal.stop.guildId, [proposal.driverId]);
      return port.sendProposal({ ...proposal, driverLanguage: languages.get(proposal.driverId) ?? null });
    },
    async notify(input) {
      const languages = input.languages ?? (await languagesOf(input.stop.guildId, input.userIds));
      return port.notify({ ...input, languages });
    },
  };
}
