import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../../src/config.js';
import type { InteractionResult } from '../../src/emulator/index.js';
import { t } from '../../src/i18n/index.js';
import type { Actor } from '../../src/sandbox/world.js';
import { World } from '../support/e2e.js';
import { announceTrip, type CapturedLog, captureLog } from '../support/reliability.js';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.js';
import { type PostgresServer, provisionPostgres } from '../support/throwawayPostgres.js';

const OUTAGE_MS = 10_000;
const CLICK_EVERY_MS = 50;
const EDGE_MS = 750;
const RESPONSES = ['going', 'maybe', 'no'] as const;
type Response = (typeof RESPONSES)[number];

interface Attempt {
  actor: Actor;
  response: Response;
  /**
   * By dispatch time. A click sent just before the cut or the restore may reach the database on the other side of
   * it, so those sent within EDGE_MS of either are 'edge': confirmation or database error, both are right.
   */
  phase: 'before' | 'edge' | 'outage' | 'after';
  dispatchedAt: number;
  result?: InteractionResult;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Postgres is the one dependency the bot cannot answer without. A TCP proxy sits between the bot's pool and the
 * server; cutting it destroys every connection and refuses new ones, as a stopped server does. Runs on the
 * TEST_DATABASE_URL server (CI), or on a throwaway cluster when only the Postgres binaries are installed.
 */
describe('Postgres unreachable under RSVP traffic', () => {
  let server: PostgresServer;
  let databaseUrl: string;
  let proxy: TcpProxy;
  let world: World;
  let log: CapturedLog;

  beforeAll(async () => {
    server = await provisionPostgres({ testDatabaseUrl: testDatabaseUrl() });
    databaseUrl = await server.createDatabase('escale_test');
    const direct = new URL(databaseUrl);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port) });
    const botToken = `${randomBytes(18).toString('base64url')}.${randomBytes(4).toString('base64url')}.${randomBytes(27).toString('base64url')}`;
    log = captureLog({ level: 'warn', secrets: [botToken] });
    world = await World.create({
      databaseUrl: proxy.urlThrough(databaseUrl),
      logger: log.logger,
      emulator: { botToken },
    });
  });

  afterAll(async () => {
    await world?.stop();
    await proxy?.close();
    await server?.close();
  });

  it('GIVEN members clicking RSVP buttons 20 times a second WHEN Postgres is unreachable for 10 s THEN each click during the outage gets the localized "database unavailable" reply, the bot recovers without restart, and no answer confirmed to a member is missing, and the bot still stops cleanly', async () => {
    await (await world.owner.runs('/town add', { name: 'Rimouski' })).settled();
    const { message, tripId } = await announceTrip(world, world.owner, { town: 'Rimouski', when: 'demain 12h' });
    const members = Array.from({ length: 30 }, (_, index) => world.join(`Membre${index}`));

    const attempts: Attempt[] = [];
    let phase: Attempt['phase'] = 'before';
    let stop = false;
    const pending: Promise<unknown>[] = [];
    const traffic = (async () => {
      for (let index = 0; !stop; index += 1) {
        const member = index % members.length;
        const actor = members[member]!;
        // Every click changes that member's answer, and members end on different answers.
        const response = RESPONSES[(Math.floor(index / members.length) + member) % RESPONSES.length]!;
        const attempt: Attempt = { actor, response, phase, dispatchedAt: Date.now() };
        attempts.push(attempt);
        pending.push(
          actor.clicks(message, response).then((result) => {
            attempt.result = result;
          }),
        );
        await sleep(CLICK_EVERY_MS);
      }
    })();

    await sleep(2_000 - EDGE_MS);
    phase = 'edge';
    await sleep(EDGE_MS);
    await proxy.cut();
    phase = 'outage';
    await sleep(OUTAGE_MS - EDGE_MS);
    phase = 'edge';
    await sleep(EDGE_MS);
    const restoredAt = Date.now();
    await proxy.restore();
    phase = 'after';
    // Keep clicking until the bot has answered normally for three seconds, or give up after 20 s.
    const confirmed = (attempt: Attempt) => attempt.result !== undefined && !isError(attempt.result);
    await world.emulator.waitFor(() => {
      const firstOk = attempts.find((attempt) => attempt.phase === 'after' && confirmed(attempt));
      return firstOk !== undefined && Date.now() - firstOk.dispatchedAt > 3_000;
    }, 20_000);
    stop = true;
    await traffic;
    await Promise.all(pending);

    const unavailable = t('fr', 'error.databaseUnavailable');
    const texts = (wanted: Attempt['phase']) =>
      attempts.filter((attempt) => attempt.phase === wanted).map((attempt) => attempt.result!.text());

    // Every click was answered within Discord's deadline, outage or not.
    expect(attempts.filter((attempt) => attempt.result!.timedOut)).toEqual([]);
    // Before: confirmations (a repeated answer reads "C’était déjà ta réponse." then "C’est noté…"). During: the clear, localized message, never the generic apology.
    expect(texts('before').length).toBeGreaterThan(15);
    expect(texts('before').filter((text) => !text.includes('C’est noté'))).toEqual([]);
    expect(texts('outage').length).toBeGreaterThan(100);
    expect(new Set(texts('outage'))).toEqual(new Set([unavailable]));
    expect(texts('edge').filter((text) => text !== unavailable && !text.includes('C’est noté'))).toEqual([]);
    expect(attempts.every((attempt) => attempt.result!.ephemeral)).toBe(true);

    // Recovered without a restart: the first confirmation after the restore came quickly, and nothing failed after it.
    const after = attempts.filter((attempt) => attempt.phase === 'after');
    const firstOk = after.findIndex(confirmed);
    expect(firstOk).toBeGreaterThanOrEqual(0);
    expect(after[firstOk]!.dispatchedAt - restoredAt).toBeLessThan(5_000);
    expect(after.slice(firstOk).filter((attempt) => !confirmed(attempt))).toEqual([]);
    expect(world.emulator.connected).toBe(true);
    expect(proxy.accepted).toBeGreaterThan(0);

    // Every answer the member saw confirmed is in the database (a later attempt that errored may have landed too).
    const stored = await storedAnswers(databaseUrl, tripId);
    for (const member of members) {
      const own = attempts.filter((attempt) => attempt.actor === member);
      const lastConfirmed = own.findLastIndex(confirmed);
      if (lastConfirmed < 0) continue;
      const acceptable = new Set(own.slice(lastConfirmed).map((attempt) => attempt.response));
      expect(acceptable, `${member.name}: stored "${stored.get(member.id)}"`).toContain(stored.get(member.id));
    }

    // The announcement caught up with the database once it was back.
    await world.bot.services.announcements.idle();
    const going = [...stored.values()].filter((status) => status === 'going').length; // the host included
    const maybe = [...stored.values()].filter((status) => status === 'maybe').length;
    await world.settle(() => {
      const text = world.emulator.text(message.id);
      return text.includes(`Je viens: ${going}\n`) && text.includes(`Peut-être: ${maybe}\n`);
    }, 10_000);

    // The bot still answers commands that need the database.
    const show = await world.owner.runs('/trip show', { trip: String(tripId) });
    expect(show.timedOut).toBe(false);
    expect(show.text()).toContain('Rimouski');
    expect(log.text()).not.toMatch(/unhandled/i);

    // Every connection the outage broke went back to the pool: stopping (which ends the pool) does not hang.
    const stopped = await Promise.race([world.bot.stop().then(() => 'stopped'), sleep(10_000).then(() => 'hung')]);
    expect(stopped).toBe('stopped');
  }, 90_000);
});

function isError(result: InteractionResult): boolean {
  const errors = (['error.databaseUnavailable', 'error.generic'] as const).flatMap((key) => [
    t('fr', key),
    t('en', key),
  ]);
  return result.timedOut || result.texts().some((text) => errors.includes(text));
}

/** The answers stored for a stop (the id in the announcement's buttons). */
async function storedAnswers(url: string, stopId: number): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ user_id: string; status: string }>(
      'select user_id, status from rsvps where stop_id = $1',
      [stopId],
    );
    return new Map(rows.map((row) => [row.user_id, row.status]));
  } finally {
    await client.end();
  }
}
