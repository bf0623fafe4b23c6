import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../../src/db/client.js';
import { deployCommands } from '../../src/deploy-commands.js';
import type { EmuMessage } from '../../src/emulator/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { type Actor, DEFAULT_START, type World } from '../../src/sandbox/world.js';

/** The bot's log as JSON lines, kept in memory: the production logger (token scrubbing included), captured. */
export interface CapturedLog {
  logger: Logger;
  lines: string[];
  text(): string;
}

export function captureLog(input: { level?: string; secrets?: string[] } = {}): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger({
    level: input.level ?? 'debug',
    secrets: input.secrets ?? [],
    destination: {
      write(line: string) {
        lines.push(line);
      },
    },
  });
  return { logger, lines, text: () => lines.join('') };
}

/** Every row of every table of ours (not drizzle's bookkeeping), as sorted JSON: equal snapshots, nothing written. */
export async function snapshotTables(db: Database): Promise<Record<string, string[]>> {
  const tables = await queryRows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const snapshot: Record<string, string[]> = {};
  for (const { table_name: table } of tables) {
    const rows = await queryRows<{ row: string }>(
      db,
      sql`select (to_jsonb(t))::text as row from ${sql.identifier(table)} t`,
    );
    snapshot[table] = rows.map((row) => row.row).sort();
  }
  return snapshot;
}

/** Messages anyone was notified by (users, roles or @everyone), in every channel of the emulator. */
export function pingingMessages(world: World, since = 0): EmuMessage[] {
  return [...world.emulator.state.messages.values()].filter(
    (message) =>
      message.createdAt.getTime() >= since &&
      (message.pinged.everyone || message.pinged.users.length > 0 || message.pinged.roles.length > 0),
  );
}

/** `/trip new` by `host`; returns the announcement (found by its RSVP buttons) and the trip id. */
export async function announceTrip(
  world: World,
  host: Actor,
  options: Record<string, string | number>,
  where: { locale?: string; channel?: string } = {},
): Promise<{ message: EmuMessage; tripId: number }> {
  const channel = world.channel(where.channel ?? '#general');
  const before = new Set(channel.messages().map((message) => message.id));
  const result = await host.runs('/trip new', options, where);
  await result.settled(15_000);
  const message = channel.messages().find((candidate) => !before.has(candidate.id) && tripIdOf(candidate) !== null);
  if (!message) throw new Error(`no announcement after /trip new: ${result.text()}`);
  return { message, tripId: tripIdOf(message)! };
}

export function tripIdOf(message: EmuMessage): number | null {
  const match = /"custom_id":"rsvp:(\d+):going"/.exec(JSON.stringify(message.components));
  return match ? Number(match[1]) : null;
}

/** A new guild (no welcome channel) with the commands deployed and the town of Rimouski; the clock back at its start. */
export async function freshGuildWithTown(world: World, input: { locale?: string } = {}): Promise<void> {
  world.clock.set(DEFAULT_START);
  world.createGuild({ preferredLocale: input.locale ?? 'fr' });
  world.emulator.updateGuild(world.guild.id, { systemChannelId: null });
  await deployCommands(world.config());
  await (await world.owner.runs('/town add', { name: 'Rimouski' })).settled();
}
