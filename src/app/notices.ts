import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { recordTripThread, type TripRow } from '../db/repositories/trips.js';
import { describeWhen, shortDate } from '../domain/whenFormat.js';
import { type Language, type MessageKey, t } from '../i18n/index.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import type { TripPort } from './ports.js';
import { announcementLink } from './tripQueries.js';

/**
 * Telling members what happened to a trip they answered: the promoted (a DM, else the thread), and everyone
 * concerned by an edit or a cancellation (the thread). Public texts use the guild's language.
 */

/**
 * Tells members who got a seat from the waitlist: a direct message each, and for those whose DMs are closed one
 * message in the announcement's thread mentioning exactly them. Never throws: the answers are saved already, a
 * failed notice is logged.
 */
export async function notifyPromoted(
  deps: AppDeps,
  port: Pick<TripPort, 'sendDirectMessage' | 'postInThread' | 'guildLocale'>,
  input: {
    trip: TripRow;
    userIds: readonly string[];
    /** A member's own language for their DM (/preferences), else the guild's (src/app/dmTimingNotices.ts). */
    languageOf?: (userId: string, guildLanguage: Language) => Language;
    /** A last line of each DM: why it comes now (held by quiet hours). */
    dmNote?: MessageKey;
  },
): Promise<{ dmed: string[]; inThread: string[] }> {
  const { trip } = input;
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return { dmed: [], inThread: [] };
  const log = deps.logger.child({ guildId: trip.guildId, tripId: trip.id });
  try {
    const settings = await getGuildSettings(deps.db, trip.guildId);
    const language = guildLanguage(settings, port.guildLocale(trip.guildId));
    const params = {
      id: trip.tripId,
      town: trip.townName,
      when: describeWhen(trip.startsAt, settings.timeZone, language),
      link: announcementLink(deps.markup, trip) ?? '',
    };
    const dmTextIn = (dmLanguage: Language) => {
      const text = t(dmLanguage, 'notice.promotedDm', {
        ...params,
        when: describeWhen(trip.startsAt, settings.timeZone, dmLanguage),
      }).trim();
      return input.dmNote ? `${text}\n\n${t(dmLanguage, input.dmNote)}` : text;
    };
    const dmed: string[] = [];
    const unreachable: string[] = [];
    for (const userId of userIds) {
      const content = dmTextIn(input.languageOf?.(userId, language) ?? language);
      const delivered = await port.sendDirectMessage({ userId, content }).catch((error: unknown) => {
        log.warn({ err: error, userId }, 'could not DM a promoted member');
        return false;
      });
      (delivered ? dmed : unreachable).push(userId);
    }
    if (unreachable.length === 0) return { dmed, inThread: [] };
    const { told } = await postNotice(deps, port, {
      trip,
      language,
      timeZone: settings.timeZone,
      userIds: unreachable,
      text: (mentions) => t(language, 'notice.promoted', { ...params, mentions }),
    });
    return { dmed, inThread: told };
  } catch (error) {
    log.warn({ err: error }, 'could not tell promoted members');
    return { dmed: [], inThread: [] };
  }
}

/**
 * One notice in the announcement's thread (created on first use) mentioning exactly `userIds`; the Discord side
 * splits it when the mentions do not fit one message (`Markup.mentionMessages`). Stores the thread id. Returns it
 * (null when the thread could not be opened, logged) and the members really told: those mentioned in the parts
 * that were posted, not those meant to be.
 */
export async function postNotice(
  deps: AppDeps,
  port: Pick<TripPort, 'postInThread'>,
  input: {
    trip: TripRow;
    language: Language;
    timeZone: string;
    userIds: readonly string[];
    text: (mentions: string) => string;
  },
): Promise<{ threadId: string | null; told: string[] }> {
  const { trip } = input;
  if (!trip.channelId || !trip.messageId) return { threadId: null, told: [] };
  const messages = deps.markup.mentionMessages(input.userIds, input.text);
  try {
    const { threadId, posted } = await port.postInThread({
      guildId: trip.guildId,
      channelId: trip.channelId,
      messageId: trip.messageId,
      threadId: trip.threadId,
      threadName: t(input.language, 'notice.threadName', {
        town: trip.townName,
        date: shortDate(trip.startsAt, input.timeZone, input.language),
      }).slice(0, 100),
      messages,
    });
    if (threadId !== trip.threadId) await recordTripThread(deps.db, trip.guildId, trip.tripId, threadId);
    return { threadId, told: messages.slice(0, posted).flatMap((message) => message.mentionUserIds) };
  } catch (error) {
    deps.logger.warn({ err: error, guildId: trip.guildId, tripId: trip.id }, 'could not post in the thread');
    return { threadId: null, told: [] };
  }
}
