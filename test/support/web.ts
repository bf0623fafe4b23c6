import type { GuildDirectory, WebDeps } from '../../src/app/publicPage.js';
import type { Database } from '../../src/db/client.js';
import { updateGuildSettings } from '../../src/db/repositories/guildSettings.js';
import { saveRsvps } from '../../src/db/repositories/rsvps.js';
import { insertTown, type TownRow } from '../../src/db/repositories/towns.js';
import { insertTrip, type NewTrip, type TripRow } from '../../src/db/repositories/trips.js';
import { ManualClock } from '../../src/domain/clock.js';
import { BAS_SAINT_LAURENT_PRESET, normalizeTownName } from '../../src/domain/towns.js';
import { createWebApp, type WebAppOptions } from '../../src/http/app.js';
import { type HttpListener, listenHttp } from '../../src/http/listen.js';
import { createMetricsRegistry } from '../../src/metricsPrometheus.js';

/** A community with the ten Bas-Saint-Laurent towns, some trips and answers, for the web tests and the bench. */
export const WEB_GUILD = '100000000000000001';
export const HIDDEN_GUILD = '100000000000000002';
export const HOST = '300000000000000001';
export const MEMBERS = ['300000000000000002', '300000000000000003', '300000000000000004'] as const;
/** Wednesday 2026-11-25, 10:00 in Toronto. */
export const WEB_NOW = new Date('2026-11-25T15:00:00Z');

export const directory: GuildDirectory = {
  guildName: (guildId) => (guildId === WEB_GUILD ? 'Tech Bas-Saint-Laurent' : 'Secret Club'),
  guildLocale: () => 'fr',
  displayNames: async (_guildId, userIds) => new Map(userIds.map((id) => [id, id === HOST ? 'Marie Tremblay' : 'X'])),
};

export async function seedTowns(db: Database, guildId: string): Promise<Map<string, TownRow>> {
  const towns = new Map<string, TownRow>();
  for (const [index, preset] of BAS_SAINT_LAURENT_PRESET.towns.entries()) {
    const town = await insertTown(db, {
      guildId,
      name: preset.name,
      normalizedName: normalizeTownName(preset.name),
      roleId: `${guildId.slice(0, 15)}${String(index).padStart(3, '0')}`,
      latitude: preset.lat,
      longitude: preset.lon,
    });
    if (!town) throw new Error(`town ${preset.name} not seeded`);
    towns.set(preset.name, town);
  }
  return towns;
}

export async function addTrip(
  db: Database,
  town: TownRow,
  startsAt: Date,
  extra: Partial<NewTrip> = {},
): Promise<TripRow> {
  return insertTrip(db, {
    guildId: town.guildId,
    hostId: HOST,
    townId: town.id,
    townName: town.name,
    startsAt,
    durationMinutes: 90,
    topic: null,
    venue: null,
    capacity: null,
    reach: 'town',
    pingedRoleIds: [town.roleId],
    createdAt: WEB_NOW,
    updatedAt: WEB_NOW,
    ...extra,
  });
}

export async function answer(
  db: Database,
  tripId: number,
  userId: string,
  status: 'going' | 'maybe' | 'no',
  guests = 0,
) {
  await saveRsvps(db, [{ stopId: tripId, userId, status, guests, respondedAt: WEB_NOW, waitlistedAt: null }]);
}

export interface SeededCommunity {
  towns: Map<string, TownRow>;
  /** Rimouski Dec 4 noon (topic, venue, capacity 12, 3 going + 1 guest), Matane Dec 2, Dégelis Dec 10, one past, one cancelled. */
  trips: { rimouski: TripRow; matane: TripRow; degelis: TripRow; past: TripRow; cancelled: TripRow; hidden: TripRow };
}

export async function seedCommunity(db: Database): Promise<SeededCommunity> {
  await updateGuildSettings(
    db,
    WEB_GUILD,
    { publicPage: true, publicSlug: 'tech-bsl', inviteUrl: 'https://discord.gg/escale-bsl' },
    WEB_NOW,
  );
  await updateGuildSettings(db, HIDDEN_GUILD, { publicPage: false, publicSlug: 'secret-club' }, WEB_NOW);
  const towns = await seedTowns(db, WEB_GUILD);
  const hiddenTowns = await seedTowns(db, HIDDEN_GUILD);
  const town = (name: string) => {
    const found = towns.get(name);
    if (!found) throw new Error(name);
    return found;
  };
  const rimouski = await addTrip(db, town('Rimouski'), new Date('2026-12-04T17:00:00Z'), {
    topic: 'IA en région',
    venue: 'Café du Port',
    capacity: 12,
  });
  const matane = await addTrip(db, town('Matane'), new Date('2026-12-02T23:30:00Z'), { topic: 'Apéro <b>tech</b>' });
  const degelis = await addTrip(db, town('Dégelis'), new Date('2026-12-10T17:00:00Z'));
  const past = await addTrip(db, town('Amqui'), new Date('2026-11-20T17:00:00Z'));
  const cancelled = await addTrip(db, town('Mont-Joli'), new Date('2026-12-05T17:00:00Z'), {
    status: 'cancelled',
    cancelReason: 'tempête',
  });
  const hiddenTown = hiddenTowns.get('Rimouski');
  if (!hiddenTown) throw new Error('hidden town');
  const hidden = await addTrip(db, hiddenTown, new Date('2026-12-04T17:00:00Z'), { topic: 'Réunion secrète' });
  await answer(db, rimouski.id, MEMBERS[0], 'going', 1);
  await answer(db, rimouski.id, MEMBERS[1], 'going');
  await answer(db, rimouski.id, MEMBERS[2], 'maybe');
  await answer(db, matane.id, MEMBERS[0], 'going');
  await answer(db, cancelled.id, MEMBERS[0], 'going');
  return { towns, trips: { rimouski, matane, degelis, past, cancelled, hidden } };
}

export interface WebServer {
  url: string;
  clock: ManualClock;
  listener: HttpListener;
  close(): Promise<void>;
}

/** The real web app on a real socket (port 0), as the bot serves it. */
export async function startWebServer(
  db: Database,
  options: Partial<Omit<WebAppOptions, 'web'>> = {},
): Promise<WebServer> {
  const clock = new ManualClock(WEB_NOW);
  const web: WebDeps = { db, clock, directory };
  const listener = await listenHttp(0, '127.0.0.1');
  listener.attach(
    createWebApp({
      web,
      publicUrl: undefined,
      health: async () => ({ gateway: true, database: true }),
      metrics: createMetricsRegistry(),
      ...options,
    }),
  );
  return { url: `http://127.0.0.1:${listener.port}`, clock, listener, close: () => listener.close() };
}
