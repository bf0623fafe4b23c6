import type { TripRow } from '../db/repositories/trips.js';
import type { Language } from '../i18n/index.js';

/**
 * The Discord side of the host's heads-up (src/app/headsUp.ts), implemented in src/discord/headsUpPort.ts. Its own
 * file, importing nothing of the app, so that ports.ts can list it without a cycle.
 */

/** What the heads-up DM and the widening reply say. */
export interface HeadsUpView {
  stop: TripRow;
  language: Language;
  timeZone: string;
  /** Link to the announcement. */
  url: string | null;
  /** The nearby towns the button would tell (empty: no button). */
  nearbyTownNames: string[];
}

export interface HeadsUpPort {
  guildLocale(guildId: string): string | null;
  /** The DM to the host (nonce + enforce_nonce: safe to repeat); 'refused' when their DMs are closed. */
  sendHeadsUpDm(input: { userId: string; nonce: string; view: HeadsUpView }): Promise<'sent' | 'refused'>;
  /** One reply to the announcement pinging exactly `roleIds`; null when the bot cannot post there. */
  postWidenPing(input: {
    channelId: string;
    messageId: string;
    roleIds: readonly string[];
    view: HeadsUpView;
  }): Promise<{ messageId: string } | null>;
}
