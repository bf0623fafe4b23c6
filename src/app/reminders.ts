import { getGuildSettings } from '../db/repositories/guildSettings.js';
import { getMemberPreferencesMany, type MemberPreferences } from '../db/repositories/memberPreferences.js';
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
import {
  decideDm,
  holdReminder,
  memberLanguage,
  type QuietHoursNote,
  quietHoursNote,
  type TimedDm,
} from './dmTiming.js';
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

/** A reminder's words, with why it comes now (quiet hours) or in the thread (the member's choice). */
type TimedReminderView = ReminderView & TimedDm;

/**
 * Sends one reminder of a trip ('reminder' job): a DM to each member going (and maybe, when the guild wants it),
 * and one thread message for those whose DMs are closed.
 *
 * Members' preferences (/preferences): `off` gets nothing; `thread` is mentioned in the thread (one message for all
 * who chose it) and gets no DM; `dm` in quiet hours is held (a per-member 'reminder-dm' job) to their end, or was
 * brought forward before they began (src/app/dmTimingPlanner.ts). A DM is in the member's chosen language.
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
  const preferences = await getMemberPreferencesMany(deps.db, trip.guildId, recipients);
  const view: ReminderView = {
    trip,
    language: guildLanguage(settings, port.guildLocale(trip.guildId)),
    timeZone: settings.timeZone,
    url: announcementLink(deps.markup, trip),
  };
  const nonce = `rem:${trip.id}:${job.offsetMinutes}`;
  const log = deps.logger.child({ guildId: trip.guildId, tripId: trip.id, offsetMinutes: job.offsetMinutes });

  let sent = 0;
  let held = 0;
  const choseThread: string[] = [];
  for (const userId of recipients) {
    if (delivered.has(userId)) continue;
    const choice = preferences.get(userId);
    if (choice?.reminders === 'off') continue;
    if (choice?.reminders === 'thread') {
      choseThread.push(userId);
      continue;
    }
    const decision = decideDm({
      now,
      dueAt: now,
      quietHours: choice?.quietHours ?? null,
      timeZone: settings.timeZone,
      stopStartsAt: trip.startsAt,
    });
    if (decision.kind === 'hold') {
      await holdReminder(deps.db, {
        guildId: trip.guildId,
        stopId: trip.id,
        offsetMinutes: job.offsetMinutes,
        userId,
        sendAt: decision.sendAt,
        note: decision.note,
      });
      held += 1;
      continue;
    }
    const channel = await remindByDm(deps, port, {
      userId,
      offsetMinutes: job.offsetMinutes,
      nonce,
      view: memberView(view, choice, decision.note),
    });
    delivered.set(userId, channel);
    if (channel === 'dm') sent += 1;
  }

  // Members reminded by an earlier attempt but not yet told in the thread are included: one message for all.
  const unreachable = recipients.filter((userId) => delivered.get(userId) === 'unreachable');
  const inThread =
    (await remindInThread(deps, port, {
      view,
      offsetMinutes: job.offsetMinutes,
      userIds: unreachable,
      nonce: 'remt',
    })) +
    (await remindInThread(deps, port, {
      view: { ...view, threadChosen: true },
      offsetMinutes: job.offsetMinutes,
      userIds: choseThread,
      nonce: 'remc',
    }));
  log.info({ recipients: recipients.length, dms: sent, held, inThread }, 'reminder sent');
  return { status: 'done' };
}

/**
 * One member's reminder held by their quiet hours ('reminder-dm' job): sent now unless the stop was cancelled or
 * has started, the member no longer comes, already got it, or no longer wants it by DM.
 */
export async function sendHeldReminder(
  deps: AppDeps,
  port: ReminderPort,
  job: ReminderJob & { userId: string; note: QuietHoursNote['kind'] },
): Promise<JobResult> {
  const now = deps.clock.now();
  const trip = await getStop(deps.db, job.guildId, job.tripId);
  if (!trip) return { status: 'skipped', reason: 'trip deleted' };
  if (trip.status === TRIP_STATUS.cancelled) return { status: 'skipped', reason: 'trip cancelled' };
  if (trip.startsAt.getTime() <= now.getTime()) return { status: 'skipped', reason: 'the meetup has started' };
  const settings = await getGuildSettings(deps.db, trip.guildId);
  const statuses: RsvpStatus[] = settings.remindMaybe ? ['going', 'maybe'] : ['going'];
  const coming = await listMembersByStatus(deps.db, trip.id, statuses);
  if (!coming.some((row) => row.userId === job.userId)) return { status: 'skipped', reason: 'no longer coming' };
  const deliveries = await listReminderDeliveries(deps.db, trip.id, job.offsetMinutes);
  if (deliveries.some((row) => row.userId === job.userId)) return { status: 'skipped', reason: 'already reminded' };
  const choice = (await getMemberPreferencesMany(deps.db, trip.guildId, [job.userId])).get(job.userId);
  if (choice?.reminders !== 'dm') return { status: 'skipped', reason: `reminders now ${choice?.reminders}` };
  const view: ReminderView = {
    trip,
    language: guildLanguage(settings, port.guildLocale(trip.guildId)),
    timeZone: settings.timeZone,
    url: announcementLink(deps.markup, trip),
  };
  const note = choice.quietHours ? quietHoursNote(job.note, choice.quietHours) : undefined;
  const channel = await remindByDm(deps, port, {
    userId: job.userId,
    offsetMinutes: job.offsetMinutes,
    // Its own DM channel: the member's id need not be in the nonce (25 characters at most).
    nonce: `remq:${trip.id}:${job.offsetMinutes}`,
    view: memberView(view, choice, note),
  });
  if (channel === 'unreachable') {
    // A shared thread: the nonce tells this member's message from another's.
    const nonce = `rq${job.userId.slice(-6)}`;
    await remindInThread(deps, port, { view, offsetMinutes: job.offsetMinutes, userIds: [job.userId], nonce });
  }
  return { status: 'done' };
}

function memberView(
  view: ReminderView,
  choice: MemberPreferences | undefined,
  note: QuietHoursNote | undefined,
): TimedReminderView {
  return { ...view, language: memberLanguage(choice, view.language), quietHoursNote: note };
}

/** One DM, recorded right after it happened ('unreachable' when the member's DMs are closed). */
async function remindByDm(
  deps: AppDeps,
  port: ReminderPort,
  input: { userId: string; offsetMinutes: number; nonce: string; view: TimedReminderView },
): Promise<ReminderChannel> {
  const result = await port.sendReminderDm({ userId: input.userId, nonce: input.nonce, view: input.view });
  const channel: ReminderChannel = result === 'sent' ? 'dm' : 'unreachable';
  await recordReminderDeliveries(deps.db, {
    stopId: input.view.trip.id,
    offsetMinutes: input.offsetMinutes,
    userIds: [input.userId],
    channel,
    now: deps.clock.now(),
  });
  return channel;
}

/** Mentions `userIds` in the announcement's thread (split to fit), recorded as 'thread'. Returns how many. */
async function remindInThread(
  deps: AppDeps,
  port: ReminderPort,
  input: { view: TimedReminderView; offsetMinutes: number; userIds: readonly string[]; nonce: string },
): Promise<number> {
  const { view, offsetMinutes, userIds: everyone } = input;
  const { trip } = view;
  if (everyone.length === 0) return 0;
  const log = deps.logger.child({ guildId: trip.guildId, tripId: trip.id, offsetMinutes });
  if (!trip.channelId || !trip.messageId) {
    log.info({ members: everyone.length }, 'no announcement to remind in its thread');
    return 0;
  }
  const settings = { timeZone: view.timeZone };
  // Split by length, each part with the reminder's words (src/discord/mentionSplit.ts).
  const groups = port.reminderGroups?.(view, everyone) ?? chunk(everyone, deps.markup.maxMentionsPerMessage);
  let reached = 0;
  for (const [index, userIds] of groups.entries()) {
    const base = `${input.nonce}:${trip.id}:${offsetMinutes}`;
    const posted = await port.postReminderInThread({
      view,
      threadName: t(view.language, 'notice.threadName', {
        town: trip.townName,
        date: shortDate(trip.startsAt, settings.timeZone, view.language),
      }).slice(0, 100),
      userIds,
      nonce: index === 0 ? base : `${base}:${index}`,
    });
    if (!posted) {
      log.warn({ members: userIds.length }, 'could not post the reminder in the announcement thread');
      break;
    }
    if (posted.threadId !== trip.threadId) {
      await recordTripThread(deps.db, trip.guildId, trip.tripId, posted.threadId);
      trip.threadId = posted.threadId;
    }
    await recordReminderDeliveries(deps.db, {
      stopId: trip.id,
      offsetMinutes,
      userIds,
      channel: 'thread',
      now: deps.clock.now(),
    });
    reached += userIds.length;
  }
  return reached;
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
