import { describe, expect, it } from 'vitest';
import type { QuietPingsPort } from '../../src/app/ports.js';
import { QUIET_PINGS_JOB, quietPingsKey, sendHeldPings } from '../../src/app/quietPings.js';
import { createTrip } from '../../src/app/trips/create.js';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { deleteTown, insertTown, type TownRow } from '../../src/db/repositories/towns.js';
import { getStop } from '../../src/db/repositories/trips.js';
import type { ManualClock } from '../../src/domain/clock.js';
import { normalizeTownName } from '../../src/domain/towns.js';
import { listJobs } from '../../src/jobs/queue.js';
import { testDatabaseKinds, useTestDatabase } from '../support/db.js';
import { testAppDeps } from '../support/fakeTownRoles.js';
import { FakeTripPort } from './tripsFakePort.js';

const GUILD = '100000000000000001';
const CHANNEL = '110000000000000001';
const HOST = '300000000000000001';
/** 23:00 in Toronto (Thursday 2026-11-26 begins at 05:00 UTC); quiet hours 22:00–07:00 end at 12:00 UTC. */
const LATE_EVENING = new Date('2026-11-26T04:00:00Z');
const END = new Date('2026-11-26T12:00:00Z');

/** The Discord side, recorded: every held ping it was asked to post. */
class RecordingQuietPings implements QuietPingsPort {
  readonly posted: Parameters<QuietPingsPort['postHeldPings']>[0][] = [];
  async postHeldPings(input: Parameters<QuietPingsPort['postHeldPings']>[0]) {
    this.posted.push(input);
    return { messageId: `9000000000000000${this.posted.length}` };
  }
  guildLocale() {
    return 'fr';
  }
}

describe.each(testDatabaseKinds())('pings held through the server’s quiet hours on %s', (kind) => {
  const database = useTestDatabase(kind);

  async function setup() {
    const deps = testAppDeps(database, LATE_EVENING);
    const towns = new Map<string, TownRow>();
    for (const [index, name] of ['Rimouski', 'Le Bic'].entries()) {
      const town = await insertTown(deps.db, {
        guildId: GUILD,
        name,
        normalizedName: normalizeTownName(name),
        roleId: `20000000000000000${index}`,
        latitude: 48.45 - index * 0.05,
        longitude: -68.52 - index * 0.2,
      });
      if (town) towns.set(name, town);
    }
    await updateGuildSettings(deps.db, GUILD, { quietHours: '22:00-07:00' }, LATE_EVENING);
    const trip = await createTrip(deps, new FakeTripPort(), {
      guildId: GUILD,
      hostId: HOST,
      channelId: CHANNEL,
      language: 'fr',
      town: 'Rimouski',
      when: '2026-11-28 12:00',
      reach: 'nearby',
    });
    return { deps, towns, trip: trip.trip, clock: deps.clock as ManualClock, port: new RecordingQuietPings() };
  }

  it('GIVEN a trip announced at 23:00 WHEN announced THEN it pings nobody and one job waits for 07:00 with its towns', async () => {
    const { deps, towns, trip } = await setup();
    expect(trip.pingedRoleIds).toEqual([]);
    const [job] = await listJobs(deps.db, 'quiet-pings:');
    expect(job).toMatchObject({ kind: QUIET_PINGS_JOB, dedupeKey: quietPingsKey(trip.id), runAt: END });
    expect(job?.payload).toEqual({
      stopId: trip.id,
      roleIds: [towns.get('Rimouski')?.roleId, towns.get('Le Bic')?.roleId],
    });
  });

  it('GIVEN the job run twice at 07:00 (at-least-once) WHEN it sends THEN one message pings the towns and the ping time is stored', async () => {
    const { deps, towns, trip, clock, port } = await setup();
    clock.set(END);
    const roleIds = [towns.get('Rimouski')?.roleId ?? '', towns.get('Le Bic')?.roleId ?? ''];
    expect(await sendHeldPings(deps, port, { guildId: GUILD, stopId: trip.id, roleIds })).toEqual({ status: 'done' });
    expect(await sendHeldPings(deps, port, { guildId: GUILD, stopId: trip.id, roleIds })).toEqual({ status: 'done' });

    expect(port.posted).toHaveLength(1);
    expect(port.posted[0]).toMatchObject({ roleIds, language: 'fr', townName: 'Rimouski', stopId: trip.id });
    const stop = await getStop(deps.db, GUILD, trip.id);
    expect(stop).toMatchObject({ pingedRoleIds: roleIds, pingedAt: END, pingMessageId: '90000000000000001' });
  });

  it('GIVEN a town removed overnight WHEN quiet hours end THEN only the remaining town is pinged', async () => {
    const { deps, towns, trip, clock, port } = await setup();
    const bic = towns.get('Le Bic');
    if (!bic) throw new Error('no Le Bic');
    await deleteTown(deps.db, GUILD, bic.id);
    clock.set(END);
    await sendHeldPings(deps, port, {
      guildId: GUILD,
      stopId: trip.id,
      roleIds: [towns.get('Rimouski')?.roleId ?? '', bic.roleId],
    });
    expect(port.posted.map((posted) => posted.roleIds)).toEqual([[towns.get('Rimouski')?.roleId]]);
  });

  it('GIVEN a stop that starts before quiet hours end WHEN the job runs THEN nothing is sent', async () => {
    const { deps, towns, trip, clock, port } = await setup();
    clock.set(new Date('2026-11-28T18:00:00Z'));
    const outcome = await sendHeldPings(deps, port, {
      guildId: GUILD,
      stopId: trip.id,
      roleIds: [towns.get('Rimouski')?.roleId ?? ''],
    });
    expect(outcome).toEqual({ status: 'skipped', reason: 'the stop has started' });
    expect(port.posted).toEqual([]);
  });
});
