import { getGuildSettings } from '../db/repositories/guildSettings.js';
import {
  listReminderDeliveries,
  type ReminderChannel,
  recordReminderDeliveries,
} from '../db/repositories/reminderDeliveries.js';
import { listMembersByStatus, type RsvpStatus } from '../db/repositories/rsvps.js';
import { getStop, recordTripThread, TRIP_STATUS, type TripRow } from '../db/repositories/trips.js';
import { shortDate } from '../domain/whenFormat.js';
import { t } from '../i18n/index.js';
import { listJobs } from '../jobs/queue.js';
import type { AppDeps } from './context.js';
import { guildLanguage } from './guildLanguage.js';
import type { ReminderPort } from './ports.js';
import { announcementLink } from './tripQueries.js';
import type { ReminderView } from './views.js';

export type JobResult = { status: 'done' } | { status: 'skipped'; reason: string };

export interface ReminderJob {
  guildId: string;
  tripId: number;
  offsetMinutes: number;
}

/**
 * Sends one reminder of a trip ('reminder' job): a DM to each member going (and maybe, when the guild wants it),
 * and one thread message for those whose DMs are closed.
 *
 * Exactly once per member: each delivery is written to `reminder_deliveries` right after it happened, so a retried
 * job (crash, Discord error) only reaches those not reached yet; the nonce covers the gap between the send and the
 * write. A reminder is late when the bot was down at its time: it still goes out before the meetup starts, not after.
 */
export async function sendReminder(deps: AppDeps, port: ReminderPort, job: ReminderJob): Promise<JobResult> {
  const now = deps.clock.now();
  const trip = await getStop(deps.db, job.guildId, job.tripId);
  if (!trip) return { status: 'skipped', reason: 'trip deleted' };
  if (trip.status === TRIP_STATUS.cancelled) return { status: 'skipped', reason: 'trip cancelled' };
  if (trip.startsAt.getTime() <= now.getTime()) {
    return { status: 'skipped', reason: 'the meetup had already started when the reminder could run' };
  }
  const settings = await getGuildSettings(deps.db, trip.guildId);
  if (!settings.reminderOffsetsMinutes.includes(job.offsetMinutes)) {
    return { status: 'skipped', reason: `reminders ${job.offsetMinutes} min before are no longer configured` };
  }
  const superseding = await supersedingReminder(deps, trip, job.offsetMinutes, now);
  if (superseding !== null) {
    return { status: 'skipped', reason: `late; the reminder ${superseding} min before is due too and is sent instead` };
  }

  const statuses: RsvpStatus[] = settings.remindMaybe ? ['going', 'maybe'] : ['going'];
  const recipients = (await listMembersByStatus(deps.db, trip.id, statuses)).map((row) => row.userId);
  const delivered = new Map<string, ReminderChannel>(
    (await listReminderDeliveries(deps.db, trip.id, job.offsetMinutes)).map((row) => [
      row.userId,
      row.channel as ReminderChannel,
    ]),
  );
  const view: ReminderView = {
    trip,
    language: guildLanguage(settings, port.guildLocale(trip.guildId)),
    timeZone: settings.timeZone,
    url: announcementLink(deps.markup, trip),
  };
  const nonce = `rem:${trip.id}:${job.offsetMinutes}`;
  const log = deps.logger.child({ guildId: trip.guildId, tripId: trip.id, offsetMinutes: job.offsetMinutes });

  let sent = 0;
  for (const userId of recipients) {
    if (delivered.has(userId)) continue;
    const result = await port.sendReminderDm({ userId, nonce, view });
    const channel: ReminderChannel = result === 'sent' ? 'dm' : 'unreachable';
    await recordReminderDeliveries(deps.db, {
      stopId: trip.id,
      offsetMinutes: job.offsetMinutes,
      userIds: [userId],
      channel,
      now: deps.clock.now(),
    });
    delivered.set(userId, channel);
    if (result === 'sent') sent += 1;
  }

  // Members reminded by an earlier attempt but not yet told in the thread are included: one message for all.
  const unreachable = recipients.filter((userId) => delivered.get(userId) === 'unreachable');
  let inThread = 0;
  if (unreachable.length > 0) {
    if (!trip.channelId || !trip.messageId) {
      log.info({ unreachable: unreachable.length }, 'closed DMs and no announcement to fall back on');
    } else {
      // Split by length, each part with the reminder's words (src/discord/mentionSplit.ts).
      const groups = port.reminderGroups?.(view, unreachable) ?? chunk(unreachable, deps.markup.maxMentionsPerMessage);
      for (const [index, userIds] of groups.entries()) {
        const posted = await port.postReminderInThread({
          view,
          threadName: t(view.language, 'notice.threadName', {
            town: trip.townName,
            date: shortDate(trip.startsAt, settings.timeZone, view.language),
          }).slice(0, 100),
          userIds,
          nonce: index === 0 ? `remt:${trip.id}:${job.offsetMinutes}` : `remt:${trip.id}:${job.offsetMinutes}:${index}`,
        });
        if (!posted) {
          log.warn({ unreachable: userIds.length }, 'could not post the reminder in the announcement thread');
          break;
        }
        if (posted.threadId !== trip.threadId) {
          await recordTripThread(deps.db, trip.guildId, trip.tripId, posted.threadId);
          trip.threadId = posted.threadId;
        }
        await recordReminderDeliveries(deps.db, {
          stopId: trip.id,
          offsetMinutes: job.offsetMinutes,
          userIds,
          channel: 'thread',
          now: deps.clock.now(),
        });
        inThread += userIds.length;
      }
    }
  }
  log.info({ recipients: recipients.length, dms: sent, inThread }, 'reminder sent');
  return { status: 'done' };
}

/**
 * When the bot comes back after a reminder's time, a later (closer) reminder may be due as well: only the closest
 * one is sent, one message rather than two at once. Returns that reminder's offset, or null.
 */
async function supersedingReminder(
  deps: AppDeps,
  trip: TripRow,
  offsetMinutes: number,
  now: Date,
): Promise<number | null> {
  const jobs = await listJobs(deps.db, `reminder:${trip.id}:`);
  const closer = jobs
    .filter((job) => job.status === 'pending' || job.status === 'done')
    .map((job) => Number((job.payload as { offsetMinutes?: unknown }).offsetMinutes))
    .filter(
      (offset) =>
        Number.isInteger(offset) &&
        offset < offsetMinutes &&
        trip.startsAt.getTime() - offset * 60_000 <= now.getTime(),
    );
  return closer.length > 0 ? Math.min(...closer) : null;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
