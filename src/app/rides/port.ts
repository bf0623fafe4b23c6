import type { Language } from '../../i18n/index.js';

/**
 * The Discord side effects of rides, implemented with discord.js in src/discord/ridePort.ts. The use cases hand ids
 * and facts; every text is rendered there from the i18n catalog: what goes to one member privately in the language they
 * chose with /preferences (see withMemberLanguages), else, like what is posted in a thread, in the guild's language
 * (these are not answers to an interaction, so the member's own Discord locale is unknown).
 */

/** A stop as the ride messages name it: "#12 · Matane", its time, where its announcement is. */
export interface RideStopView {
  guildId: string;
  /** The language chosen in /setup; null: the guild's preferred locale decides (see guildLanguage). */
  chosenLanguage: Language | null;
  stopId: number;
  tripId: number;
  townName: string;
  startsAt: Date;
  /** The trips channel of the announcement: the rides' private threads are opened there. */
  channelId: string | null;
  messageId: string | null;
  /** The announcement's public thread (the fallback for a driver whose DMs are closed). */
  threadId: string | null;
}

export interface RideProposalView {
  stop: RideStopView;
  matchId: number;
  driverId: string;
  riderId: string;
  riderFrom: string;
  detourMinutes: number;
  /** The driver's /preferences language for a DM; absent or null: the guild's. */
  driverLanguage?: Language | null;
  /** Held through the driver's quiet hours (src/app/dmTimingNotices.ts): the DM says it waited. */
  waitedForQuietHours?: boolean;
}

export interface RidePartyView {
  stop: RideStopView;
  driverId: string;
  driverFrom: string;
  leavingAt: Date | null;
  /** Accepted riders, in pick-up order. */
  riders: { userId: string; from: string }[];
  /** Pick-up towns in route order (the driver's town first when a rider lives there). */
  pickups: string[];
}

/** What a member is told about their ride, privately. */
export type RideNotice =
  | { kind: 'accepted'; driverId: string; from: string; threadId: string | null }
  | { kind: 'declined' }
  | { kind: 'matchedLater'; driverId: string; from: string }
  | { kind: 'driverCancelled'; driverId: string }
  | { kind: 'riderCancelled'; riderId: string }
  | { kind: 'stopCancelled' }
  | { kind: 'stopMoved'; startsAt: Date };

export interface RidePort {
  /**
   * Sends the proposal with Accept / Decline buttons to the driver by DM; when their DMs are closed, in the trip's
   * thread mentioning only the driver. Returns where it went; null when neither worked.
   */
  sendProposal(proposal: RideProposalView): Promise<{ channelId: string; messageId: string } | null>;
  /** Removes the buttons of a proposal that no longer applies (the need or the offer was withdrawn). Never throws. */
  closeProposal(input: { channelId: string; messageId: string }): Promise<void>;
  /** Tells members privately (DM; the trip's thread mentioning exactly them when DMs are closed). Never throws. */
  notify(input: {
    stop: RideStopView;
    userIds: readonly string[];
    notice: RideNotice;
    /** Each member's /preferences language for their DM (absent: the guild's). */
    languages?: ReadonlyMap<string, Language>;
  }): Promise<void>;
  /**
   * A private thread in the trips channel with exactly the driver and the riders, or, when the bot may not create
   * private threads, a DM to each naming the others. Returns the thread id, or null (DMs sent instead).
   */
  openPartyThread(party: RidePartyView): Promise<string | null>;
  /** Adds a newly accepted rider to the party's thread and says so there; false when the thread is gone. */
  joinPartyThread(input: { threadId: string; party: RidePartyView; riderId: string }): Promise<boolean>;
  /** Posts in the party's thread (stop cancelled or moved); false when the thread is gone. */
  postInPartyThread(input: { threadId: string; stop: RideStopView; notice: RideNotice }): Promise<boolean>;
}
