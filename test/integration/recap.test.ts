import { describe, expect, it } from 'vitest';
import { listHistoryPage, recordAttendance } from '../../src/app/attendance.js';
import { UserFacingError } from '../../src/app/errors.js';
import { AnnouncementGoneError, type RecapPort } from '../../src/app/ports.js';
import { postRecap, setHostNotes } from '../../src/app/recap.js';
import type { RecapView } from '../../src/app/views.js';
import { saveRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTown } from '../../src/db/repositories/towns.js';
import { getStop, insertTrip, type TripRow } from '../../src/db/repositories/trips.js';
import type { ManualClock } from '../../src/domain/clock.js';
import type { Language } from '../../src/i18n/index.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';

const GUILD = '100000000000000001';
const HOST = '300000000000000001';
const ALICE = '300000000000000002';
const BOB = '300000000000000003';
const ROLE = '200000000000000001';
const STARTS = new Date('2026-12-04T17:00:00Z');
/** End (90 min) plus the default recap delay (30 min). */
const DUE = new Date('2026-12-04T19:00:00Z');
const DAY = 86_400_000;

/**
 * Discord for the recap, with what Discord guarantees: one thread per message, with the message's id. `crashAfter`
 * makes a step throw after taking effect, like a process dying before it hears back.
 */
class FakeRecapPort implements RecapPort {
  readonly threads = new Map<string, { name: string }>();
  readonly messages: { id: string; threadId: string; nonce: string; view: RecapView; notes: string | null }[] = [];
  readonly calls: string[] = [];
  crashAfter: 'openThread' | 'postRecapMessage' | null = null;
  members: { total: number; among: number } | null | 'error' = { total: 5, among: 2 };
  announcementGone = false;
  private nextId = 700_000_000_000_000_000n;

  guildLocale() {
    return 'fr';
  }

  async countMembers(_guildId: string, roleId: string | null, among: readonly string[]) {
    this.calls.push(`countMembers:${roleId}:${among.length}`);
    if (this.members === 'error') throw new Error('HTTP 500');
    return this.members;
  }

  async openThread(input: { channelId: string; messageId: string; threadId: string | null; name: string }) {
    this.calls.push(`openThread:${input.threadId}`);
    if (this.announcementGone) throw new AnnouncementGoneError();
    this.threads.set(input.messageId, { name: input.name });
    this.crash('openThread');
    return input.messageId;
  }

  async findRecapMessage(input: { threadId: string; tripId: number; since: Date }) {
    this.calls.push('findRecapMessage');
    return this.messages.find((message) => message.threadId === input.threadId)?.id ?? null;
  }

  async postRecapMessage(input: { threadId: string; nonce: string; view: RecapView }) {
    this.calls.push('postRecapMessage');
    this.nextId += 1n;
    const id = String(this.nextId);
    this.messages.push({ id, ...input, notes: input.view.trip.recapNotes });
    this.crash('postRecapMessage');
    return id;
  }

  async editRecapNotes(input: { threadId: string; messageId: string; notes: string | null; language: Language }) {
    const message = this.messages.find((candidate) => candidate.id === input.messageId);
    if (message) message.notes = input.notes;
  }

  private crash(step: 'openThread' | 'postRecapMessage') {
    if (this.crashAfter === step) {
      this.crashAfter = null;
      throw new Error(`died after ${step}`);
    }
  }
}

describe.each(testDatabaseKinds())('the recap on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup(options: { now?: Date; trip?: Partial<TripRow> } = {}) {
    const deps = testAppDeps(database, options.now ?? new Date(DUE.getTime() + 60_000));
    const town = await insertTown(deps.db, {
      guildId: GUILD,
      name: 'Rimouski',
      normalizedName: 'rimouski',
      roleId: ROLE,
      latitude: 48.45,
      longitude: -68.53,
    });
    const trip = await insertTrip(deps.db, {
      guildId: GUILD,
      hostId: HOST,
      townId: town?.id ?? null,
      townName: 'Rimouski',
      startsAt: STARTS,
      durationMinutes: 90,
      venue: 'Café du Port',
      topic: 'IA et PME',
      status: 'scheduled',
      channelId: '110000000000000001',
      messageId: '120000000000000001',
      createdAt: new Date('2026-11-25T15:00:00Z'),
      updatedAt: new Date('2026-11-25T15:00:00Z'),
      ...options.trip,
    });
    await saveRsvps(deps.db, [
      {
        stopId: trip.id,
        userId: HOST,
        status: 'going',
        guests: 0,
        respondedAt: new Date(STARTS.getTime() - 9 * DAY),
        waitlistedAt: null,
      },
      {
        stopId: trip.id,
        userId: ALICE,
        status: 'going',
        guests: 1,
        respondedAt: new Date(STARTS.getTime() - 8 * DAY),
        waitlistedAt: null,
      },
      {
        stopId: trip.id,
        userId: BOB,
        status: 'maybe',
        guests: 0,
        respondedAt: new Date(STARTS.getTime() - 7 * DAY),
        waitlistedAt: null,
      },
    ]);
    const port = new FakeRecapPort();
    const run = () => postRecap(deps, port, { guildId: GUILD, tripId: trip.id, dueAt: DUE });
    return { deps, trip, port, run, clock: deps.clock as ManualClock };
  }

  it('GIVEN a meetup that ended WHEN the recap runs THEN one thread and one message, with those going, the counts and the stored ids', async () => {
    const { deps, trip, port, run } = await setup();
    expect(await run()).toEqual({ status: 'done' });
    expect(port.threads.get(trip.messageId ?? '')?.name).toBe('Récap · Rimouski · 4 déc.');
    const [message] = port.messages;
    expect(message?.nonce).toBe(`recap:${trip.id}`);
    expect(message?.view.recap.mentionUserIds).toEqual([HOST, ALICE]);
    expect([message?.view.recap.attendees, message?.view.recap.guests, message?.view.recap.members]).toEqual([2, 1, 5]);
    expect([message?.view.scope, message?.view.localAttendees, message?.view.language]).toEqual(['town', 2, 'fr']);
    expect(port.calls[0]).toBe(`countMembers:${ROLE}:2`);
    const stored = await getStop(deps.db, GUILD, trip.id);
    expect([stored?.threadId, stored?.recapMessageId]).toEqual([trip.messageId, message?.id]);
    expect(await run()).toEqual({ status: 'done' });
    expect(port.messages).toHaveLength(1);
  });

  it('GIVEN the process dies after opening the thread WHEN the job is retried THEN the stored thread is reused and one message is posted', async () => {
    const { port, run } = await setup();
    port.crashAfter = 'openThread';
    await expect(run()).rejects.toThrow('died after openThread');
    expect(await run()).toEqual({ status: 'done' });
    expect(port.calls.filter((call) => call.startsWith('openThread'))).toEqual(['openThread:null', 'openThread:null']);
    expect(port.messages).toHaveLength(1);
  });

  it('GIVEN the process dies after posting the message WHEN the job is retried THEN the message is found in the thread, not posted again', async () => {
    const { deps, trip, port, run } = await setup();
    port.crashAfter = 'postRecapMessage';
    await expect(run()).rejects.toThrow('died after postRecapMessage');
    expect((await getStop(deps.db, GUILD, trip.id))?.threadId).toBe(trip.messageId);
    expect(await run()).toEqual({ status: 'done' });
    expect(port.calls.at(-2)).toBe(`openThread:${trip.messageId}`);
    expect(port.calls.filter((call) => call === 'postRecapMessage')).toHaveLength(1);
    expect((await getStop(deps.db, GUILD, trip.id))?.recapMessageId).toBe(port.messages[0]?.id);
  });

  it('GIVEN the members cannot be counted WHEN the recap runs THEN it is still posted, without M', async () => {
    const { port, run } = await setup();
    port.members = 'error';
    expect(await run()).toEqual({ status: 'done' });
    expect(port.messages[0]?.view.membersKnown).toBe(false);
  });

  it('GIVEN a region-wide meetup WHEN the recap runs THEN M is the whole server', async () => {
    const { port, run } = await setup({ trip: { reach: 'region' } });
    await run();
    expect(port.calls[0]).toBe('countMembers:null:2');
    expect(port.messages[0]?.view.scope).toBe('region');
  });

  it('GIVEN a cancelled trip, a recap 8 days late, a trip never announced, a deleted announcement WHEN the recap runs THEN it is skipped and nothing is posted', async () => {
    const cancelled = await setup({ trip: { status: 'cancelled' } });
    expect(await cancelled.run()).toEqual({ status: 'skipped', reason: 'trip cancelled' });
    const late = await setup({ now: new Date(DUE.getTime() + 8 * DAY) });
    expect(await late.run()).toEqual({ status: 'skipped', reason: 'recap more than 7 days late' });
    const inTime = await setup({ now: new Date(DUE.getTime() + 7 * DAY - 60_000) });
    expect(await inTime.run()).toEqual({ status: 'done' });
    const unannounced = await setup({ trip: { messageId: null } });
    expect(await unannounced.run()).toEqual({ status: 'skipped', reason: 'the trip has no announcement' });
    const gone = await setup();
    gone.port.announcementGone = true;
    expect(await gone.run()).toEqual({ status: 'skipped', reason: 'the announcement was deleted' });
    for (const { port } of [cancelled, late, unannounced, gone]) expect(port.messages).toHaveLength(0);
  });

  it('GIVEN host notes before and after the recap WHEN set THEN they wait for the recap, then edit it; "-" removes them; another member is refused', async () => {
    const { deps, trip, port, run, clock } = await setup({ now: new Date(STARTS.getTime() + 30 * 60_000) });
    const notes = (userId: string, text: string) =>
      setHostNotes(deps, port, { guildId: GUILD, userId, trip: String(trip.id), notes: text });
    const early = await notes(HOST, '  Belle rencontre  ');
    expect([early.outcome, early.recapAt.toISOString()]).toEqual(['later', DUE.toISOString()]);
    clock.set(new Date(DUE.getTime() + 60_000));
    await run();
    expect(port.messages[0]?.notes).toBe('Belle rencontre');
    const shown = await notes(HOST, 'Suite : un atelier en janvier');
    expect(shown.outcome).toBe('shown');
    expect(shown.url).toBe(`https://discord.com/channels/${GUILD}/${trip.messageId}/${port.messages[0]?.id}`);
    expect(port.messages[0]?.notes).toBe('Suite : un atelier en janvier');
    expect((await notes(HOST, '-')).outcome).toBe('cleared');
    expect(port.messages[0]?.notes).toBeNull();
    const refused = await notes(ALICE, 'Hop').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(UserFacingError);
    expect((refused as UserFacingError).key).toBe('recap.notes.notHost');
    const tooLong = await notes(HOST, 'x'.repeat(1_501)).catch((error: unknown) => error);
    expect((tooLong as UserFacingError).key).toBe('recap.notes.tooLong');
  });

  it('GIVEN a meetup WHEN "I was there" comes before it started, then after THEN the first is refused, the second recorded and counted in the history', async () => {
    const { deps, trip, clock } = await setup({ now: new Date(STARTS.getTime() - 60_000) });
    const early = await recordAttendance(deps, { guildId: GUILD, tripId: trip.id, userId: BOB }).catch(
      (error) => error,
    );
    expect((early as UserFacingError).key).toBe('recap.attended.tooEarly');
    clock.set(DUE);
    const result = await recordAttendance(deps, { guildId: GUILD, tripId: trip.id, userId: BOB });
    expect([result.recorded, result.meetupsAttended]).toEqual([true, 1]);
    const history = await listHistoryPage(deps, { guildId: GUILD, userId: BOB, page: 0 });
    expect(history.entries.map((entry) => [entry.trip.id, entry.going, entry.attended])).toEqual([[trip.id, 2, 1]]);
    expect([history.total, history.pageCount, history.yours]).toEqual([1, 1, 1]);
  });
});
